// Compensation and approvals: the authority matrix and who may decide as tables, then every path through the
// service — request, approve, reject, refused self-approval, insufficient authority, a decision above the required
// level, double decisions, the approvals queue, limits, visibility, and a failed complaint write leaving nothing.

#include <gtest/gtest.h>

#include "core/compensation/compensation.hpp"
#include "core/services/compensation_service.hpp"
#include "core/services/complaint_service.hpp"
#include "storage/memory/memory_compensation_store.hpp"
#include "storage/memory/memory_identity_store.hpp"
#include "storage/memory/memory_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"

namespace heed::core::compensation {
namespace {

using workflow::Actor;
using workflow::Role;

TEST(RequiredApprover, FollowsTheDefaultMatrix) {
    const ApprovalLimits limits;  // ≤ 1 000.00 lead, ≤ 10 000.00 manager, above director, CNY
    const struct {
        std::int64_t minor;
        const char* currency;
        Role expected;
    } cases[] = {
        {1, "CNY", Role::kTeamLead},         {100'000, "CNY", Role::kTeamLead},   // exactly 1 000.00
        {100'001, "CNY", Role::kManager},    {1'000'000, "CNY", Role::kManager},  // exactly 10 000.00
        {1'000'001, "CNY", Role::kDirector}, {500'000'000, "CNY", Role::kDirector},
        {100, "USD", Role::kDirector},  // another currency: no conversion, the top level decides
    };
    for (const auto& c : cases) {
        EXPECT_EQ(RequiredApprover(limits, {c.minor, c.currency}), c.expected) << c.minor << " " << c.currency;
    }
    ApprovalLimits tight{"CNY", 0, 50'000};
    EXPECT_EQ(RequiredApprover(tight, {1, "CNY"}), Role::kManager);
    EXPECT_EQ(RequiredApprover(tight, {50'001, "CNY"}), Role::kDirector);
}

TEST(CheckDecider, RefusesOwnRequestsAndLowerAuthority) {
    Compensation lead_level;
    lead_level.id = CompensationId{7};
    lead_level.required = Role::kTeamLead;
    lead_level.requested_by = "amy";
    Compensation manager_level = lead_level;
    manager_level.required = Role::kManager;
    manager_level.requested_by = "lead";
    Compensation decided = lead_level;
    decided.status = Status::kApproved;
    decided.decided_by = "lead2";

    const struct {
        const char* name;
        const Compensation& request;
        Actor actor;
        std::optional<ErrorCode> error;  // nullopt: may decide
        const char* message;
    } cases[] = {
        {"a lead decides a lead-level request", lead_level, {{}, "lead", Role::kTeamLead, ""}, std::nullopt, ""},
        {"a manager above the level may decide", lead_level, {{}, "boss", Role::kManager, ""}, std::nullopt, ""},
        {"a director above the level may decide", manager_level, {{}, "dir", Role::kDirector, ""}, std::nullopt, ""},
        {"an agent has no authority",
         lead_level,
         {{}, "bob", Role::kAgent, ""},
         ErrorCode::kPermissionDenied,
         "needs a team_lead or above"},
        {"an admin administers, not approves",
         lead_level,
         {{}, "root", Role::kAdmin, ""},
         ErrorCode::kPermissionDenied,
         "does not have that authority"},
        {"a lead is below a manager-level request",
         manager_level,
         {{}, "lead2", Role::kTeamLead, ""},
         ErrorCode::kPermissionDenied,
         "needs a manager or above"},
        {"nobody approves their own request",
         manager_level,
         {{}, "lead", Role::kManager, ""},
         ErrorCode::kPermissionDenied,
         "nobody approves or rejects their own request"},
        {"decided requests are closed",
         decided,
         {{}, "lead", Role::kTeamLead, ""},
         ErrorCode::kConflict,
         "already approved by lead2"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto checked = CheckDecider(c.request, c.actor);
        if (!c.error) {
            EXPECT_TRUE(checked) << checked.error().message;
            continue;
        }
        ASSERT_FALSE(checked);
        EXPECT_EQ(checked.error().code, *c.error);
        EXPECT_NE(checked.error().message.find(c.message), std::string::npos) << checked.error().message;
    }
}

TEST(ValidateLimits, NamesTheBadField) {
    EXPECT_TRUE(ValidateLimits({}));
    EXPECT_EQ(ValidateLimits({"cny", 1, 2}).error().field, "currency");
    EXPECT_EQ(ValidateLimits({"CNY", -1, 2}).error().field, "team_lead_max");
    EXPECT_EQ(ValidateLimits({"CNY", 5, 4}).error().field, "manager_max");
    EXPECT_TRUE(ValidateLimits({"EUR", 0, 0}));
}

}  // namespace
}  // namespace heed::core::compensation

namespace heed::core::services {
namespace {

using compensation::Kind;
using compensation::Status;
using testing::AComplaint;
using workflow::Actor;
using workflow::Role;

class RecordingAudit final : public ports::AuditLog {
public:
    Result<void> Record(const ports::AuditRecord& record) override {
        records.push_back(record.action + " " + record.detail);
        return {};
    }
    std::vector<std::string> records;
};

// The memory store with a switch that makes every complaint write fail, as a full disk would.
class FailingWrites final : public ports::ComplaintStore {
public:
    explicit FailingWrites(ports::ComplaintStore& inner) : inner_(inner) {}
    bool fail = false;
    Result<complaint::Complaint> Create(ports::NewComplaint c) override { return inner_.Create(std::move(c)); }
    std::vector<Result<complaint::Complaint>> CreateMany(std::vector<ports::NewComplaint> c) override {
        return inner_.CreateMany(std::move(c));
    }
    Result<complaint::Complaint> Get(TenantId t, ComplaintId id) override { return inner_.Get(t, id); }
    Result<complaint::Complaint> GetByNumber(TenantId t, const std::string& n) override {
        return inner_.GetByNumber(t, n);
    }
    Result<ports::UpdateResult> Update(ports::ComplaintUpdate u) override {
        if (fail) return Fail(ErrorCode::kUnavailable, "disk full");
        return inner_.Update(std::move(u));
    }
    Result<std::vector<ports::UpdateResult>> UpdateAll(std::vector<ports::ComplaintUpdate> u) override {
        if (fail) return Fail(ErrorCode::kUnavailable, "disk full");
        return inner_.UpdateAll(std::move(u));
    }
    Result<void> Delete(TenantId t, ComplaintId id, const Actor& by) override { return inner_.Delete(t, id, by); }
    Result<ports::ComplaintPage> List(TenantId t, const ports::ComplaintQuery& q) override { return inner_.List(t, q); }
    Result<std::vector<workflow::Event>> Events(TenantId t, ComplaintId id) override { return inner_.Events(t, id); }
    Result<std::vector<complaint::Message>> Messages(TenantId t, ComplaintId id) override {
        return inner_.Messages(t, id);
    }
    Result<std::int64_t> Count(TenantId t) override { return inner_.Count(t); }
    Result<void> ForEach(TenantId t, const std::function<bool(const complaint::Complaint&)>& v) override {
        return inner_.ForEach(t, v);
    }
    Result<std::vector<ports::SlaCheck>> SlaChecksDue(Instant until, int limit) override {
        return inner_.SlaChecksDue(until, limit);
    }
    Result<std::optional<Instant>> NextSlaCheck() override { return inner_.NextSlaCheck(); }
    std::vector<Result<complaint::Complaint>> SetSlaValues(std::vector<ports::SlaValuesUpdate> u) override {
        return inner_.SetSlaValues(std::move(u));
    }

private:
    ports::ComplaintStore& inner_;
};

class CompensationServiceTest : public ::testing::Test {
protected:
    complaint::Complaint File(std::string team = "一线客服组") {
        auto draft = AComplaint();
        draft.team = std::move(team);
        auto filed = complaints_.File(admin_, draft);
        EXPECT_TRUE(filed) << filed.error().message;
        return *filed;
    }

    compensation::Compensation Ask(const Actor& who, ComplaintId id, std::int64_t minor, std::string currency = "CNY",
                                   Kind kind = Kind::kRefund) {
        auto asked = service_.Request(who, id, {kind, {minor, std::move(currency)}, "快递丢件，全额退款"});
        EXPECT_TRUE(asked) << asked.error().message;
        return *asked;
    }

    complaint::CompensationTotal Totals(ComplaintId id, const std::string& currency = "CNY") {
        return store_.Get(kDefaultTenant, id)->compensation_totals[currency];
    }

    std::vector<workflow::Event> CompensationEvents(ComplaintId id) {
        std::vector<workflow::Event> out;
        auto events = store_.Events(kDefaultTenant, id);
        for (auto& e : *events) {
            if (e.kind == workflow::EventKind::kCompensation) out.push_back(e);
        }
        return out;
    }

    testing::FakeClock clock_{*ParseIso8601("2026-03-02T09:00:00Z")};
    storage::memory::MemoryComplaintStore memory_;
    FailingWrites store_{memory_};
    storage::memory::MemoryIdentityStore settings_;
    storage::memory::MemoryCompensationStore compensations_;
    RecordingAudit audit_;
    ComplaintService complaints_{store_, clock_};
    CompensationService service_{store_, compensations_, settings_, clock_, &audit_};
    Actor admin_{kDefaultTenant, "admin", Role::kAdmin, ""};
    Actor amy_{kDefaultTenant, "amy", Role::kAgent, "一线客服组"};
    Actor lead_{kDefaultTenant, "lead", Role::kTeamLead, "一线客服组"};
    Actor lead2_{kDefaultTenant, "lead2", Role::kTeamLead, "一线客服组"};
    Actor other_lead_{kDefaultTenant, "west.lead", Role::kTeamLead, "二线客服组"};
    Actor manager_{kDefaultTenant, "manager", Role::kManager, ""};
    Actor manager2_{kDefaultTenant, "manager2", Role::kManager, ""};
    Actor director_{kDefaultTenant, "director", Role::kDirector, ""};
};

TEST_F(CompensationServiceTest, ARequestIsPendingAtTheRequiredLevelWithTotalsAnEventAndAnAuditRecord) {
    auto c = File();
    auto asked = Ask(amy_, c.id, 50'000);
    EXPECT_EQ(asked.status, Status::kPending);
    EXPECT_EQ(asked.required, Role::kTeamLead);
    EXPECT_EQ(asked.requested_by, "amy");
    EXPECT_EQ(asked.complaint_number, c.number);
    EXPECT_EQ(Totals(c.id), (complaint::CompensationTotal{50'000, 0, 0, 50'000}));
    auto events = CompensationEvents(c.id);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].field, "requested");
    EXPECT_EQ(events[0].after, std::to_string(asked.id.value));
    EXPECT_EQ(events[0].actor, "amy");
    EXPECT_EQ(events[0].note, "refund 500.00 CNY, needs a team_lead: 快递丢件，全额退款");
    ASSERT_EQ(audit_.records.size(), 1u);
    EXPECT_EQ(audit_.records[0], "compensation.requested complaint=" + c.number +
                                     " kind=refund amount=50000 currency=CNY required=team_lead");
}

TEST_F(CompensationServiceTest, ALeadApprovesALeadLevelRequestWithAReason) {
    auto c = File();
    auto asked = Ask(amy_, c.id, 80'000);
    EXPECT_EQ(service_.Decide(lead_, asked.id, true, "  ").error().field, "reason");
    auto approved = service_.Decide(lead_, asked.id, true, "物流确认丢件");
    ASSERT_TRUE(approved) << approved.error().message;
    EXPECT_EQ(approved->status, Status::kApproved);
    EXPECT_EQ(approved->decided_by, "lead");
    EXPECT_EQ(approved->decision_reason, "物流确认丢件");
    EXPECT_EQ(*compensations_.Get(kDefaultTenant, asked.id), *approved);
    EXPECT_EQ(Totals(c.id), (complaint::CompensationTotal{80'000, 80'000, 0, 0}));
    auto events = CompensationEvents(c.id);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ((std::vector<std::string>{events[1].field, events[1].before, events[1].after, events[1].note}),
              (std::vector<std::string>{"approved", "pending", std::to_string(asked.id.value), "物流确认丢件"}));
    EXPECT_EQ(audit_.records.back(),
              "compensation.approved complaint=" + c.number + " amount=80000 currency=CNY requested_by=amy");
}

TEST_F(CompensationServiceTest, ARejectionIsRecordedWithItsReasonAndMovesTheTotal) {
    auto c = File();
    auto asked = Ask(amy_, c.id, 30'000, "CNY", Kind::kCoupon);
    auto rejected = service_.Decide(lead_, asked.id, false, "已补发，无需补偿");
    ASSERT_TRUE(rejected) << rejected.error().message;
    EXPECT_EQ(rejected->status, Status::kRejected);
    EXPECT_EQ(Totals(c.id), (complaint::CompensationTotal{30'000, 0, 30'000, 0}));
    EXPECT_EQ(CompensationEvents(c.id).back().field, "rejected");
    EXPECT_EQ(audit_.records.back().rfind("compensation.rejected", 0), 0u);
}

TEST_F(CompensationServiceTest, NobodyApprovesOrRejectsTheirOwnRequest) {
    auto c = File();
    auto own = Ask(lead_, c.id, 10'000);
    for (bool approve : {true, false}) {
        auto refused = service_.Decide(lead_, own.id, approve, "我自己批");
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
        EXPECT_NE(refused.error().message.find("nobody approves or rejects their own request"), std::string::npos);
    }
    EXPECT_EQ(compensations_.Get(kDefaultTenant, own.id)->status, Status::kPending);
    EXPECT_EQ(Totals(c.id).pending, 10'000);
    // A manager's own large request: another manager may not be enough, a director is; the manager never is.
    auto big = Ask(manager_, c.id, 500'000);
    EXPECT_EQ(big.required, Role::kManager);
    EXPECT_EQ(service_.Decide(manager_, big.id, true, "ok").error().code, ErrorCode::kPermissionDenied);
    EXPECT_TRUE(service_.Decide(manager2_, big.id, true, "核实无误"));
    EXPECT_TRUE(service_.Decide(lead2_, own.id, true, "同意"));
}

TEST_F(CompensationServiceTest, InsufficientAuthorityIsRefusedAndAHigherLevelMayDecide) {
    auto c = File();
    auto manager_level = Ask(amy_, c.id, 500'000);  // 5 000.00
    EXPECT_EQ(manager_level.required, Role::kManager);
    auto refused = service_.Decide(lead_, manager_level.id, true, "ok");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
    EXPECT_NE(refused.error().message.find("needs a manager or above"), std::string::npos) << refused.error().message;
    EXPECT_EQ(service_.Decide(admin_, manager_level.id, true, "ok").error().code, ErrorCode::kPermissionDenied);
    EXPECT_TRUE(service_.Decide(director_, manager_level.id, true, "above the level is fine"));

    auto director_level = Ask(amy_, c.id, 2'000'000);  // 20 000.00
    EXPECT_EQ(director_level.required, Role::kDirector);
    EXPECT_EQ(service_.Decide(manager_, director_level.id, true, "ok").error().code, ErrorCode::kPermissionDenied);
    EXPECT_TRUE(service_.Decide(director_, director_level.id, false, "超出政策"));
    auto foreign = Ask(amy_, c.id, 100, "USD");
    EXPECT_EQ(foreign.required, Role::kDirector);
    EXPECT_EQ(Totals(c.id, "USD"), (complaint::CompensationTotal{100, 0, 0, 100}));
    EXPECT_EQ(Totals(c.id), (complaint::CompensationTotal{2'500'000, 500'000, 2'000'000, 0}));
}

TEST_F(CompensationServiceTest, ADecidedRequestCannotBeDecidedAgain) {
    auto c = File();
    auto asked = Ask(amy_, c.id, 1'000);
    ASSERT_TRUE(service_.Decide(lead_, asked.id, true, "ok"));
    for (const auto& who : {lead2_, manager_}) {
        auto again = service_.Decide(who, asked.id, false, "no");
        ASSERT_FALSE(again);
        EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    }
    EXPECT_EQ(Totals(c.id), (complaint::CompensationTotal{1'000, 1'000, 0, 0}));
    EXPECT_EQ(CompensationEvents(c.id).size(), 2u);
}

TEST_F(CompensationServiceTest, BadRequestsAreRefusedByField) {
    auto c = File();
    EXPECT_EQ(service_.Request(amy_, c.id, {Kind::kCash, {0, "CNY"}, "x"}).error().field, "amount");
    EXPECT_EQ(service_.Request(amy_, c.id, {Kind::kCash, {-5, "CNY"}, "x"}).error().field, "amount");
    EXPECT_EQ(service_.Request(amy_, c.id, {Kind::kCash, {compensation::kMaxAmount + 1, "CNY"}, "x"}).error().field,
              "amount");
    EXPECT_EQ(service_.Request(amy_, c.id, {Kind::kCash, {5, "yuan"}, "x"}).error().field, "currency");
    EXPECT_EQ(service_.Request(amy_, c.id, {Kind::kCash, {5, "CNY"}, ""}).error().field, "reason");
    EXPECT_EQ(service_.Request(amy_, ComplaintId{999}, {Kind::kCash, {5, "CNY"}, "x"}).error().code,
              ErrorCode::kNotFound);
    Actor analyst{kDefaultTenant, "ana", Role::kAnalyst, ""};
    EXPECT_EQ(service_.Request(analyst, c.id, {Kind::kCash, {5, "CNY"}, "x"}).error().code,
              ErrorCode::kPermissionDenied);
    auto target = File();
    ASSERT_TRUE(
        complaints_.Transition(admin_, c.id, std::nullopt, workflow::Status::kMerged, {.merge_target = target.id}));
    EXPECT_EQ(service_.Request(amy_, c.id, {Kind::kCash, {5, "CNY"}, "x"}).error().code, ErrorCode::kIllegalTransition);
    EXPECT_TRUE(compensations_.ForComplaint(kDefaultTenant, c.id)->empty());
}

TEST_F(CompensationServiceTest, RequestsAndDecisionsFollowComplaintVisibility) {
    auto east = File("一线客服组");
    auto asked = Ask(amy_, east.id, 1'000);
    Actor west_agent{kDefaultTenant, "west.agent", Role::kAgent, "二线客服组"};
    auto west_complaint = File("二线客服组");
    EXPECT_EQ(service_.Request(west_agent, east.id, {Kind::kCash, {5, "CNY"}, "x"}).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.Decide(other_lead_, asked.id, true, "ok").error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(service_.Approvals(other_lead_, Status::kPending, 100)->empty());
    EXPECT_EQ(service_.ForComplaint(west_agent, east.id).error().code, ErrorCode::kNotFound);
    (void)west_complaint;
}

TEST_F(CompensationServiceTest, TheApprovalsQueueListsWhatTheCallerMayDecide) {
    auto c = File();
    auto small = Ask(amy_, c.id, 10'000);     // lead
    auto own = Ask(lead_, c.id, 20'000);      // lead, but lead's own
    auto medium = Ask(amy_, c.id, 300'000);   // manager
    auto large = Ask(amy_, c.id, 3'000'000);  // director
    auto decided = Ask(amy_, c.id, 5'000);
    ASSERT_TRUE(service_.Decide(lead2_, decided.id, true, "ok"));
    auto ids = [&](const Actor& who, std::optional<Status> status = Status::kPending) {
        std::vector<std::int64_t> out;
        auto listed = service_.Approvals(who, status, 100);
        for (const auto& x : *listed) out.push_back(x.id.value);
        return out;
    };
    EXPECT_EQ(ids(lead_), (std::vector<std::int64_t>{small.id.value}));
    EXPECT_EQ(ids(lead2_), (std::vector<std::int64_t>{small.id.value, own.id.value}));
    EXPECT_EQ(ids(manager_), (std::vector<std::int64_t>{small.id.value, own.id.value, medium.id.value}));
    EXPECT_EQ(ids(director_),
              (std::vector<std::int64_t>{small.id.value, own.id.value, medium.id.value, large.id.value}));
    EXPECT_TRUE(ids(amy_).empty());
    EXPECT_TRUE(ids(admin_).empty());
    EXPECT_EQ(ids(amy_, Status::kApproved), (std::vector<std::int64_t>{decided.id.value}));
    EXPECT_EQ(ids(manager_, std::nullopt).size(), 5u);
    EXPECT_EQ(service_.Approvals(manager_, Status::kPending, 0).error().field, "limit");
    EXPECT_EQ(
        service_.Approvals({kDefaultTenant, "customer:1", Role::kCustomer, ""}, Status::kPending, 10).error().code,
        ErrorCode::kPermissionDenied);
    auto listed = service_.ForComplaint(amy_, c.id);
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->items.size(), 5u);
    EXPECT_EQ(listed->totals.at("CNY"), (complaint::CompensationTotal{3'335'000, 5'000, 0, 3'330'000}));
}

TEST_F(CompensationServiceTest, RequestsOfADeletedComplaintLeaveTheQueue) {
    auto kept = File();
    auto deleted = File();
    auto stays = Ask(amy_, kept.id, 1'000);
    Ask(amy_, deleted.id, 2'000);
    ASSERT_TRUE(store_.Delete(kDefaultTenant, deleted.id, admin_));  // retention
    auto queue = service_.Approvals(manager_, Status::kPending, 100);
    ASSERT_TRUE(queue);
    ASSERT_EQ(queue->size(), 1u);
    EXPECT_EQ(queue->front().id, stays.id);
}

TEST_F(CompensationServiceTest, LimitsAreSetByAdminsAndDirectorsAndApplyToNewRequests) {
    EXPECT_EQ(*service_.Limits(amy_), compensation::ApprovalLimits{});
    EXPECT_EQ(service_.SetLimits(manager_, {"CNY", 1, 2}).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(service_.SetLimits(director_, {"CNY", 10, 5}).error().field, "manager_max");
    ASSERT_TRUE(service_.SetLimits(director_, {"CNY", 20'000, 200'000}));
    EXPECT_EQ(*service_.Limits(amy_), (compensation::ApprovalLimits{"CNY", 20'000, 200'000}));
    EXPECT_EQ(audit_.records.back(),
              "settings.changed approval.currency=CNY approval.team_lead_max=20000 approval.manager_max=200000");
    auto c = File();
    EXPECT_EQ(Ask(amy_, c.id, 50'000).required, Role::kManager);  // was a lead's before
}

TEST_F(CompensationServiceTest, AFailedComplaintWriteLeavesNoRequestAndNoDecision) {
    auto c = File();
    store_.fail = true;
    auto asked = service_.Request(amy_, c.id, {Kind::kRefund, {1'000, "CNY"}, "x"});
    ASSERT_FALSE(asked);
    EXPECT_TRUE(compensations_.ForComplaint(kDefaultTenant, c.id)->empty());
    store_.fail = false;
    auto pending = Ask(amy_, c.id, 1'000);
    store_.fail = true;
    EXPECT_FALSE(service_.Decide(lead_, pending.id, true, "ok"));
    EXPECT_EQ(compensations_.Get(kDefaultTenant, pending.id)->status, Status::kPending);
    store_.fail = false;
    EXPECT_EQ(Totals(c.id), (complaint::CompensationTotal{1'000, 0, 0, 1'000}));
    EXPECT_TRUE(service_.Decide(lead_, pending.id, true, "ok"));
}

}  // namespace
}  // namespace heed::core::services
