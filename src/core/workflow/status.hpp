#pragma once
// Complaint statuses (SPEC §2) and the few fixed categories that code may branch on.

#include <string_view>

#include "core/common/enum_names.hpp"

namespace heed::core::workflow {

enum class Status {
    kNew,
    kTriaged,
    kAssigned,
    kInProgress,
    kWaitingCustomer,
    kWaitingDepartment,
    kResolved,
    kFollowUp,
    kClosed,
    kReopened,
    kMerged,
    kRejected,
};

// kOpen: someone owes the customer work; kPaused: waiting on someone else (the SLA clock stops);
// kSolved: a resolution was given and is being confirmed; kEnded: no further work (closed, merged, rejected).
enum class StatusCategory { kOpen, kPaused, kSolved, kEnded };

inline constexpr EnumNames<Status, 12> kStatusNames{{{Status::kNew, "new"},
                                                     {Status::kTriaged, "triaged"},
                                                     {Status::kAssigned, "assigned"},
                                                     {Status::kInProgress, "in_progress"},
                                                     {Status::kWaitingCustomer, "waiting_customer"},
                                                     {Status::kWaitingDepartment, "waiting_department"},
                                                     {Status::kResolved, "resolved"},
                                                     {Status::kFollowUp, "follow_up"},
                                                     {Status::kClosed, "closed"},
                                                     {Status::kReopened, "reopened"},
                                                     {Status::kMerged, "merged"},
                                                     {Status::kRejected, "rejected"}}};

inline std::string_view ToString(Status status) { return NameOf(kStatusNames, status); }

constexpr StatusCategory CategoryOf(Status status) {
    switch (status) {
        case Status::kWaitingCustomer:
        case Status::kWaitingDepartment: return StatusCategory::kPaused;
        case Status::kResolved:
        case Status::kFollowUp: return StatusCategory::kSolved;
        case Status::kClosed:
        case Status::kMerged:
        case Status::kRejected: return StatusCategory::kEnded;
        default: return StatusCategory::kOpen;
    }
}

constexpr bool IsPaused(Status status) { return CategoryOf(status) == StatusCategory::kPaused; }

}  // namespace heed::core::workflow
