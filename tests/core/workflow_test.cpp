#include <gtest/gtest.h>

#include <algorithm>

#include "core/workflow/transitions.hpp"
#include "support/builders.hpp"

namespace heed::core::workflow {
namespace {

using testing::AComplaint;
using testing::AnActor;

const Instant kNow = *ParseIso8601("2024-05-02T10:00:00Z");

struct Case {
    Status from;
    Status to;
    Role role;
    TransitionInput input;
    bool allowed;
    ErrorCode error = ErrorCode::kInvalidArgument;
};

// The workflow as a table of cases: each line is one attempted step and whether it must succeed.
const Case kCases[] = {
    {Status::kNew, Status::kTriaged, Role::kSystem, {}, true},
    {Status::kNew, Status::kAssigned, Role::kTeamLead, {.assignee = "wang"}, true},
    {Status::kNew, Status::kAssigned, Role::kTeamLead, {}, false, ErrorCode::kInvalidArgument},
    {Status::kNew, Status::kResolved, Role::kManager, {.resolution_summary = "x"}, false, ErrorCode::kIllegalTransition},
    {Status::kNew, Status::kRejected, Role::kAgent, {.reason = "spam"}, false, ErrorCode::kPermissionDenied},
    {Status::kNew, Status::kRejected, Role::kTeamLead, {}, false, ErrorCode::kInvalidArgument},
    {Status::kNew, Status::kRejected, Role::kTeamLead, {.reason = "duplicate spam"}, true},
    {Status::kNew, Status::kRejected, Role::kSystem, {.reason = "auto"}, false, ErrorCode::kPermissionDenied},
    {Status::kInProgress, Status::kWaitingCustomer, Role::kAgent, {}, true},
    {Status::kWaitingCustomer, Status::kInProgress, Role::kCustomer, {}, true},
    {Status::kInProgress, Status::kResolved, Role::kAgent, {}, false, ErrorCode::kInvalidArgument},
    {Status::kInProgress, Status::kResolved, Role::kAgent, {.resolution_summary = "refunded"}, true},
    {Status::kInProgress, Status::kResolved, Role::kCustomer, {.resolution_summary = "x"}, false,
     ErrorCode::kPermissionDenied},
    {Status::kResolved, Status::kReopened, Role::kCustomer, {.reason = "still broken"}, true},
    {Status::kResolved, Status::kReopened, Role::kCustomer, {}, false, ErrorCode::kInvalidArgument},
    {Status::kClosed, Status::kInProgress, Role::kManager, {}, false, ErrorCode::kIllegalTransition},
    {Status::kMerged, Status::kReopened, Role::kAdmin, {.reason = "x"}, false, ErrorCode::kIllegalTransition},
    {Status::kTriaged, Status::kMerged, Role::kAgent, {.merge_target = ComplaintId{99}}, true},
    {Status::kTriaged, Status::kMerged, Role::kAgent, {}, false, ErrorCode::kInvalidArgument},
    {Status::kNew, Status::kTriaged, Role::kAnalyst, {}, false,
     ErrorCode::kPermissionDenied},
};

TEST(Workflow, FollowsTheTransitionTableCaseByCase) {
    for (const Case& c : kCases) {
        auto complaint = AComplaint();
        complaint.id = ComplaintId{7};
        complaint.tenant = kDefaultTenant;
        complaint.status = c.from;
        auto result = ApplyTransition(complaint, c.to, c.input, AnActor(c.role), kNow);
        SCOPED_TRACE(std::string(ToString(c.from)) + " -> " + std::string(ToString(c.to)) + " as " +
                     std::string(ToString(c.role)));
        ASSERT_EQ(result.has_value(), c.allowed) << (result ? "" : result.error().message);
        if (!c.allowed) {
            EXPECT_EQ(result.error().code, c.error);
            continue;
        }
        EXPECT_EQ(result->complaint.status, c.to);
        ASSERT_FALSE(result->events.empty());
        const Event& last = result->events.back();
        EXPECT_EQ(last.kind, EventKind::kStatusChanged);
        EXPECT_EQ(last.before, ToString(c.from));
        EXPECT_EQ(last.after, ToString(c.to));
        EXPECT_EQ(last.actor_role, c.role);
        EXPECT_EQ(last.at, kNow);
    }
}

TEST(Workflow, IllegalTransitionListsTheAllowedOnes) {
    auto complaint = AComplaint();
    complaint.status = Status::kNew;
    auto result = ApplyTransition(complaint, Status::kClosed, {}, AnActor(Role::kManager), kNow);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kIllegalTransition);
    const auto& allowed = result.error().allowed;
    EXPECT_NE(std::find(allowed.begin(), allowed.end(), "triaged"), allowed.end());
    EXPECT_NE(std::find(allowed.begin(), allowed.end(), "rejected"), allowed.end());
    EXPECT_EQ(std::find(allowed.begin(), allowed.end(), "closed"), allowed.end());
}

TEST(Workflow, ResolvingStampsTheMilestoneAndReopeningClearsIt) {
    auto complaint = AComplaint();
    complaint.status = Status::kInProgress;
    auto resolved =
        ApplyTransition(complaint, Status::kResolved, {.resolution_summary = "退款已到账"}, AnActor(Role::kAgent), kNow);
    ASSERT_TRUE(resolved);
    EXPECT_EQ(resolved->complaint.milestones.resolved_at, kNow);
    EXPECT_EQ(resolved->complaint.resolution_summary, "退款已到账");
    auto reopened = ApplyTransition(resolved->complaint, Status::kReopened, {.reason = "没收到"},
                                    AnActor(Role::kCustomer), kNow + std::chrono::hours(30));
    ASSERT_TRUE(reopened);
    EXPECT_FALSE(reopened->complaint.milestones.resolved_at);
    EXPECT_EQ(reopened->events.back().note, "没收到");
}

TEST(Workflow, EveryStatusOutsideTheEndedOnesHasAWayForward) {
    for (const auto& [status, name] : kStatusNames) {
        if (status == Status::kMerged) continue;  // merged is final by design
        bool has_exit = std::any_of(TransitionTable().begin(), TransitionTable().end(),
                                    [&](const TransitionRule& rule) { return rule.from == status; });
        EXPECT_TRUE(has_exit) << name;
    }
}

TEST(Workflow, WaitingStatusesArePaused) {
    EXPECT_TRUE(IsPaused(Status::kWaitingCustomer));
    EXPECT_TRUE(IsPaused(Status::kWaitingDepartment));
    EXPECT_FALSE(IsPaused(Status::kInProgress));
    EXPECT_EQ(CategoryOf(Status::kRejected), StatusCategory::kEnded);
}

}  // namespace
}  // namespace heed::core::workflow
