#include <gtest/gtest.h>

#include <set>

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
        // A customer acts on their own complaint only (as the portal signs them in: by number and contact).
        auto actor = role == Role::kCustomer ? workflow::Actor{kDefaultTenant, "customer:" + filed->number, role, {}}
                                             : AnActor(role);
        auto moved = service_.Transition(actor, id, std::nullopt, to, input);
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

TEST_F(ComplaintServiceTest, AgentsInATeamSeeTheirTeamsComplaintsUnroutedOnesAndTheirOwn) {
    auto file = [&](std::string team, std::string department, std::string assignee) {
        auto draft = AComplaint();
        draft.team = std::move(team);
        draft.department = std::move(department);
        draft.assignee = std::move(assignee);
        auto filed = service_.File(AnActor(), draft);
        EXPECT_TRUE(filed) << filed.error().message;
        return filed->id;
    };
    auto east = file("east", "", "");
    auto west = file("west", "", "");
    auto unrouted = file("", "", "");
    auto west_mine = file("west", "", "agent.liu");
    auto logistics = file("west", "物流部", "");

    workflow::Actor liu{kDefaultTenant, "agent.liu", Role::kAgent, "east"};
    workflow::Actor dept{kDefaultTenant, "wuliu.zhang", Role::kDepartment, "物流部"};
    workflow::Actor teamless{kDefaultTenant, "script", Role::kAgent, ""};
    workflow::Actor analyst{kDefaultTenant, "qa.li", Role::kAnalyst, "east"};
    workflow::Actor customer{kDefaultTenant, "customer:web", Role::kCustomer, ""};
    auto ids = [&](const workflow::Actor& actor) {
        std::set<std::int64_t> seen;
        auto page = service_.List(actor, {});
        EXPECT_TRUE(page);
        for (const auto& c : page->items) seen.insert(c.id.value);
        return seen;
    };
    EXPECT_EQ(ids(liu), (std::set<std::int64_t>{east.value, unrouted.value, west_mine.value}));
    EXPECT_EQ(ids(dept), (std::set<std::int64_t>{logistics.value}));
    EXPECT_EQ(ids(teamless).size(), 5u);
    EXPECT_EQ(ids(analyst).size(), 5u);
    EXPECT_TRUE(ids(customer).empty());

    EXPECT_EQ(service_.Get(liu, west).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.Events(liu, west).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.Messages(liu, west).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.AddMessage(liu, west, complaint::Direction::kInternal, "peek").error().code,
              ErrorCode::kNotFound);
    EXPECT_EQ(service_.Transition(liu, west, std::nullopt, Status::kTriaged, {}).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.Update(liu, west, 1, {.category = "x"}).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(service_.Get(liu, west_mine));
    EXPECT_EQ(store_.Get(kDefaultTenant, west)->version, 1) << "nothing changed";
}

}  // namespace
}  // namespace heed::core::services
