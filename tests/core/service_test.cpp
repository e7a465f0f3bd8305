#include <gtest/gtest.h>

#include "core/services/complaint_service.hpp"
#include "storage/memory/memory_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"

namespace heed::core::services {
namespace {

using testing::AComplaint;
using testing::AnActor;
using workflow::Role;
using workflow::Status;

class ComplaintServiceTest : public ::testing::Test {
protected:
    storage::memory::MemoryComplaintStore store_;
    testing::FakeClock clock_{*ParseIso8601("2024-05-10T02:00:00Z")};
    ComplaintService service_{store_, clock_};
};

TEST_F(ComplaintServiceTest, RefusesAComplaintWithoutDescriptionAndStoresNothing) {
    auto draft = AComplaint("subject", "   ");
    auto filed = service_.File(AnActor(), draft);
    ASSERT_FALSE(filed);
    EXPECT_EQ(filed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(filed.error().field, "description");
    EXPECT_EQ(*store_.Count(kDefaultTenant), 0);
}

TEST_F(ComplaintServiceTest, NamesTheBadFieldForEachKindOfBadInput) {
    struct Bad {
        std::function<void(complaint::Complaint&)> spoil;
        std::string field;
    };
    const Bad cases[] = {
        {[](auto& c) { c.subject.clear(); }, "subject"},
        {[](auto& c) { c.customer.phone = "call me"; }, "customer.phone"},
        {[](auto& c) { c.customer.email = "not-an-address"; }, "customer.email"},
        {[](auto& c) { c.classification.severity = 9; }, "severity"},
        {[](auto& c) { c.amount_in_dispute = complaint::Money{-1, "CNY"}; }, "amount_in_dispute"},
        {[](auto& c) { c.amount_in_dispute = complaint::Money{100, "yuan"}; }, "currency"},
        {[](auto& c) { c.description = std::string(complaint::kMaxDescriptionBytes + 1, 'x'); }, "description"},
        {[](auto& c) { c.subject = "\xff\xfe"; }, "subject"},
        {[](auto& c) { c.customer = {}; }, "customer"},
    };
    for (const auto& bad : cases) {
        auto draft = AComplaint();
        bad.spoil(draft);
        auto filed = service_.File(AnActor(), draft);
        ASSERT_FALSE(filed) << bad.field;
        EXPECT_EQ(filed.error().field, bad.field);
    }
    EXPECT_EQ(*store_.Count(kDefaultTenant), 0);
}

TEST_F(ComplaintServiceTest, RunsTheWholeLifecycleWithAnEventForEachStep) {
    auto filed = service_.File(AnActor(Role::kAgent), AComplaint());
    ASSERT_TRUE(filed);
    auto id = filed->id;
    auto step = [&](Status to, workflow::TransitionInput input, Role role = Role::kAgent) {
        clock_.Advance(std::chrono::hours(1));
        auto moved = service_.Transition(AnActor(role), id, std::nullopt, to, input);
        ASSERT_TRUE(moved) << moved.error().message;
        EXPECT_EQ(moved->status, to);
    };
    step(Status::kTriaged, {}, Role::kSystem);
    step(Status::kAssigned, {.assignee = "wang"}, Role::kTeamLead);
    step(Status::kInProgress, {});
    ASSERT_TRUE(service_.AddMessage(AnActor(Role::kAgent), id, complaint::Direction::kOutbound, "已联系快递公司"));
    step(Status::kWaitingCustomer, {});
    step(Status::kInProgress, {}, Role::kCustomer);
    step(Status::kResolved, {.resolution_summary = "补发商品并退运费"});
    step(Status::kFollowUp, {}, Role::kSystem);
    step(Status::kReopened, {.reason = "补发的也坏了"}, Role::kCustomer);
    step(Status::kInProgress, {});
    step(Status::kResolved, {.resolution_summary = "全额退款"});
    step(Status::kClosed, {}, Role::kCustomer);
    auto stored = service_.Get(kDefaultTenant, id);
    EXPECT_EQ(stored->status, Status::kClosed);
    EXPECT_EQ(stored->resolution_summary, "全额退款");
    EXPECT_TRUE(stored->milestones.first_response_at);
    EXPECT_EQ(stored->milestones.closed_at, clock_.Now());
    auto events = service_.Events(kDefaultTenant, id);
    int status_changes = 0;
    for (const auto& e : *events) status_changes += e.kind == workflow::EventKind::kStatusChanged;
    EXPECT_EQ(status_changes, 11);
}

TEST_F(ComplaintServiceTest, APatchThatChangesNothingKeepsTheVersion) {
    auto filed = service_.File(AnActor(), AComplaint());
    complaint::ComplaintPatch patch;
    patch.category = filed->classification.category;
    auto updated = service_.Update(AnActor(), filed->id, filed->version, patch);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->version, filed->version);
    EXPECT_EQ(service_.Events(kDefaultTenant, filed->id)->size(), 2u);
}

TEST_F(ComplaintServiceTest, CustomersCannotWriteOutboundMessages) {
    auto filed = service_.File(AnActor(), AComplaint());
    auto message = service_.AddMessage(AnActor(Role::kCustomer), filed->id, complaint::Direction::kOutbound, "hi");
    ASSERT_FALSE(message);
    EXPECT_EQ(message.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(ComplaintServiceTest, MergingNeedsAnExistingTargetInTheSameTenant) {
    auto filed = service_.File(AnActor(), AComplaint());
    auto merged = service_.Transition(AnActor(Role::kAgent), filed->id, std::nullopt, Status::kMerged,
                                      {.merge_target = ComplaintId{424242}});
    ASSERT_FALSE(merged);
    EXPECT_EQ(merged.error().field, "merge_target");
}

}  // namespace
}  // namespace heed::core::services
