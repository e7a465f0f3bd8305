// Routing: the pure selection rule as tables of cases, then the service (assign, reassign, automatic assignment
// with its persisted round-robin cursor, department hand-offs) over the in-memory stores.

#include <gtest/gtest.h>

#include "core/routing/selection.hpp"
#include "core/services/auto_assigner.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/routing_service.hpp"
#include "storage/memory/memory_identity_store.hpp"
#include "storage/memory/memory_routing_store.hpp"
#include "storage/memory/memory_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"

namespace heed::core::routing {
namespace {

using complaint::Channel;

// A candidate in one line: name, level, capacity, load, categories, languages, channels, status.
Candidate Agent(std::string name, Level level, int capacity, int load, std::vector<std::string> categories = {},
                std::vector<std::string> languages = {}, std::vector<Channel> channels = {},
                WorkStatus status = WorkStatus::kAvailable, bool enabled = true) {
    AgentProfile p{kDefaultTenant,
                   std::move(name),
                   {std::move(categories), std::move(languages), std::move(channels)},
                   level,
                   capacity,
                   status,
                   {}};
    return Candidate{std::move(p), "一线客服组", enabled, load};
}

struct SelectionCase {
    const char* name;
    RoutingNeed need;
    std::vector<Candidate> candidates;
    std::string last_assigned;
    std::optional<std::string> expected;  // nullopt: nobody
    std::string reason_contains;
};

TEST(SelectAgent, FollowsSkillsCapacityLevelAndRoundRobin) {
    const auto J = Level::kJunior, S = Level::kSenior, E = Level::kExpert;
    RoutingNeed logistics{"物流配送", "zh", Channel::kPhone, false, 2, {}, {}};
    RoutingNeed vip = logistics;
    vip.vip = true;
    RoutingNeed severe = logistics;
    severe.severity = 4;
    RoutingNeed expert_needed = logistics;
    expert_needed.min_level = Level::kExpert;
    RoutingNeed english = logistics;
    english.language = "en";
    RoutingNeed anything{};
    RoutingNeed exclude_amy = logistics;
    exclude_amy.exclude = {"amy"};

    const std::vector<SelectionCase> cases{
        {"least loaded wins",
         logistics,
         {Agent("amy", J, 10, 3), Agent("bob", J, 10, 1), Agent("cat", J, 10, 2)},
         "",
         "bob",
         "least loaded"},
        {"category skill required",
         logistics,
         {Agent("amy", J, 10, 0, {"产品质量"}), Agent("bob", J, 10, 5, {"物流配送", "产品质量"})},
         "",
         "bob",
         ""},
        {"empty skill list means any", logistics, {Agent("amy", J, 10, 0, {}, {}, {})}, "", "amy", ""},
        {"language skill required",
         english,
         {Agent("amy", J, 10, 0, {}, {"zh"}), Agent("bob", J, 10, 4, {}, {"zh", "en"})},
         "",
         "bob",
         ""},
        {"channel skill required",
         logistics,
         {Agent("amy", J, 10, 0, {}, {}, {Channel::kEmail}), Agent("bob", J, 10, 9, {}, {}, {Channel::kPhone})},
         "",
         "bob",
         ""},
        {"no skill match means nobody",
         english,
         {Agent("amy", J, 10, 0, {}, {"zh"})},
         "",
         std::nullopt,
         "no available agent has the skills for category 物流配送, language en, channel phone"},
        {"capacity is respected", logistics, {Agent("amy", J, 2, 2), Agent("bob", J, 5, 4)}, "", "bob", ""},
        {"everyone full means nobody",
         logistics,
         {Agent("amy", J, 2, 2), Agent("bob", J, 1, 3)},
         "",
         std::nullopt,
         "every qualified agent is at capacity"},
        {"zero capacity takes nothing", logistics, {Agent("amy", J, 0, 0)}, "", std::nullopt, "at capacity"},
        {"away and offline are skipped",
         logistics,
         {Agent("amy", J, 10, 0, {}, {}, {}, WorkStatus::kAway),
          Agent("bob", J, 10, 0, {}, {}, {}, WorkStatus::kOffline), Agent("cat", J, 10, 7)},
         "",
         "cat",
         ""},
        {"disabled accounts are skipped",
         logistics,
         {Agent("amy", J, 10, 0, {}, {}, {}, WorkStatus::kAvailable, false), Agent("bob", J, 10, 8)},
         "",
         "bob",
         ""},
        {"nobody available",
         logistics,
         {Agent("amy", J, 10, 0, {}, {}, {}, WorkStatus::kAway)},
         "",
         std::nullopt,
         "no agent is available"},
        {"no candidates at all", logistics, {}, "", std::nullopt, "no agent has a routing profile"},
        {"VIP goes to a senior even if busier",
         vip,
         {Agent("amy", J, 10, 0), Agent("bob", S, 10, 6)},
         "",
         "bob",
         "senior or above required"},
        {"VIP may go to an expert", vip, {Agent("amy", J, 10, 0), Agent("eve", E, 10, 6)}, "", "eve", ""},
        {"severity 4 goes to a senior", severe, {Agent("amy", J, 10, 0), Agent("bob", S, 10, 3)}, "", "bob", ""},
        {"severity 3 may go to a junior", logistics, {Agent("amy", J, 10, 0), Agent("bob", S, 10, 3)}, "", "amy", ""},
        {"VIP with only juniors means nobody",
         vip,
         {Agent("amy", J, 10, 0)},
         "",
         std::nullopt,
         "no qualified agent with room is senior or above, as a VIP customer requires"},
        {"a full senior does not count for VIP",
         vip,
         {Agent("amy", J, 10, 0), Agent("bob", S, 2, 2)},
         "",
         std::nullopt,
         "senior or above"},
        {"escalation can ask for an expert",
         expert_needed,
         {Agent("bob", S, 10, 0), Agent("eve", E, 10, 5)},
         "",
         "eve",
         "expert or above required"},
        {"excluded owner is not picked", exclude_amy, {Agent("amy", J, 10, 0), Agent("bob", J, 10, 1)}, "", "bob", ""},
        {"round robin: first after the cursor",
         logistics,
         {Agent("amy", J, 10, 1), Agent("bob", J, 10, 1), Agent("cat", J, 10, 1)},
         "amy",
         "bob",
         "round robin among 3"},
        {"round robin: cursor between names",
         logistics,
         {Agent("amy", J, 10, 1), Agent("bob", J, 10, 1), Agent("cat", J, 10, 1)},
         "bz",
         "cat",
         ""},
        {"round robin: wraps around",
         logistics,
         {Agent("amy", J, 10, 1), Agent("bob", J, 10, 1), Agent("cat", J, 10, 1)},
         "cat",
         "amy",
         ""},
        {"round robin only among the least loaded",
         logistics,
         {Agent("amy", J, 10, 1), Agent("bob", J, 10, 2), Agent("cat", J, 10, 1)},
         "amy",
         "cat",
         ""},
        {"a complaint without category or language matches specialists",
         anything,
         {Agent("amy", J, 10, 0, {"产品质量"}, {"en"}, {Channel::kEmail})},
         "",
         "amy",
         ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto selection = SelectAgent(c.need, c.candidates, c.last_assigned);
        EXPECT_EQ(selection.agent, c.expected);
        EXPECT_NE(selection.reason.find(c.reason_contains), std::string::npos) << selection.reason;
    }
}

TEST(SelectAgent, IsDeterministicWhateverTheInputOrder) {
    std::vector<Candidate> forward{Agent("amy", Level::kJunior, 5, 0), Agent("bob", Level::kJunior, 5, 0),
                                   Agent("cat", Level::kJunior, 5, 0)};
    std::vector<Candidate> backward(forward.rbegin(), forward.rend());
    for (const char* cursor : {"", "amy", "bob", "cat"}) {
        EXPECT_EQ(SelectAgent({}, forward, cursor).agent, SelectAgent({}, backward, cursor).agent) << cursor;
    }
}

TEST(RequiredLevel, IsSeniorForVipAndSevereComplaints) {
    EXPECT_EQ(RequiredLevel({}), Level::kJunior);
    EXPECT_EQ(RequiredLevel({.vip = true}), Level::kSenior);
    EXPECT_EQ(RequiredLevel({.severity = 4}), Level::kSenior);
    EXPECT_EQ(RequiredLevel({.severity = 5}), Level::kSenior);
    EXPECT_EQ(RequiredLevel({.severity = 3}), Level::kJunior);
    EXPECT_EQ(RequiredLevel({.vip = true, .min_level = Level::kJunior}), Level::kSenior);  // never lowered
    EXPECT_EQ(RequiredLevel({.min_level = Level::kExpert}), Level::kExpert);
}

}  // namespace
}  // namespace heed::core::routing

namespace heed::core::services {
namespace {

using testing::AComplaint;
using workflow::Actor;
using workflow::EventKind;
using workflow::Role;
using workflow::Status;

class RecordingAudit final : public ports::AuditLog {
public:
    Result<void> Record(const ports::AuditRecord& record) override {
        records.push_back(record.action + " " + record.detail);
        return {};
    }
    std::vector<std::string> records;
};

class RoutingServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (auto [name, role, team] :
             std::vector<std::tuple<std::string, Role, std::string>>{{"admin", Role::kAdmin, ""},
                                                                     {"lead", Role::kTeamLead, "一线客服组"},
                                                                     {"amy", Role::kAgent, "一线客服组"},
                                                                     {"bob", Role::kAgent, "一线客服组"},
                                                                     {"cat", Role::kAgent, "二线客服组"},
                                                                     {"logistics", Role::kDepartment, "物流部"},
                                                                     {"analyst", Role::kAnalyst, ""}}) {
            identity_.AddUser({{}, kDefaultTenant, name, role, team, "x", false, {}});
        }
        ASSERT_TRUE(routing_.PutTeam(admin_, {{}, "一线客服组", "lead", false, {}}));
        ASSERT_TRUE(routing_.PutTeam(admin_, {{}, "物流部", "logistics", true, {}}));
        for (const char* name : {"amy", "bob", "cat"}) {
            ASSERT_TRUE(routing_.PutAgent(admin_, {{},
                                                   name,
                                                   {{"物流配送"}, {"zh"}, {}},
                                                   routing::Level::kJunior,
                                                   3,
                                                   routing::WorkStatus::kAvailable,
                                                   {}}));
        }
    }

