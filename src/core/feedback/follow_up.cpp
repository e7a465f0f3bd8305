#include "core/feedback/follow_up.hpp"

namespace heed::core::feedback {

std::vector<FollowUp> ScheduleFollowUps(const complaint::Complaint& resolved, Instant resolved_at) {
    std::vector<FollowUp> tasks;
    for (auto [kind, days] : {std::pair{FollowUpKind::kDay3, 3}, std::pair{FollowUpKind::kDay7, 7}}) {
        FollowUp f;
        f.tenant = resolved.tenant;
        f.complaint = resolved.id;
        f.number = resolved.number;
        f.kind = kind;
        f.due_at = resolved_at + std::chrono::hours(24 * days);
        f.assignee = resolved.assignee;
        f.team = resolved.team;
        f.created_at = resolved_at;
        tasks.push_back(std::move(f));
    }
    return tasks;
}

Timeliness TimelinessAt(const FollowUp& f, Instant now) {
    if (f.status == FollowUpStatus::kDone) return Timeliness::kDone;
    if (f.status == FollowUpStatus::kCancelled) return Timeliness::kCancelled;
    if (now < f.due_at) return Timeliness::kScheduled;
    if (now < f.due_at + kFollowUpGrace) return Timeliness::kDue;
    return Timeliness::kOverdue;
}

}  // namespace heed::core::feedback
