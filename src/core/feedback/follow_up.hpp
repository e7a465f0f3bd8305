#pragma once
// "3+7" follow-ups (SPEC §6): when a complaint is resolved, a task due three days later confirms the problem is
// solved (a "no" reopens it) and one due seven days later asks about the experience and sends the survey.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/enum_names.hpp"
#include "core/common/ids.hpp"
#include "core/common/time.hpp"
#include "core/complaint/complaint.hpp"

namespace heed::core::feedback {

enum class FollowUpKind { kDay3, kDay7 };
inline constexpr EnumNames<FollowUpKind, 2> kFollowUpKindNames{{{FollowUpKind::kDay3, "day3"},
                                                               {FollowUpKind::kDay7, "day7"}}};

enum class FollowUpStatus { kPending, kDone, kCancelled };
inline constexpr EnumNames<FollowUpStatus, 3> kFollowUpStatusNames{{{FollowUpStatus::kPending, "pending"},
                                                                   {FollowUpStatus::kDone, "done"},
                                                                   {FollowUpStatus::kCancelled, "cancelled"}}};

// day3: solved / not_solved; day7: reached / unreachable (the survey goes out either way unless told not to).
enum class FollowUpOutcome { kSolved, kNotSolved, kReached, kUnreachable };
inline constexpr EnumNames<FollowUpOutcome, 4> kFollowUpOutcomeNames{{{FollowUpOutcome::kSolved, "solved"},
                                                                     {FollowUpOutcome::kNotSolved, "not_solved"},
                                                                     {FollowUpOutcome::kReached, "reached"},
                                                                     {FollowUpOutcome::kUnreachable, "unreachable"}}};

struct FollowUp {
    std::int64_t id = 0;
    TenantId tenant;
    ComplaintId complaint;
    std::string number;
    FollowUpKind kind = FollowUpKind::kDay3;
    Instant due_at{};
    std::string assignee;  // the complaint's owner at resolution: whose queue it is in
    std::string team;
    FollowUpStatus status = FollowUpStatus::kPending;
    std::optional<FollowUpOutcome> outcome;
    std::string note;
    Instant created_at{};
    std::optional<Instant> done_at;
    std::string done_by;
    std::optional<std::int64_t> survey_id;  // the survey the day-7 follow-up sent
};

// The two tasks for a complaint resolved at `resolved_at`: due at +3 and +7 days.
std::vector<FollowUp> ScheduleFollowUps(const complaint::Complaint& resolved, Instant resolved_at);

// Where a follow-up stands at `now`: "scheduled" (not yet due), "due" (its day: due_at ≤ now < due_at + 24 h),
// "overdue" (later and still pending), "done" or "cancelled".
enum class Timeliness { kScheduled, kDue, kOverdue, kDone, kCancelled };
inline constexpr EnumNames<Timeliness, 5> kTimelinessNames{{{Timeliness::kScheduled, "scheduled"},
                                                           {Timeliness::kDue, "due"},
                                                           {Timeliness::kOverdue, "overdue"},
                                                           {Timeliness::kDone, "done"},
                                                           {Timeliness::kCancelled, "cancelled"}}};
Timeliness TimelinessAt(const FollowUp& follow_up, Instant now);

inline constexpr std::chrono::hours kFollowUpGrace{24};

}  // namespace heed::core::feedback