    complaint::Complaint File(std::string team = "") {
        auto draft = AComplaint();
        draft.team = std::move(team);
        auto filed = complaints_.File(admin_, draft);
        EXPECT_TRUE(filed) << filed.error().message;
        return *filed;
    }

    std::vector<workflow::Event> Events(ComplaintId id) { return *store_.Events(kDefaultTenant, id); }

    testing::FakeClock clock_{*ParseIso8601("2026-03-02T09:00:00Z")};
    storage::memory::MemoryComplaintStore store_;
    storage::memory::MemoryIdentityStore identity_;
    storage::memory::MemoryRoutingStore routing_store_;
    RecordingAudit audit_;
    ComplaintService complaints_{store_, clock_};
    RoutingService routing_{store_, routing_store_, identity_, clock_, &audit_};
    Actor admin_{kDefaultTenant, "admin", Role::kAdmin, ""};
    Actor lead_{kDefaultTenant, "lead", Role::kTeamLead, "一线客服组"};
    Actor amy_{kDefaultTenant, "amy", Role::kAgent, "一线客服组"};
};

TEST_F(RoutingServiceTest, ManualAssignMovesANewComplaintToAssignedWithEvents) {
    auto c = File();
    auto outcome = routing_.Assign(lead_, c.id, {.assignee = "amy", .reason = "knows the carrier"});
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_TRUE(outcome->assigned);
    EXPECT_EQ(outcome->complaint.assignee, "amy");
    EXPECT_EQ(outcome->complaint.status, Status::kAssigned);
    EXPECT_EQ(outcome->complaint.team, "一线客服组");
    auto events = Events(c.id);
    auto assignee = std::find_if(events.begin(), events.end(), [](const auto& e) { return e.field == "assignee"; });
    ASSERT_NE(assignee, events.end());
    EXPECT_EQ(assignee->after, "amy");
    EXPECT_EQ(assignee->note, "knows the carrier");
    EXPECT_EQ(assignee->actor, "lead");
}

TEST_F(RoutingServiceTest, ReassignNeedsAReasonAndRecordsBeforeAndAfter) {
    auto c = File();
    ASSERT_TRUE(routing_.Assign(lead_, c.id, {.assignee = "amy"}));
    auto refused = routing_.Assign(lead_, c.id, {.assignee = "bob"});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().field, "reason");
    auto moved = routing_.Assign(lead_, c.id, {.assignee = "bob", .reason = "amy is on leave"});
    ASSERT_TRUE(moved) << moved.error().message;
    EXPECT_EQ(moved->complaint.assignee, "bob");
    EXPECT_EQ(moved->complaint.status, Status::kAssigned);
    auto events = Events(c.id);
    EXPECT_EQ(events.back().field, "assignee");
    EXPECT_EQ(events.back().before, "amy");
    EXPECT_EQ(events.back().after, "bob");
    EXPECT_EQ(events.back().note, "amy is on leave");
}

