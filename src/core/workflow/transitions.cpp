#include "core/workflow/transitions.hpp"

#include <algorithm>

namespace heed::core::workflow {
namespace {

using enum Status;
using R = Role;

// Staff who work complaints day to day.
const std::vector<Role> kHandlers{R::kAgent, R::kTeamLead, R::kManager, R::kDirector, R::kDepartment, R::kAdmin};
const std::vector<Role> kLeads{R::kTeamLead, R::kManager, R::kDirector, R::kAdmin};
const std::vector<Role> kDispatchers{R::kAgent, R::kTeamLead, R::kManager, R::kDirector, R::kAdmin, R::kSystem};

const std::vector<TransitionRule> kTable{
    {kNew, kTriaged, {R::kAgent, R::kTeamLead, R::kManager, R::kDirector, R::kAdmin, R::kSystem}},
    {kNew, kAssigned, kDispatchers, Guard::kNeedsAssignee},
    {kNew, kRejected, kLeads, Guard::kNeedsReason},
    {kNew, kMerged, kHandlers, Guard::kNeedsMergeTarget},
    {kTriaged, kAssigned, kDispatchers, Guard::kNeedsAssignee},
    {kTriaged, kRejected, kLeads, Guard::kNeedsReason},
    {kTriaged, kMerged, kHandlers, Guard::kNeedsMergeTarget},
    {kAssigned, kInProgress, kHandlers, Guard::kNeedsAssignee},
    {kAssigned, kRejected, kLeads, Guard::kNeedsReason},
    {kAssigned, kMerged, kHandlers, Guard::kNeedsMergeTarget},
    {kInProgress, kWaitingCustomer, kHandlers},
    {kInProgress, kWaitingDepartment, kHandlers},
    {kInProgress, kResolved, kHandlers, Guard::kNeedsResolution},
    {kInProgress, kMerged, kHandlers, Guard::kNeedsMergeTarget},
    {kWaitingCustomer, kInProgress,
     {R::kCustomer, R::kAgent, R::kTeamLead, R::kManager, R::kDirector, R::kAdmin, R::kSystem}},
    {kWaitingCustomer, kResolved, kHandlers, Guard::kNeedsResolution},
    {kWaitingDepartment, kInProgress, kHandlers},
    {kWaitingDepartment, kResolved, kHandlers, Guard::kNeedsResolution},
    {kResolved, kFollowUp, {R::kAgent, R::kTeamLead, R::kManager, R::kDirector, R::kAdmin, R::kSystem}},
    {kResolved, kClosed, {R::kCustomer, R::kAgent, R::kTeamLead, R::kManager, R::kDirector, R::kAdmin, R::kSystem}},
    {kResolved, kReopened, {R::kCustomer, R::kAgent, R::kTeamLead, R::kManager, R::kDirector, R::kAdmin, R::kSystem},
     Guard::kNeedsReason},
    {kFollowUp, kClosed, {R::kCustomer, R::kAgent, R::kTeamLead, R::kManager, R::kDirector, R::kAdmin, R::kSystem}},
    {kFollowUp, kReopened, {R::kCustomer, R::kAgent, R::kTeamLead, R::kManager, R::kDirector, R::kAdmin, R::kSystem},
     Guard::kNeedsReason},
    {kClosed, kReopened, {R::kCustomer, R::kTeamLead, R::kManager, R::kDirector, R::kAdmin}, Guard::kNeedsReason},
    {kRejected, kReopened, {R::kManager, R::kDirector, R::kAdmin}, Guard::kNeedsReason},
    {kReopened, kAssigned, kDispatchers, Guard::kNeedsAssignee},
    {kReopened, kInProgress, kHandlers, Guard::kNeedsAssignee},
};

bool Contains(const std::vector<Role>& roles, Role role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

Event MakeStatusEvent(const complaint::Complaint& c, const Actor& actor, Instant now, Status to,
                      const std::string& note) {
    return Event{{}, c.tenant, c.id, now, actor.name, actor.role, EventKind::kStatusChanged, "status",
                 std::string(ToString(c.status)), std::string(ToString(to)), note};
}

Event MakeFieldEvent(const complaint::Complaint& c, const Actor& actor, Instant now, std::string field,
                     std::string before, std::string after) {
    return Event{{}, c.tenant, c.id, now, actor.name, actor.role, EventKind::kFieldChanged, std::move(field),
                 std::move(before), std::move(after), {}};
}

}  // namespace

std::span<const TransitionRule> TransitionTable() { return kTable; }

std::vector<Status> AllowedTargets(Status from, Role role) {
    std::vector<Status> targets;
    for (const auto& rule : kTable) {
        if (rule.from == from && Contains(rule.roles, role)) targets.push_back(rule.to);
    }
    return targets;
}

Result<Change> ApplyTransition(const complaint::Complaint& current, Status to, const TransitionInput& input,
                               const Actor& actor, Instant now) {
    auto rule = std::find_if(kTable.begin(), kTable.end(),
                             [&](const TransitionRule& r) { return r.from == current.status && r.to == to; });
    if (rule == kTable.end() || !Contains(rule->roles, actor.role)) {
        bool exists = rule != kTable.end();
        Error error{exists ? ErrorCode::kPermissionDenied : ErrorCode::kIllegalTransition,
                    std::string(exists ? "role " : "no transition ") +
                        (exists ? std::string(ToString(actor.role)) + " may not move a complaint from "
                                : "from ") +
                        std::string(ToString(current.status)) + " to " + std::string(ToString(to)),
                    "status",
                    {}};
        for (Status allowed : AllowedTargets(current.status, actor.role)) {
            error.allowed.emplace_back(ToString(allowed));
        }
        return tl::unexpected(std::move(error));
    }

    Change change{current, {}};
    complaint::Complaint& next = change.complaint;
    switch (rule->guard) {
        case Guard::kNone: break;
        case Guard::kNeedsAssignee:
            if (input.assignee.empty() && current.assignee.empty()) {
                return Fail(ErrorCode::kInvalidArgument, "an assignee is required to move to " +
                                                             std::string(ToString(to)), "assignee");
            }
            break;
        case Guard::kNeedsResolution:
            if (input.resolution_summary.empty() && current.resolution_summary.empty()) {
                return Fail(ErrorCode::kInvalidArgument, "a resolution summary is required to resolve",
                            "resolution_summary");
            }
            break;
        case Guard::kNeedsReason:
            if (input.reason.empty()) {
                return Fail(ErrorCode::kInvalidArgument,
                            "a reason is required to move to " + std::string(ToString(to)), "reason");
            }
            break;
        case Guard::kNeedsMergeTarget:
            if (!input.merge_target || !input.merge_target->valid() || *input.merge_target == current.id) {
                return Fail(ErrorCode::kInvalidArgument, "merging needs another complaint to merge into",
                            "merge_target");
            }
            break;
    }

    if (!input.assignee.empty() && input.assignee != current.assignee) {
        change.events.push_back(MakeFieldEvent(current, actor, now, "assignee", current.assignee, input.assignee));
        next.assignee = input.assignee;
    }
    if (!input.resolution_summary.empty() && input.resolution_summary != current.resolution_summary) {
        change.events.push_back(MakeFieldEvent(current, actor, now, "resolution_summary", current.resolution_summary,
                                               input.resolution_summary));
        next.resolution_summary = input.resolution_summary;
    }
    if (rule->guard == Guard::kNeedsMergeTarget) {
        change.events.push_back(MakeFieldEvent(current, actor, now, "merged_into", "",
                                               std::to_string(input.merge_target->value)));
        next.links.merged_into = input.merge_target;
    }
    if (to == kRejected) next.rejection_reason = input.reason;
    if (to == kResolved) next.milestones.resolved_at = now;
    if (to == kClosed || to == kMerged || to == kRejected) next.milestones.closed_at = now;
    if (to == kReopened) {
        next.milestones.resolved_at.reset();
        next.milestones.closed_at.reset();
        next.customer_acceptance.reset();
    }
    change.events.push_back(MakeStatusEvent(current, actor, now, to, input.reason));
    next.status = to;
    next.updated_at = now;
    return change;
}

}  // namespace heed::core::workflow