TEST_F(RoutingServiceTest, ManualAssignRefusesUnknownDisabledAndNonOwningUsers) {
    auto c = File();
    EXPECT_EQ(routing_.Assign(lead_, c.id, {.assignee = "nobody"}).error().field, "assignee");
    EXPECT_EQ(routing_.Assign(lead_, c.id, {.assignee = "analyst"}).error().code, ErrorCode::kInvalidArgument);
    auto bob = *identity_.FindUser(kDefaultTenant, "bob");
    bob.disabled = true;
    ASSERT_TRUE(identity_.UpdateUser(bob));
    EXPECT_EQ(routing_.Assign(lead_, c.id, {.assignee = "bob"}).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(routing_.Assign(lead_, c.id, {.reason = "x"}).error().code, ErrorCode::kInvalidArgument);  // no mode
}

TEST_F(RoutingServiceTest, AgentsMayOnlyTakeAnUnassignedComplaintForThemselves) {
    auto c = File();
    EXPECT_EQ(routing_.Assign(amy_, c.id, {.assignee = "bob"}).error().code, ErrorCode::kPermissionDenied);
    ASSERT_TRUE(routing_.Assign(amy_, c.id, {.assignee = "amy"}));
    EXPECT_EQ(routing_.Assign(amy_, c.id, {.assignee = "bob", .reason = "swap"}).error().code,
              ErrorCode::kPermissionDenied);
    Actor analyst{kDefaultTenant, "analyst", Role::kAnalyst, ""};
    EXPECT_EQ(routing_.Assign(analyst, c.id, {.automatic = true}).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(RoutingServiceTest, ResolvedComplaintsAreNotAssigned) {
    auto c = File();
    ASSERT_TRUE(routing_.Assign(lead_, c.id, {.assignee = "amy"}));
    ASSERT_TRUE(complaints_.Transition(admin_, c.id, std::nullopt, Status::kInProgress, {}));
    ASSERT_TRUE(complaints_.Transition(admin_, c.id, std::nullopt, Status::kResolved, {.resolution_summary = "退款"}));
    auto refused = routing_.Assign(lead_, c.id, {.assignee = "bob", .reason = "x"});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kIllegalTransition);
}

TEST_F(RoutingServiceTest, AutomaticAssignmentBalancesLoadAndRotatesAmongEquals) {
    // amy, bob, cat all junior with capacity 3 and no load: round robin in name order, persisted in the store.
    std::vector<std::string> owners;
    for (int i = 0; i < 6; ++i) {
        auto c = File();
        auto outcome = routing_.Assign(admin_, c.id, {.automatic = true});
        ASSERT_TRUE(outcome) << outcome.error().message;
        ASSERT_TRUE(outcome->assigned) << outcome->reason;
        owners.push_back(outcome->complaint.assignee);
    }
    EXPECT_EQ(owners, (std::vector<std::string>{"amy", "bob", "cat", "amy", "bob", "cat"}));
    EXPECT_EQ(*routing_store_.LastAssigned(kDefaultTenant, ""), "cat");
    // Everyone now holds 2 of 3; amy resolves one of hers, so she is least loaded and gets the next.
    auto agents = *routing_.Agents(admin_);
    for (const auto& a : agents) EXPECT_EQ(a.load, 2) << a.profile.username;
    auto amys = *store_.List(kDefaultTenant, {.assignee = "amy"});
    ASSERT_TRUE(complaints_.Transition(admin_, amys.items[0].id, std::nullopt, Status::kInProgress, {}));
    ASSERT_TRUE(complaints_.Transition(admin_, amys.items[0].id, std::nullopt, Status::kResolved,
                                       {.resolution_summary = "ok"}));
    auto c = File();
    EXPECT_EQ(routing_.Assign(admin_, c.id, {.automatic = true})->complaint.assignee, "amy");
}

TEST_F(RoutingServiceTest, AutomaticAssignmentLeavesTheComplaintUnassignedWithTheReasonWhenAllAreFull) {
    for (int i = 0; i < 9; ++i) ASSERT_TRUE(routing_.Assign(admin_, File().id, {.automatic = true})->assigned);
    auto c = File();
    auto outcome = routing_.Assign(admin_, c.id, {.automatic = true});
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_FALSE(outcome->assigned);
    EXPECT_EQ(outcome->reason, "every qualified agent is at capacity");
    EXPECT_EQ(outcome->complaint.assignee, "");
    EXPECT_EQ(outcome->complaint.status, Status::kNew);
    EXPECT_EQ(Events(c.id).size(), 2u);  // created and acknowledged only
}

TEST_F(RoutingServiceTest, VipComplaintsGoToSeniorAgents) {
    ASSERT_TRUE(routing_.PutAgent(
        admin_, {{}, "cat", {{"物流配送"}, {}, {}}, routing::Level::kSenior, 3, routing::WorkStatus::kAvailable, {}}));
    auto draft = AComplaint();
    draft.customer.tier = complaint::CustomerTier::kVip;
    auto c = *complaints_.File(admin_, draft);
    auto outcome = routing_.Assign(admin_, c.id, {.automatic = true});
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->complaint.assignee, "cat");
    EXPECT_EQ(outcome->complaint.team, "二线客服组");
    auto severe = AComplaint();
    severe.classification.severity = 5;
    auto s = *complaints_.File(admin_, severe);
    EXPECT_EQ(routing_.Assign(admin_, s.id, {.automatic = true})->complaint.assignee, "cat");
}

TEST_F(RoutingServiceTest, TheCustomersLanguageDecidesWhenNoLanguageIsGiven) {
    ASSERT_TRUE(routing_.PutAgent(admin_, {{}, "cat", {{"物流配送"}, {"en"}, {}}, routing::Level::kJunior, 3,
                                           routing::WorkStatus::kAvailable, {}}));
    auto english = AComplaint("Parcel lost", "The courier says delivered but I never got it.");
    auto c = *complaints_.File(admin_, english);
    EXPECT_EQ(RoutingService::NeedOf(c).language, "en");
    EXPECT_EQ(routing_.Assign(admin_, c.id, {.automatic = true})->complaint.assignee, "cat");  // amy and bob: zh only
    auto chinese = *complaints_.File(admin_, AComplaint());
    EXPECT_EQ(RoutingService::NeedOf(chinese).language, "zh");
    auto tagged = AComplaint("Parcel lost", "never arrived");
    tagged.attributes["language"] = "zh";
    EXPECT_EQ(RoutingService::NeedOf(tagged).language, "zh");
}

TEST_F(RoutingServiceTest, ATeamComplaintIsRoutedWithinItsTeam) {
    auto c = File("一线客服组");
    auto selection = routing_.Choose(kDefaultTenant, c);
    ASSERT_TRUE(selection);
    EXPECT_EQ(selection->agent, "amy");
    for (int i = 0; i < 4; ++i) {
        auto outcome = routing_.Assign(admin_, File("一线客服组").id, {.automatic = true});
        ASSERT_TRUE(outcome->assigned);
        EXPECT_NE(outcome->complaint.assignee, "cat");  // cat is in 二线客服组
    }
    EXPECT_EQ(*routing_store_.LastAssigned(kDefaultTenant, "一线客服组"), "bob");
}

TEST_F(RoutingServiceTest, DepartmentHandOffRecordsWhoIsResponsible) {
    auto c = File();
    ASSERT_TRUE(routing_.Assign(lead_, c.id, {.assignee = "amy"}));
    EXPECT_EQ(routing_.Assign(amy_, c.id, {.department = "物流部"}).error().field, "reason");
    EXPECT_EQ(routing_.Assign(amy_, c.id, {.department = "一线客服组", .reason = "x"}).error().field, "department");
    auto handed = routing_.Assign(amy_, c.id, {.department = "物流部", .reason = "carrier lost the parcel"});
    ASSERT_TRUE(handed) << handed.error().message;
    EXPECT_EQ(handed->complaint.department, "物流部");
    EXPECT_EQ(handed->complaint.assignee, "amy");  // stays accountable
    auto events = Events(c.id);
    ASSERT_GE(events.size(), 2u);
    const auto& department = events[events.size() - 2];
    const auto& responsible = events.back();
    EXPECT_EQ(department.field, "department");
    EXPECT_EQ(department.after, "物流部");
    EXPECT_EQ(department.note, "carrier lost the parcel");
    EXPECT_EQ(responsible.field, "responsible");
    EXPECT_EQ(responsible.after, "logistics");
    // The department now sees the complaint.
    Actor logistics{kDefaultTenant, "logistics", Role::kDepartment, "物流部"};
    EXPECT_TRUE(complaints_.Get(logistics, c.id));
}

TEST_F(RoutingServiceTest, TeamsAndProfilesAreEditedByAdminsAndManagersAndAudited) {
    EXPECT_EQ(routing_.PutTeam(lead_, {{}, "x", "", false, {}}).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(routing_.PutTeam(admin_, {{}, "x", "ghost", false, {}}).error().field, "lead");
    EXPECT_EQ(routing_.PutAgent(lead_, {{}, "amy", {}, routing::Level::kExpert, 3, {}, {}}).error().code,
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(routing_.PutAgent(admin_, {{}, "analyst", {}, routing::Level::kExpert, 3, {}, {}}).error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(routing_.PutAgent(admin_, {{}, "amy", {}, routing::Level::kExpert, 1001, {}, {}}).error().field,
              "capacity");
    auto teams = routing_.Teams(amy_);
    ASSERT_TRUE(teams);
    ASSERT_EQ(teams->size(), 2u);
    EXPECT_EQ((*teams)[0].team.name, "一线客服组");
    EXPECT_EQ((*teams)[0].members, (std::vector<std::string>{"amy", "bob", "lead"}));
    EXPECT_EQ(routing_.Teams({kDefaultTenant, "customer:x", Role::kCustomer, ""}).error().code,
              ErrorCode::kPermissionDenied);
    ASSERT_FALSE(audit_.records.empty());
    EXPECT_EQ(audit_.records[0], "team.changed name=一线客服组 lead=lead department=false");
    EXPECT_NE(std::find(audit_.records.begin(), audit_.records.end(),
                        "agent.changed username=amy level=junior capacity=3 status=available"),
              audit_.records.end());
}

TEST_F(RoutingServiceTest, AnAgentSetsTheirOwnWorkingStatusOnly) {
    auto away = routing_.SetWorkStatus(amy_, "amy", routing::WorkStatus::kAway);
    ASSERT_TRUE(away);
    EXPECT_EQ(away->profile.status, routing::WorkStatus::kAway);
    EXPECT_EQ(routing_.SetWorkStatus(amy_, "bob", routing::WorkStatus::kAway).error().code,
              ErrorCode::kPermissionDenied);
    auto c = File();
    EXPECT_EQ(routing_.Assign(admin_, c.id, {.automatic = true})->complaint.assignee, "bob");
}

TEST_F(RoutingServiceTest, AutoAssignerAssignsAtIntakeOnlyWhenTheTenantEnablesIt) {
    AutoAssigner assigner(routing_, {});
    complaints_.SetIntakeObserver([&](const complaint::Complaint& c) { assigner.Submit(c); });
    auto off = File();
    assigner.WaitIdle();
    EXPECT_EQ(store_.Get(kDefaultTenant, off.id)->assignee, "");
    EXPECT_EQ(routing_.SetAutoAssign(lead_, true).error().code, ErrorCode::kPermissionDenied);
    ASSERT_TRUE(routing_.SetAutoAssign(admin_, true));
    // The cached "off" may last a few seconds; a fresh assigner reads the setting anew.
    AutoAssigner fresh(routing_, {});
    complaints_.SetIntakeObserver([&](const complaint::Complaint& c) { fresh.Submit(c); });
    auto on = File();
    fresh.WaitIdle();
    auto stored = *store_.Get(kDefaultTenant, on.id);
    EXPECT_EQ(stored.assignee, "amy");
    EXPECT_EQ(stored.status, Status::kAssigned);
    auto events = Events(on.id);
    auto assigned = std::find_if(events.begin(), events.end(), [](const auto& e) { return e.field == "assignee"; });
    ASSERT_NE(assigned, events.end());
    EXPECT_EQ(assigned->actor, "routing");
    EXPECT_EQ(assigned->note.rfind("automatic: least loaded", 0), 0u) << assigned->note;
    complaints_.SetIntakeObserver({});
}

TEST_F(RoutingServiceTest, AnObserverOutlivingItsAutoAssignerDoesNothing) {
    std::function<void(const complaint::Complaint&)> observer;
    {
        AutoAssigner assigner(routing_, {});
        observer = assigner.Observer();
    }
    ASSERT_TRUE(routing_.SetAutoAssign(admin_, true));
    auto c = File();
    observer(c);  // the assigner is gone: nothing is queued, nothing crashes (ASan would see a use after free)
    EXPECT_EQ(store_.Get(kDefaultTenant, c.id)->assignee, "");
}

}  // namespace
}  // namespace heed::core::services
