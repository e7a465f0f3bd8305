// The SLA as the server applies it: SlaService + ComplaintService + SlaSweeper on a fake clock, with the tenant's
// set-up kept in tenant settings (SettingsSlaConfigStore) and time zones from ICU. The pure clock rules have their
// own tables (tests/core/sla_test.cpp); these tables check that every write path carries them onto the stored
// complaint, that the sweeper records each warning and breach exactly once — also across a restart on a real SQLite
// file — and that each escalation trigger is one event naming its reason and the new owner.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <stop_token>
#include <thread>
#include <unistd.h>

#include "core/services/complaint_service.hpp"
#include "core/services/routing_service.hpp"
#include "core/services/sla_recompute_resumer.hpp"
#include "core/services/sla_service.hpp"
#include "core/services/sla_sweeper.hpp"
#include "core/sla/inputs.hpp"
#include "core/sla_calendars.hpp"
#include "sla/icu_time_zones.hpp"
#include "sla/settings_sla_store.hpp"
#include "storage/memory/memory_identity_store.hpp"
#include "storage/memory/memory_routing_store.hpp"
#include "storage/memory/memory_store.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_crypto.hpp"

namespace heed::core::services {
namespace {

using namespace std::chrono_literals;
using complaint::Complaint;
using complaint::Direction;
using sla::testing::At;
using workflow::Actor;
using workflow::Event;
using workflow::EventKind;
using workflow::Role;
using workflow::Status;

std::filesystem::path TestDirectory() {
    static const auto directory = [] {
        auto path = std::filesystem::temp_directory_path() / ("heed-sla-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        return path;
    }();
    return directory;
}

class RemoveTestDirectory : public ::testing::Environment {
public:
    void TearDown() override { std::filesystem::remove_all(TestDirectory()); }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new RemoveTestDirectory);

std::string FreshDatabasePath() {
    static std::mt19937_64 random{std::random_device{}()};
    return (TestDirectory() / (std::to_string(random()) + ".db")).string();
}

std::string Iso(std::optional<Instant> at) { return at ? FormatIso8601(*at) : "-"; }
std::string Iso(const char* text) { return FormatIso8601(At(text)); }

// The office policy of docs/sla.md: first response 2 h, next update 4 h, resolution 15 h (two office days), on the
// Shanghai office calendar (09:00–12:00, 13:30–18:00; Labour Day 2024 off 1–5 May).
sla::SlaPolicy OfficePolicy() {
    sla::SlaPolicy policy;
    policy.name = "office";
    policy.calendar = "shanghai-office";
    policy.targets.first_response = 2h;
    policy.targets.next_update = 4h;
    policy.targets.resolution = 15h;
    return policy;
}

sla::SlaConfig OfficeConfig() {
    sla::SlaConfig config;
    config.calendars = {sla::testing::ShanghaiOffice()};
    config.policies = {OfficePolicy()};
    config.regulatory_period = std::chrono::days{15};
    config.regulatory_calendar = "shanghai-office";
    return config;
}

const Actor kManager{kDefaultTenant, "zhaomin", Role::kManager};
const Actor kAgent{kDefaultTenant, "wangfang", Role::kAgent};

std::vector<Event> Events(ports::ComplaintStore& store, ComplaintId id, EventKind kind) {
    std::vector<Event> found;
    auto events = store.Events(kDefaultTenant, id).value();
    for (auto& e : events) {
        if (e.kind == kind) found.push_back(e);
    }
    return found;
}

// Everything a server has, over a complaint store the test chooses (memory or a SQLite file).
struct Server {
    testing::FakeClock& clock;
    storage::memory::MemoryIdentityStore& identity;
    ports::ComplaintStore& store;
    sla_adapters::SettingsSlaConfigStore config{identity};
    sla_adapters::IcuTimeZones zones;
    SlaService sla{config, &identity, &zones, nullptr};
    ComplaintService complaints{store, clock, &sla};
    SlaSweeper sweeper{store, complaints, clock, [](const std::string& problem) { ADD_FAILURE() << problem; },
                       /*start_thread=*/false};

    Server(testing::FakeClock& c, storage::memory::MemoryIdentityStore& i, ports::ComplaintStore& s)
        : clock(c), identity(i), store(s) {}
};

class SlaServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (auto [name, role, team] : {std::tuple{"wangfang", Role::kAgent, "logistics"},
                                        std::tuple{"liqiang", Role::kTeamLead, "logistics"},
                                        std::tuple{"zhaomin", Role::kManager, ""},
                                        std::tuple{"chenjie", Role::kDirector, ""}}) {
            identity_.AddUser({{}, kDefaultTenant, name, role, team, "x", false, {}}).value();
        }
        ASSERT_TRUE(server_.sla.SetConfig(kManager, OfficeConfig()));
    }

    // Each step moves the clock to `at` (local +08:00) and does one thing; `file` creates the complaint.
    struct Step {
        const char* at;
        enum Op { kFile, kAssign, kStart, kReply, kCustomer, kWaitCustomer, kWaitDepartment, kResume, kResolve,
                  kReopen, kSweep } op;
    };

    ComplaintId Play(const std::vector<Step>& steps) {
        ComplaintId id;
        auto& c = server_.complaints;
        for (const auto& step : steps) {
            clock_.Set(At(step.at));
            auto transition = [&](Status to, workflow::TransitionInput input = {}) {
                auto moved = c.Transition(kAgent, id, std::nullopt, to, input);
                ASSERT_TRUE(moved) << step.at << " → " << workflow::ToString(to) << ": " << moved.error().message;
            };
            switch (step.op) {
                case Step::kFile: id = c.File(kAgent, testing::AComplaint()).value().id; break;
                case Step::kAssign: transition(Status::kAssigned, {.assignee = "wangfang"}); break;
                case Step::kStart: transition(Status::kInProgress, {.assignee = "wangfang"}); break;
                case Step::kReply: EXPECT_TRUE(c.AddMessage(kAgent, id, Direction::kOutbound, "您好，我们正在处理")); break;
                case Step::kCustomer: EXPECT_TRUE(c.AddMessage(kAgent, id, Direction::kInbound, "还没有收到")); break;
                case Step::kWaitCustomer: transition(Status::kWaitingCustomer); break;
                case Step::kWaitDepartment: transition(Status::kWaitingDepartment); break;
                case Step::kResume: transition(Status::kInProgress, {.assignee = "wangfang"}); break;
                case Step::kResolve: transition(Status::kResolved, {.resolution_summary = "已补发"}); break;
                case Step::kReopen: transition(Status::kReopened, {.reason = "客户仍未收到"}); break;
                case Step::kSweep: server_.sweeper.SweepOnce(); break;
            }
        }
        return id;
    }

    testing::FakeClock clock_{At("2024-05-06T09:00:00+08:00")};
    storage::memory::MemoryIdentityStore identity_;
    storage::memory::MemoryComplaintStore store_;
    Server server_{clock_, identity_, store_};
};

// ---------------------------------------------------------------------------------------------------------------
// Due times on the stored complaint, case by case

TEST_F(SlaServiceTest, StoresTheDueTimesOfEveryWritePathCaseByCase) {
    using S = Step;
    struct Case {
        const char* name;
        std::vector<Step> steps;
        const char* first_response_due;  // "-" when none
        const char* next_update_due;
        const char* resolution_due;
        const char* state;
    };
    const Case cases[] = {
        {"filed an hour before closing: the night does not count",
         {{"2024-05-06T17:00:00+08:00", S::kFile}},
         "2024-05-07T10:00:00+08:00", "-", "2024-05-08T17:00:00+08:00", "running"},
        {"filed on Friday afternoon: the weekend does not count",
         {{"2024-05-17T17:00:00+08:00", S::kFile}},
         "2024-05-20T10:00:00+08:00", "-", "2024-05-21T17:00:00+08:00", "running"},
        {"filed before Labour Day: five days off do not count",
         {{"2024-04-30T17:00:00+08:00", S::kFile}},
         "2024-05-06T10:00:00+08:00", "-", "2024-05-07T17:00:00+08:00", "running"},
        {"filed on a holiday: counts from the next working morning",
         {{"2024-05-02T10:00:00+08:00", S::kFile}},
         "2024-05-06T11:00:00+08:00", "-", "2024-05-07T18:00:00+08:00", "running"},
        {"first reply: first response met, a next-update cycle of 4 h starts",
         {{"2024-05-06T09:00:00+08:00", S::kFile},
          {"2024-05-06T09:00:00+08:00", S::kAssign},
          {"2024-05-06T09:00:00+08:00", S::kStart},
          {"2024-05-06T10:00:00+08:00", S::kReply}},
         "2024-05-06T11:00:00+08:00", "2024-05-06T15:30:00+08:00", "2024-05-07T18:00:00+08:00", "running"},
        {"a second reply starts a new cycle; the first response stays where it was met",
         {{"2024-05-06T09:00:00+08:00", S::kFile},
          {"2024-05-06T09:00:00+08:00", S::kAssign},
          {"2024-05-06T09:00:00+08:00", S::kStart},
          {"2024-05-06T10:00:00+08:00", S::kReply},
          {"2024-05-06T15:00:00+08:00", S::kReply}},
         "2024-05-06T11:00:00+08:00", "2024-05-07T10:00:00+08:00", "2024-05-07T18:00:00+08:00", "running"},
        {"an inbound message is not a reply: nothing moves",
         {{"2024-05-06T09:00:00+08:00", S::kFile},
          {"2024-05-06T09:30:00+08:00", S::kCustomer}},
         "2024-05-06T11:00:00+08:00", "-", "2024-05-07T18:00:00+08:00", "running"},
        {"waiting for the customer pauses resolution and next update: no due time while paused",
         {{"2024-05-17T09:00:00+08:00", S::kFile},
          {"2024-05-17T09:00:00+08:00", S::kAssign},
          {"2024-05-17T09:00:00+08:00", S::kStart},
          {"2024-05-17T10:00:00+08:00", S::kReply},
          {"2024-05-17T15:00:00+08:00", S::kReply},
          {"2024-05-17T15:00:00+08:00", S::kWaitCustomer}},
         "2024-05-17T11:00:00+08:00", "-", "-", "paused"},
        {"the customer answers on Monday and work resumes: due times move by the paused working time",
         {{"2024-05-17T09:00:00+08:00", S::kFile},
          {"2024-05-17T09:00:00+08:00", S::kAssign},
          {"2024-05-17T09:00:00+08:00", S::kStart},
          {"2024-05-17T10:00:00+08:00", S::kReply},
          {"2024-05-17T15:00:00+08:00", S::kReply},
          {"2024-05-17T15:00:00+08:00", S::kWaitCustomer},
          {"2024-05-20T11:00:00+08:00", S::kCustomer},
          {"2024-05-20T11:00:00+08:00", S::kResume}},
         "2024-05-17T11:00:00+08:00", "2024-05-20T16:30:00+08:00", "2024-05-21T15:30:00+08:00", "running"},
        {"waiting before the first reply does not pause the first response",
         {{"2024-05-06T09:00:00+08:00", S::kFile},
          {"2024-05-06T09:00:00+08:00", S::kAssign},
          {"2024-05-06T09:00:00+08:00", S::kStart},
          {"2024-05-06T09:30:00+08:00", S::kWaitDepartment}},
         "2024-05-06T11:00:00+08:00", "-", "-", "running"},
        {"resolved in time: every clock met, nothing due",
         {{"2024-05-06T09:00:00+08:00", S::kFile},
          {"2024-05-06T09:00:00+08:00", S::kAssign},
          {"2024-05-06T09:00:00+08:00", S::kStart},
          {"2024-05-06T10:00:00+08:00", S::kReply},
          {"2024-05-06T15:00:00+08:00", S::kResolve}},
         "2024-05-06T11:00:00+08:00", "-", "2024-05-07T18:00:00+08:00", "met"},
        {"reopened: resolution resumes from its 4 h 30 min, next update starts afresh",
         {{"2024-05-06T09:00:00+08:00", S::kFile},
          {"2024-05-06T09:00:00+08:00", S::kAssign},
          {"2024-05-06T09:00:00+08:00", S::kStart},
          {"2024-05-06T10:00:00+08:00", S::kReply},
          {"2024-05-06T15:00:00+08:00", S::kResolve},
          {"2024-05-08T10:00:00+08:00", S::kReopen}},
         "2024-05-06T11:00:00+08:00", "2024-05-08T15:30:00+08:00", "2024-05-09T14:30:00+08:00", "running"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        ComplaintId id = Play(c.steps);
        auto stored = store_.Get(kDefaultTenant, id).value();
        EXPECT_EQ(stored.sla.policy, "office");
        EXPECT_EQ(Iso(stored.first_response_due_at), std::string(c.first_response_due) == "-" ? "-" : Iso(c.first_response_due));
        EXPECT_EQ(Iso(stored.sla.next_update_due_at), std::string(c.next_update_due) == "-" ? "-" : Iso(c.next_update_due));
        EXPECT_EQ(Iso(stored.resolution_due_at), std::string(c.resolution_due) == "-" ? "-" : Iso(c.resolution_due));
        EXPECT_EQ(stored.sla.state, c.state);
        // The regulatory clock runs beside it in calendar days, never paused: 15 days after the local day of receipt.
        auto received = stored.milestones.received_at;
        EXPECT_EQ(Iso(stored.sla.regulatory_due_at),
                  Iso(sla::RegulatoryDue(received, std::chrono::days{15}, 8h)));
    }
}

TEST_F(SlaServiceTest, LiveClocksShowTimeLeftAndPauseWithoutAWrite) {
    ComplaintId id = Play({{"2024-05-17T09:00:00+08:00", Step::kFile},
                           {"2024-05-17T09:00:00+08:00", Step::kAssign},
                           {"2024-05-17T09:00:00+08:00", Step::kStart},
                           {"2024-05-17T10:00:00+08:00", Step::kReply},
                           {"2024-05-17T15:00:00+08:00", Step::kWaitCustomer}});
    // Saturday: paused with 4 h 30 min of resolution counted; the first response was met in time.
    clock_.Set(At("2024-05-18T12:00:00+08:00"));
    auto live = server_.complaints.Sla(kAgent, id).value();
    EXPECT_EQ(live.first_response.state, sla::ClockState::kMet);
    EXPECT_EQ(live.resolution.state, sla::ClockState::kPaused);
    EXPECT_EQ(live.resolution.elapsed, 4h + 30min);
    EXPECT_EQ(live.resolution.remaining, 10h + 30min);
    EXPECT_FALSE(live.resolution.due);
    EXPECT_EQ(live.next_update.state, sla::ClockState::kPaused);
    EXPECT_EQ(live.overall, sla::ClockState::kPaused);
    // A customer of another tenant, or none at all, sees nothing.
    EXPECT_FALSE(server_.complaints.Sla(Actor{TenantId{99}, "x", Role::kManager}, id));
}

// ---------------------------------------------------------------------------------------------------------------
// Policy and calendar changes mid-flight

TEST_F(SlaServiceTest, APolicyChangeMidFlightRecomputesOpenComplaintsOnly) {
    ComplaintId open = Play({{"2024-05-06T09:00:00+08:00", Step::kFile}});
    ComplaintId waiting = Play({{"2024-05-06T09:00:00+08:00", Step::kFile},
                                {"2024-05-06T09:00:00+08:00", Step::kAssign},
                                {"2024-05-06T09:00:00+08:00", Step::kStart},
                                {"2024-05-06T09:30:00+08:00", Step::kReply},
                                {"2024-05-06T10:00:00+08:00", Step::kWaitCustomer}});
    ComplaintId resolved = Play({{"2024-05-06T09:00:00+08:00", Step::kFile},
                                 {"2024-05-06T09:00:00+08:00", Step::kAssign},
                                 {"2024-05-06T09:00:00+08:00", Step::kStart},
                                 {"2024-05-06T09:30:00+08:00", Step::kReply},
                                 {"2024-05-06T10:00:00+08:00", Step::kResolve}});
    auto resolved_before = store_.Get(kDefaultTenant, resolved).value();
    EXPECT_EQ(Iso(store_.Get(kDefaultTenant, open)->resolution_due_at), Iso("2024-05-07T18:00:00+08:00"));
    auto open_before = store_.Get(kDefaultTenant, open).value();
    auto open_events_before = store_.Events(kDefaultTenant, open)->size();

    // At 10:20 (before any clock warns) the manager tightens resolution to one office day (7.5 h).
    clock_.Set(At("2024-05-06T10:20:00+08:00"));
    auto config = OfficeConfig();
    config.policies[0].targets.resolution = 7h + 30min;
    ASSERT_TRUE(server_.sla.SetConfig(kManager, config));
    auto changed = server_.complaints.RecomputeSla(kDefaultTenant);
    ASSERT_TRUE(changed) << changed.error().message;
    EXPECT_EQ(*changed, 1);  // the open one; the waiting one has no due time to move; the resolved one is left alone

    auto now_open = store_.Get(kDefaultTenant, open).value();
    EXPECT_EQ(Iso(now_open.resolution_due_at), Iso("2024-05-06T18:00:00+08:00"));
    EXPECT_EQ(Iso(now_open.first_response_due_at), Iso("2024-05-06T11:00:00+08:00"));
    // The waiting complaint's clock is paused at 1 h of 7.5 h: still no due time, and 6 h 30 min left.
    auto now_waiting = store_.Get(kDefaultTenant, waiting).value();
    EXPECT_EQ(now_waiting.sla.state, "paused");
    EXPECT_EQ(server_.complaints.Sla(kAgent, waiting)->resolution.remaining, 6h + 30min);
    EXPECT_EQ(store_.Get(kDefaultTenant, resolved)->version, resolved_before.version);
    // Due times are derived values: moving them is not a change of the complaint — no event, no new version, the
    // same updated_at (a client holding the version can still PATCH).
    EXPECT_EQ(store_.Events(kDefaultTenant, open)->size(), open_events_before);
    EXPECT_EQ(now_open.version, open_before.version);
    EXPECT_EQ(now_open.updated_at, open_before.updated_at);
    // Recomputing again changes nothing and writes nothing.
    auto version = store_.Get(kDefaultTenant, open)->version;
    EXPECT_EQ(*server_.complaints.RecomputeSla(kDefaultTenant), 0);
    EXPECT_EQ(store_.Get(kDefaultTenant, open)->version, version);

    // A calendar change counts too: the same policy on 24×7 is due 7.5 wall-clock hours after receipt.
    config.policies[0].calendar = "24x7";
    ASSERT_TRUE(server_.sla.SetConfig(kManager, config));
    EXPECT_EQ(*server_.complaints.RecomputeSla(kDefaultTenant), 1);
    EXPECT_EQ(Iso(store_.Get(kDefaultTenant, open)->resolution_due_at), Iso("2024-05-06T16:30:00+08:00"));
    EXPECT_EQ(server_.complaints.Sla(kAgent, waiting)->resolution.remaining, 6h + 30min);
}

TEST_F(SlaServiceTest, OnlyManagersAndAdminsChangeTheSetUpAndABadOneChangesNothing) {
    auto config = OfficeConfig();
    config.policies[0].targets.resolution = 1h;
    for (Role role : {Role::kAgent, Role::kTeamLead, Role::kAnalyst, Role::kCustomer, Role::kDirector}) {
        auto refused = server_.sla.SetConfig(Actor{kDefaultTenant, "x", role}, config);
        ASSERT_FALSE(refused) << workflow::ToString(role);
        EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
    }
    struct Bad {
        const char* name;
        std::function<void(sla::SlaConfig&)> spoil;
        const char* field;
    };
    const Bad bad[] = {
        {"unknown time zone", [](auto& c) { c.calendars[0].time_zone = "Mars/Olympus"; }, "time_zone"},
        {"policy on a missing calendar", [](auto& c) { c.policies[0].calendar = "nowhere"; }, "calendar"},
        {"negative target", [](auto& c) { c.policies[0].targets.first_response = -1h; }, "first_response"},
        {"overlapping hours", [](auto& c) { c.calendars[0].week[1] = {{9h, 12h}, {11h, 13h}}; }, "week"},
    };
    for (const auto& b : bad) {
        SCOPED_TRACE(b.name);
        auto spoiled = OfficeConfig();
        b.spoil(spoiled);
        auto refused = server_.sla.SetConfig(kManager, spoiled);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(refused.error().field.find(b.field), std::string::npos) << refused.error().field;
    }
    // Nothing of the refused set-ups was kept, in the cache or in the stored settings.
    auto kept = server_.sla.Config(kDefaultTenant).value();
    EXPECT_EQ(kept->policies[0].targets.resolution, 15h);
    auto stored = server_.config.LoadSla(kDefaultTenant).value();
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->policies[0].targets.resolution, 15h);
}

// ---------------------------------------------------------------------------------------------------------------
// The sweeper: warnings and breaches, once each

TEST_F(SlaServiceTest, TheSweeperWarnsAndBreachesOnceEachAsTheClockMoves) {
    ComplaintId id = Play({{"2024-05-06T09:00:00+08:00", Step::kFile}});
    EXPECT_EQ(Iso(store_.Get(kDefaultTenant, id)->sla.check_at), Iso("2024-05-06T10:30:00+08:00"));
    struct Tick {
        const char* at;
        int warnings;  // first-response warnings recorded so far
        int breaches;  // first-response breaches recorded so far
        const char* check_at;
        const char* state;
    };
    const Tick ticks[] = {
        {"2024-05-06T10:29:59+08:00", 0, 0, "2024-05-06T10:30:00+08:00", "running"},
        // From the warning on, the sweeper looks again at the first instant past the due time.
        {"2024-05-06T10:30:00+08:00", 1, 0, "2024-05-06T11:00:00.001+08:00", "warning"},
        {"2024-05-06T10:45:00+08:00", 1, 0, "2024-05-06T11:00:00.001+08:00", "warning"},
        {"2024-05-06T11:00:00+08:00", 1, 0, "2024-05-06T11:00:00.001+08:00", "warning"},  // at the due instant: not late
        // Breached; the next look is the resolution's warning (75 % of 15 h = Tue 14:15).
        {"2024-05-06T11:00:00.001+08:00", 1, 1, "2024-05-07T14:15:00+08:00", "breached"},
        {"2024-05-06T15:00:00+08:00", 1, 1, "2024-05-07T14:15:00+08:00", "breached"},
    };
    for (const auto& tick : ticks) {
        SCOPED_TRACE(tick.at);
        clock_.Set(At(tick.at));
        server_.sweeper.SweepOnce();
        server_.sweeper.SweepOnce();  // a second sweep at the same instant adds nothing
        std::vector<Event> warnings, breaches;
        for (auto& e : Events(store_, id, EventKind::kSlaWarning)) {
            if (e.field == "first_response") warnings.push_back(e);
        }
        for (auto& e : Events(store_, id, EventKind::kSlaBreached)) {
            if (e.field == "first_response") breaches.push_back(e);
        }
        EXPECT_EQ(static_cast<int>(warnings.size()), tick.warnings);
        EXPECT_EQ(static_cast<int>(breaches.size()), tick.breaches);
        auto stored = store_.Get(kDefaultTenant, id).value();
        EXPECT_EQ(Iso(stored.sla.check_at), Iso(tick.check_at));
        EXPECT_EQ(stored.sla.state, tick.state);
        if (!warnings.empty()) {
            EXPECT_EQ(warnings[0].at, At("2024-05-06T10:30:00+08:00"));
            EXPECT_EQ(warnings[0].after, Iso("2024-05-06T11:00:00+08:00"));
        }
        if (!breaches.empty()) {
            EXPECT_EQ(breaches[0].at, At("2024-05-06T11:00:00+08:00"));
            EXPECT_NE(breaches[0].note.find("first_response"), std::string::npos);
        }
    }
}

TEST_F(SlaServiceTest, APauseThatMovesTheDueTimeDoesNotWarnTwice) {
    ComplaintId id = Play({{"2024-05-06T09:00:00+08:00", Step::kFile},
                           {"2024-05-06T09:00:00+08:00", Step::kAssign},
                           {"2024-05-06T09:00:00+08:00", Step::kStart},
                           {"2024-05-06T09:10:00+08:00", Step::kReply},
                           // next update (4 h from 09:10) warns at 3 h = 13:40 and is due 14:40
                           {"2024-05-06T13:45:00+08:00", Step::kSweep},
                           {"2024-05-06T13:50:00+08:00", Step::kWaitCustomer},
                           {"2024-05-07T09:00:00+08:00", Step::kResume},
                           {"2024-05-07T09:05:00+08:00", Step::kSweep}});
    auto warnings = Events(store_, id, EventKind::kSlaWarning);
    auto next_update = std::count_if(warnings.begin(), warnings.end(),
                                     [](const Event& e) { return e.field == "next_update"; });
    EXPECT_EQ(next_update, 1);
    EXPECT_EQ(Iso(store_.Get(kDefaultTenant, id)->sla.next_update_due_at), Iso("2024-05-07T09:50:00+08:00"));
}

// What fell due while the server was down is recorded at the first sweep after start — once, and not again after
// another restart — with the complaints in a real SQLite file.
TEST(SlaSweeperRestart, ABreachWhileTheServerWasDownIsRecordedOnceAcrossRestarts) {
    const std::string path = FreshDatabasePath();
    testing::FakeClock clock{At("2024-05-06T09:00:00+08:00")};
    storage::memory::MemoryIdentityStore identity;  // users and settings outlive the restarts
    auto open = [&] {
        return storage::sqlite::SqliteComplaintStore::Open(
                   path, {.readers = 2, .max_batch = 64, .mac = testing::FakeCrypto::TestMac, .clock = &clock})
            .value();
    };
    ComplaintId running, resolved;
    {
        auto store = open();
        Server server{clock, identity, *store};
        ASSERT_TRUE(server.sla.SetConfig(kManager, OfficeConfig()));
        running = server.complaints.File(kAgent, testing::AComplaint()).value().id;
        resolved = server.complaints.File(kAgent, testing::AComplaint()).value().id;
        ASSERT_TRUE(server.complaints.Transition(kAgent, resolved, std::nullopt, Status::kAssigned,
                                                 {.assignee = "wangfang"}));
        ASSERT_TRUE(server.complaints.Transition(kAgent, resolved, std::nullopt, Status::kInProgress,
                                                 {.assignee = "wangfang"}));
        ASSERT_TRUE(server.complaints.AddMessage(kAgent, resolved, Direction::kOutbound, "已处理"));
        ASSERT_TRUE(server.complaints.Transition(kAgent, resolved, std::nullopt, Status::kResolved,
                                                 {.resolution_summary = "已退款"}));
        EXPECT_EQ(server.sweeper.SweepOnce(), 0);  // nothing due yet
        EXPECT_EQ(store->NextSlaCheck().value(), At("2024-05-06T10:30:00+08:00"));
    }
    // Down from Monday 09:00 to Thursday 12:00: the warning, the first-response breach (Mon 11:00) and the resolution
    // breach (Tue 18:00) all fell due meanwhile.
    clock.Set(At("2024-05-09T12:00:00+08:00"));
    auto kinds = [&](ports::ComplaintStore& store, ComplaintId id) {
        std::map<std::string, int> counted;
        auto events = store.Events(kDefaultTenant, id).value();
        for (const auto& e : events) {
            if (e.kind == EventKind::kSlaWarning || e.kind == EventKind::kSlaBreached ||
                e.kind == EventKind::kEscalated) {
                ++counted[std::string(workflow::ToString(e.kind)) + ":" + e.field];
            }
        }
        return counted;
    };
    const std::map<std::string, int> expected{
        {"sla_breached:first_response", 1},
        {"sla_breached:resolution", 1},
        {"escalated:breach:first_response:" + Iso("2024-05-06T11:00:00+08:00"), 1},
        {"escalated:breach:resolution:" + Iso("2024-05-07T18:00:00+08:00"), 1},
    };
    {
        auto store = open();
        Server server{clock, identity, *store};
        EXPECT_EQ(server.sweeper.SweepOnce(), 1);  // only the running complaint was due
        EXPECT_EQ(kinds(*store, running), expected);
        EXPECT_TRUE(kinds(*store, resolved).empty());
        auto stored = store->Get(kDefaultTenant, running).value();
        EXPECT_EQ(stored.sla.state, "breached");
        EXPECT_FALSE(stored.sla.check_at);  // nothing left to wait for
        EXPECT_EQ(stored.sla.escalation_level, 2);  // two breaches: agent → team lead → manager
        EXPECT_EQ(server.sweeper.SweepOnce(), 0);
        EXPECT_EQ(kinds(*store, running), expected);
    }
    clock.Set(At("2024-05-10T12:00:00+08:00"));
    {
        auto store = open();
        Server server{clock, identity, *store};
        EXPECT_EQ(server.sweeper.SweepOnce(), 0);
        EXPECT_EQ(kinds(*store, running), expected);
        // A recheck of the breached complaint adds nothing either.
        auto before = store->Get(kDefaultTenant, running)->version;
        ASSERT_TRUE(server.complaints.RecheckSla(kDefaultTenant, running));
        EXPECT_EQ(store->Get(kDefaultTenant, running)->version, before);
        EXPECT_EQ(kinds(*store, running), expected);
    }
}

// The bulk recomputation on SQLite: events read per batch, changed complaints written per batch, each write audited
// (the audit chain still verifies), resolved ones untouched.
TEST(SlaRecomputeSqlite, RecomputesInBatchesAndKeepsTheAuditChainWhole) {
    const std::string path = FreshDatabasePath();
    testing::FakeClock clock{At("2024-05-06T09:00:00+08:00")};
    storage::memory::MemoryIdentityStore identity;
    auto store = storage::sqlite::SqliteComplaintStore::Open(
                     path, {.readers = 2, .max_batch = 64, .mac = testing::FakeCrypto::TestMac, .clock = &clock})
                     .value();
    Server server{clock, identity, *store};
    ASSERT_TRUE(server.sla.SetConfig(kManager, OfficeConfig()));
    std::vector<ComplaintId> open;
    std::vector<ports::NewComplaint> drafts;
    for (int i = 0; i < 1100; ++i) {  // more than one batch of 1000
        auto draft = testing::AComplaint();
        draft.milestones.received_at = At("2024-05-06T09:00:00+08:00") + std::chrono::seconds(i);
        drafts.push_back({draft, {}, {}});
    }
    for (auto& filed : server.complaints.FileMany(kAgent, std::move(drafts))) open.push_back(filed.value().id);
    // A waiting complaint whose resolution clock is paused, and a resolved one.
    auto waiting = open.back();
    open.pop_back();
    for (Status to : {Status::kAssigned, Status::kInProgress, Status::kWaitingCustomer}) {
        ASSERT_TRUE(server.complaints.Transition(kAgent, waiting, std::nullopt, to, {.assignee = "wangfang"}));
    }
    auto resolved = open.back();
    open.pop_back();
    for (Status to : {Status::kAssigned, Status::kInProgress, Status::kResolved}) {
        ASSERT_TRUE(server.complaints.Transition(kAgent, resolved, std::nullopt, to,
                                                 {.assignee = "wangfang", .resolution_summary = "已退款"}));
    }
    auto resolved_version = store->Get(kDefaultTenant, resolved)->version;

    clock.Set(At("2024-05-06T10:00:00+08:00"));
    auto config = OfficeConfig();
    config.policies[0].targets.resolution = 7h + 30min;
    ASSERT_TRUE(server.sla.SetConfig(kManager, config));
    auto changed = server.complaints.RecomputeSla(kDefaultTenant);
    ASSERT_TRUE(changed) << changed.error().message;
    EXPECT_EQ(*changed, static_cast<std::int64_t>(open.size()));
    for (ComplaintId id : {open.front(), open[567], open.back()}) {
        auto c = store->Get(kDefaultTenant, id).value();
        EXPECT_EQ(c.resolution_due_at, sla::AddBusinessTime(sla::testing::ShanghaiOffice(), c.milestones.received_at,
                                                            7h + 30min));
        EXPECT_EQ(c.version, 1);  // moved without a new version or event
        EXPECT_TRUE(Events(*store, id, EventKind::kFieldChanged).empty());
    }
    // Lists and the due order see the new due times: the earliest received is first, due 7.5 office hours later.
    ports::ComplaintQuery by_due;
    by_due.sort = ports::SortOrder::kDueAsc;
    by_due.limit = 3;
    auto first = store->List(kDefaultTenant, by_due);
    ASSERT_TRUE(first);
    ASSERT_FALSE(first->items.empty());
    EXPECT_EQ(first->items.front().id, open.front());
    EXPECT_EQ(first->items.front().resolution_due_at,
              sla::AddBusinessTime(sla::testing::ShanghaiOffice(), first->items.front().milestones.received_at,
                                   7h + 30min));
    EXPECT_EQ(store->Get(kDefaultTenant, resolved)->version, resolved_version);
    EXPECT_EQ(*server.complaints.RecomputeSla(kDefaultTenant), 0);
    auto audit = store->VerifyAudit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->ok) << audit->problem;
}

// ---------------------------------------------------------------------------------------------------------------
// Escalation: each trigger is one event with its reason and the new owner

TEST_F(SlaServiceTest, EachEscalationTriggerIsOneEventWithItsReasonAndTheNewOwner) {
    struct Case {
        const char* name;
        std::function<void(Complaint&)> make;  // what the complaint carries at intake
        const char* key;                       // the event's field: the trigger
        const char* level;
        const char* owner;
        const char* reason;
    };
    const Case cases[] = {
        {"severity 5", [](Complaint& c) { c.classification.severity = 5; }, "severity_5", "manager", "zhaomin",
         "severity 5"},
        {"legal risk flag", [](Complaint& c) { c.classification.risk_flags = {complaint::RiskFlag::kLegal}; },
         "risk:legal", "director", "chenjie", "risk flag legal"},
        {"VIP risk flag", [](Complaint& c) { c.classification.risk_flags = {complaint::RiskFlag::kVip}; }, "risk:vip",
         "team_lead", "liqiang", "risk flag vip"},
        {"third repeat", [](Complaint& c) { c.attributes["repeat_count"] = "3"; }, "repeat_3", "team_lead", "liqiang",
         "third repeat complaint"},
        {"sharply negative sentiment", [](Complaint& c) { c.classification.sentiment_score = -0.9; }, "sentiment",
         "team_lead", "liqiang", "sharply negative sentiment"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        clock_.Set(At("2024-05-06T09:00:00+08:00"));
        auto draft = testing::AComplaint();
        draft.team = "logistics";
        draft.assignee = "wangfang";
        c.make(draft);
        auto filed = server_.complaints.File(kAgent, draft);
        ASSERT_TRUE(filed) << filed.error().message;
        auto escalated = Events(store_, filed->id, EventKind::kEscalated);
        ASSERT_EQ(escalated.size(), 1u);
        EXPECT_EQ(escalated[0].field, c.key);
        EXPECT_EQ(escalated[0].before, "agent");
        EXPECT_EQ(escalated[0].after, c.level);
        EXPECT_NE(escalated[0].note.find(c.reason), std::string::npos) << escalated[0].note;
        EXPECT_NE(escalated[0].note.find(c.owner), std::string::npos) << escalated[0].note;
        EXPECT_EQ(filed->assignee, c.owner);
        EXPECT_EQ(filed->sla.escalation_reason, c.reason);
        // Later writes do not escalate again for the same reason.
        clock_.Set(At("2024-05-06T09:10:00+08:00"));
        ASSERT_TRUE(server_.complaints.AddMessage(kAgent, filed->id, Direction::kOutbound, "收到"));
        EXPECT_EQ(Events(store_, filed->id, EventKind::kEscalated).size(), 1u);
    }
}

TEST_F(SlaServiceTest, BreachesAndRequestsEachMoveOneStepUpTheChain) {
    clock_.Set(At("2024-05-06T09:00:00+08:00"));
    auto draft = testing::AComplaint();
    draft.team = "logistics";
    draft.assignee = "wangfang";
    ComplaintId id = server_.complaints.File(kAgent, draft).value().id;
    // The first response is missed at 11:00: agent → team lead.
    clock_.Set(At("2024-05-06T11:30:00+08:00"));
    server_.sweeper.SweepOnce();
    auto after_breach = store_.Get(kDefaultTenant, id).value();
    EXPECT_EQ(after_breach.sla.escalation_level, 1);
    EXPECT_EQ(after_breach.assignee, "liqiang");
    EXPECT_EQ(after_breach.sla.escalation_reason, "SLA breached: first_response");
    // The customer asks for a manager: team lead → manager, the request's words in the reason, the customer as actor.
    clock_.Set(At("2024-05-06T12:00:00+08:00"));
    const Actor customer{kDefaultTenant, "customer:" + after_breach.number, Role::kCustomer};
    auto requested = server_.complaints.Escalate(customer, id, "我要找经理");
    ASSERT_TRUE(requested) << requested.error().message;
    EXPECT_EQ(requested->sla.escalation_level, 2);
    EXPECT_EQ(requested->assignee, "zhaomin");
    auto steps = Events(store_, id, EventKind::kEscalated);
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[1].field.rfind("request:", 0), 0u);
    EXPECT_EQ(steps[1].before, "team_lead");
    EXPECT_EQ(steps[1].after, "manager");
    EXPECT_EQ(steps[1].actor, customer.name);
    EXPECT_NE(steps[1].note.find("我要找经理"), std::string::npos);
    EXPECT_NE(steps[1].note.find("liqiang → zhaomin"), std::string::npos) << steps[1].note;
    // An agent asks again: manager → director; then the chain has no step left.
    clock_.Set(At("2024-05-06T12:01:00+08:00"));
    EXPECT_EQ(server_.complaints.Escalate(kAgent, id, "涉及媒体")->assignee, "chenjie");
    auto top = server_.complaints.Escalate(kAgent, id, "again");
    ASSERT_FALSE(top);
    EXPECT_EQ(top.error().code, ErrorCode::kConflict);  // 409: nothing left to escalate to
    // A request needs a reason, and analysts cannot escalate.
    EXPECT_EQ(server_.complaints.Escalate(kAgent, id, "  ").error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(server_.complaints.Escalate(Actor{kDefaultTenant, "ana", Role::kAnalyst}, id, "x").error().code,
              ErrorCode::kPermissionDenied);
}

// With routing, the chain picks the owners routing knows: the complaint's team lead, then a manager of that team who
// is at work rather than one who is away.
TEST_F(SlaServiceTest, RoutingPicksTheOwnersOfTheChain) {
    storage::memory::MemoryRoutingStore routing_store;
    RoutingService routing(store_, routing_store, identity_, clock_);
    for (auto [name, role, team] : {std::tuple{"sunli", Role::kTeamLead, "billing"},
                                    std::tuple{"huangyu", Role::kAgent, "billing"},
                                    std::tuple{"awaymgr", Role::kManager, "billing"},
                                    std::tuple{"zhoumgr", Role::kManager, "billing"}}) {
        identity_.AddUser({{}, kDefaultTenant, name, role, team, "x", false, {}}).value();
    }
    // billing's lead is sunli by routing (not the first team lead by name, liqiang).
    ASSERT_TRUE(routing.PutTeam(kManager, {kDefaultTenant, "billing", "sunli", false, {}}));
    routing::AgentProfile away;
    away.tenant = kDefaultTenant;
    away.username = "awaymgr";
    away.status = routing::WorkStatus::kAway;
    ASSERT_TRUE(routing.PutAgent(kManager, away));
    server_.sla.SetOwnerFinder([&routing](const Complaint& c, int level) {
        auto owner = routing.EscalationOwner(c.tenant, c, level);
        return owner ? *owner : std::string{};
    });

    auto draft = testing::AComplaint();
    draft.assignee = "huangyu";  // no team on the complaint: the assignee's team counts
    ComplaintId id = server_.complaints.File(kAgent, draft).value().id;
    clock_.Set(At("2024-05-06T11:30:00+08:00"));
    server_.sweeper.SweepOnce();
    EXPECT_EQ(store_.Get(kDefaultTenant, id)->assignee, "sunli");
    clock_.Set(At("2024-05-06T11:31:00+08:00"));
    auto up = server_.complaints.Escalate(kAgent, id, "客户要求");
    ASSERT_TRUE(up);
    EXPECT_EQ(up->assignee, "zhoumgr");  // billing's manager at work, not the one away, nor zhaomin of no team
    // A team without a lead falls back to a team lead of that team, and a disabled user is never picked.
    auto nobody = draft;
    nobody.assignee = "wangfang";
    nobody.team = "logistics";
    EXPECT_EQ(routing.EscalationOwner(kDefaultTenant, nobody, 1).value(), "liqiang");
    auto liqiang = identity_.FindUser(kDefaultTenant, "liqiang").value();
    liqiang.disabled = true;
    ASSERT_TRUE(identity_.UpdateUser(liqiang));
    EXPECT_EQ(routing.EscalationOwner(kDefaultTenant, nobody, 1).value(), "sunli");
    // Level 3 without a director of the team: the tenant's director.
    EXPECT_EQ(routing.EscalationOwner(kDefaultTenant, nobody, 3).value(), "chenjie");
}

// ---------------------------------------------------------------------------------------------------------------
// Time zones and daylight saving through the ICU adapter

TEST(SlaTimeZones, DueTimesFollowDaylightSavingCaseByCase) {
    using namespace std::chrono;
    auto office = [](const char* zone, minutes from, minutes to) {
        sla::BusinessCalendar calendar;
        calendar.name = "office";
        calendar.time_zone = zone;
        for (weekday day : {Monday, Tuesday, Wednesday, Thursday, Friday}) calendar.week[day.c_encoding()] = {{from, to}};
        return calendar;
    };
    auto round_the_clock = [](const char* zone) {
        sla::BusinessCalendar calendar;
        calendar.name = "office";
        calendar.time_zone = zone;
        for (auto& day : calendar.week) day = {{0min, 24h}};
        return calendar;
    };
    struct Case {
        const char* name;
        sla::BusinessCalendar calendar;
        const char* start;
        milliseconds target;
        const char* due;  // in UTC
    };
    const Case cases[] = {
        {"Berlin office, across the spring-forward weekend: Monday 10:00 is CEST (08:00 UTC)",
         office("Europe/Berlin", 9h, 17h), "2024-03-29T16:00:00+01:00", 2h, "2024-04-01T08:00:00Z"},
        {"Berlin office, across the fall-back weekend: Monday 10:00 is CET (09:00 UTC)",
         office("Europe/Berlin", 9h, 17h), "2024-10-25T16:00:00+02:00", 2h, "2024-10-28T09:00:00Z"},
        {"Berlin office, a week in summer time", office("Europe/Berlin", 9h, 17h), "2024-07-01T09:00:00+02:00", 8h,
         "2024-07-01T15:00:00Z"},
        {"Berlin round the clock, the 23-hour day: 24 h of work is 24 real hours", round_the_clock("Europe/Berlin"),
         "2024-03-30T12:00:00+01:00", 24h, "2024-03-31T11:00:00Z"},
        {"Berlin round the clock, the 25-hour day", round_the_clock("Europe/Berlin"), "2024-10-26T12:00:00+02:00", 24h,
         "2024-10-27T10:00:00Z"},
        {"Berlin office, starting in the skipped hour of a Sunday", office("Europe/Berlin", 9h, 17h),
         "2024-03-31T01:30:00Z", 1h, "2024-04-01T08:00:00Z"},
        {"Shanghai office, Friday evening to Monday", office("Asia/Shanghai", 9h, 18h), "2024-05-17T17:00:00+08:00",
         2h, "2024-05-20T02:00:00Z"},
        {"Shanghai office, fixed +08:00 in winter too", office("Asia/Shanghai", 9h, 18h), "2024-01-15T09:00:00+08:00",
         9h, "2024-01-15T10:00:00Z"},
    };
    sla_adapters::IcuTimeZones zones;
    for (auto c : cases) {
        SCOPED_TRACE(c.name);
        ASSERT_TRUE(zones.Resolve(c.calendar));
        ASSERT_TRUE(sla::ValidateCalendar(c.calendar));
        Instant start = At(c.start);
        Instant due = sla::AddBusinessTime(c.calendar, start, c.target);
        EXPECT_EQ(FormatIso8601(due), FormatIso8601(At(c.due)));
        EXPECT_EQ(sla::BusinessTimeBetween(c.calendar, start, due), c.target);
    }
    // Shanghai resolves to +08:00; Berlin to +01:00 in winter and +02:00 in summer.
    auto shanghai = office("Asia/Shanghai", 9h, 18h);
    ASSERT_TRUE(zones.Resolve(shanghai));
    EXPECT_EQ(sla::OffsetAt(shanghai, At("2024-05-17T00:00:00Z")), 8h);
    auto berlin = office("Europe/Berlin", 9h, 17h);
    ASSERT_TRUE(zones.Resolve(berlin));
    EXPECT_EQ(sla::OffsetAt(berlin, At("2024-01-15T00:00:00Z")), 1h);
    EXPECT_EQ(sla::OffsetAt(berlin, At("2024-07-15T00:00:00Z")), 2h);
    auto mars = office("Mars/Olympus", 9h, 17h);
    auto refused = zones.Resolve(mars);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "time_zone");
}

// The service resolves the zone of a stored calendar: a Berlin tenant's complaint filed before the clocks go forward
// is due at the CEST hour.
TEST_F(SlaServiceTest, TheTenantsCalendarIsResolvedThroughIcu) {
    using namespace std::chrono;
    auto config = OfficeConfig();
    sla::BusinessCalendar berlin;
    berlin.name = "berlin";
    berlin.time_zone = "Europe/Berlin";
    berlin.utc_offset = 1h;  // what a client may send; the zone decides
    for (weekday day : {Monday, Tuesday, Wednesday, Thursday, Friday}) berlin.week[day.c_encoding()] = {{9h, 17h}};
    config.calendars.push_back(berlin);
    config.policies[0].calendar = "berlin";
    ASSERT_TRUE(server_.sla.SetConfig(kManager, config));
    clock_.Set(At("2024-03-29T16:00:00+01:00"));
    auto filed = server_.complaints.File(kAgent, testing::AComplaint()).value();
    EXPECT_EQ(Iso(filed.first_response_due_at), Iso("2024-04-01T08:00:00Z"));
}

// ---------------------------------------------------------------------------------------------------------------
// The recompute mark: a change of the set-up marks the tenant before it is stored, a finished recomputation clears
// the mark, a failed or stopped one keeps it, and at start SlaRecomputeResumer finishes what a crash cut short.

struct MarkedServer {
    testing::FakeClock clock{At("2024-05-06T09:00:00+08:00")};
    storage::memory::MemoryIdentityStore identity;
    storage::memory::MemoryComplaintStore store;
    Server server{clock, identity, store};

    std::optional<std::int64_t> Mark() { return server.config.LoadRecomputeMark(kDefaultTenant).value(); }

    std::vector<ComplaintId> FileThree() {
        std::vector<ComplaintId> ids;
        for (int i = 0; i < 3; ++i) ids.push_back(server.complaints.File(kAgent, testing::AComplaint()).value().id);
        return ids;
    }

    Instant DueIn(const sla::SlaConfig& config, ComplaintId id) {
        auto c = store.Get(kDefaultTenant, id).value();
        return sla::AddBusinessTime(config.calendars[0], c.milestones.received_at,
                                    *config.policies[0].targets.resolution);
    }
};

sla::SlaConfig FasterConfig() {
    auto config = OfficeConfig();
    config.policies[0].targets.resolution = 7h + 30min;
    return config;
}

TEST(SlaRecomputeMark, SetByAChangeClearedByAFinishedRecomputationKeptByAFailedOne) {
    MarkedServer s;
    EXPECT_EQ(s.Mark(), std::nullopt);
    EXPECT_TRUE(s.server.sla.TenantsToRecompute().value().empty());

    ASSERT_TRUE(s.server.sla.SetConfig(kManager, OfficeConfig()));
    auto first = s.Mark();
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(s.server.sla.TenantsToRecompute().value(), std::vector<TenantId>{kDefaultTenant});
    ASSERT_TRUE(s.server.complaints.RecomputeSla(kDefaultTenant));
    EXPECT_EQ(s.Mark(), std::nullopt);
    EXPECT_TRUE(s.server.sla.TenantsToRecompute().value().empty());

    auto ids = s.FileThree();
    // A refused change (an agent) marks nothing.
    EXPECT_FALSE(s.server.sla.SetConfig(kAgent, FasterConfig()));
    EXPECT_EQ(s.Mark(), std::nullopt);

    ASSERT_TRUE(s.server.sla.SetConfig(kManager, FasterConfig()));
    auto second = s.Mark();
    ASSERT_TRUE(second.has_value());
    EXPECT_GT(*second, *first);
    // A recomputation that fails (here: stopped, as at shutdown) keeps the mark and the old due times.
    std::stop_source stopped;
    stopped.request_stop();
    auto failed = s.server.complaints.RecomputeSla(kDefaultTenant, stopped.get_token());
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(s.Mark(), second);
    for (ComplaintId id : ids) {
        EXPECT_EQ(s.store.Get(kDefaultTenant, id)->resolution_due_at, s.DueIn(OfficeConfig(), id));
    }
    // The finished one moves every open complaint and clears it.
    auto changed = s.server.complaints.RecomputeSla(kDefaultTenant);
    ASSERT_TRUE(changed) << changed.error().message;
    EXPECT_EQ(*changed, 3);
    EXPECT_EQ(s.Mark(), std::nullopt);
    for (ComplaintId id : ids) {
        EXPECT_EQ(s.store.Get(kDefaultTenant, id)->resolution_due_at, s.DueIn(FasterConfig(), id));
    }
}

TEST(SlaRecomputeMark, AChangeMadeMeanwhileKeepsItsOwnMark) {
    MarkedServer s;
    // A mark left by an earlier run: new generations go past it.
    ASSERT_TRUE(s.server.config.SaveRecomputeMark(kDefaultTenant, 41));
    ASSERT_TRUE(s.server.sla.SetConfig(kManager, OfficeConfig()));
    EXPECT_EQ(s.Mark(), 42);
    auto read_by_a_recomputation = s.server.sla.RecomputeMark(kDefaultTenant).value();
    ASSERT_TRUE(s.server.sla.SetConfig(kManager, FasterConfig()));  // while that recomputation runs
    EXPECT_EQ(s.Mark(), 43);
    ASSERT_TRUE(s.server.sla.ClearRecomputeMark(kDefaultTenant, *read_by_a_recomputation));
    EXPECT_EQ(s.Mark(), 43);  // the second change's recomputation has not finished
    ASSERT_TRUE(s.server.sla.ClearRecomputeMark(kDefaultTenant, 43));
    EXPECT_EQ(s.Mark(), std::nullopt);
    // Cleared marks do not bring generations back down within a run.
    ASSERT_TRUE(s.server.sla.SetConfig(kManager, OfficeConfig()));
    EXPECT_EQ(s.Mark(), 44);
}

TEST(SlaRecomputeMark, TheResumerFinishesARecomputationACrashCutShort) {
    MarkedServer s;
    ASSERT_TRUE(s.server.sla.SetConfig(kManager, OfficeConfig()));
    ASSERT_TRUE(s.server.complaints.RecomputeSla(kDefaultTenant));
    auto ids = s.FileThree();
    // The change is stored, then the server dies before it recomputes anything.
    ASSERT_TRUE(s.server.sla.SetConfig(kManager, FasterConfig()));

    // The restarted server: new services over the same stores.
    Server restarted{s.clock, s.identity, s.store};
    for (ComplaintId id : ids) {
        EXPECT_EQ(s.store.Get(kDefaultTenant, id)->resolution_due_at, s.DueIn(OfficeConfig(), id));
    }
    std::vector<std::string> said;
    SlaRecomputeResumer resumer(restarted.complaints, restarted.sla,
                                {.info = [&said](const std::string& text) { said.push_back(text); },
                                 .error = [](const std::string& text) { ADD_FAILURE() << text; }});
    // Stopped before it starts: nothing finishes, the mark stays.
    std::stop_source stopped;
    stopped.request_stop();
    EXPECT_EQ(resumer.RunOnce(stopped.get_token()), 0);
    ASSERT_TRUE(s.Mark().has_value());

    resumer.Start();  // the server's way: on its own thread
    for (int i = 0; i < 3000 && s.Mark().has_value(); ++i) std::this_thread::sleep_for(10ms);
    resumer.Stop();
    EXPECT_EQ(s.Mark(), std::nullopt);
    for (ComplaintId id : ids) {
        EXPECT_EQ(s.store.Get(kDefaultTenant, id)->resolution_due_at, s.DueIn(FasterConfig(), id));
    }
    ASSERT_EQ(said.size(), 2u);
    EXPECT_NE(said[0].find("resuming"), std::string::npos) << said[0];
    EXPECT_NE(said[1].find("finished, 3 complaints changed"), std::string::npos) << said[1];
    // Nothing is pending any more.
    EXPECT_EQ(resumer.RunOnce(), 0);
}


// A missed due time that a policy change moves (still missed) is the same breach: no second breach event, no second
// escalation — the breach is recorded once per clock cycle, as the warning is.
TEST_F(SlaServiceTest, APolicyChangeMovingAMissedDueTimeBreachesAndEscalatesNoMore) {
    ComplaintId id = Play({{"2024-05-06T09:00:00+08:00", Step::kFile}, {"2024-05-06T12:00:00+08:00", Step::kSweep}});
    auto breaches = [&] { return Events(store_, id, EventKind::kSlaBreached); };
    ASSERT_EQ(breaches().size(), 1u);
    EXPECT_EQ(breaches()[0].field, "first_response");
    EXPECT_EQ(breaches()[0].after, Iso("2024-05-06T11:00:00+08:00"));
    EXPECT_EQ(breaches()[0].before, Iso("2024-05-06T09:00:00+08:00"));  // the cycle: from receipt
    const auto escalated = Events(store_, id, EventKind::kEscalated).size();
    const int level = store_.Get(kDefaultTenant, id)->sla.escalation_level;
    EXPECT_GE(level, 1);
    for (auto target : {90min, 100min}) {
        auto config = OfficeConfig();
        config.policies[0].targets.first_response = target;
        ASSERT_TRUE(server_.sla.SetConfig(kManager, config));
        ASSERT_TRUE(server_.complaints.RecomputeSla(kDefaultTenant));
        server_.sweeper.SweepOnce();
        auto stored = store_.Get(kDefaultTenant, id).value();
        EXPECT_EQ(Iso(stored.first_response_due_at), Iso(target == 90min ? "2024-05-06T10:30:00+08:00"
                                                                          : "2024-05-06T10:40:00+08:00"));
        EXPECT_EQ(stored.sla.state, "breached");
        EXPECT_EQ(breaches().size(), 1u);
        EXPECT_EQ(Events(store_, id, EventKind::kEscalated).size(), escalated);
        EXPECT_EQ(stored.sla.escalation_level, level);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// What the SLA reads of a complaint, kept compact (core/sla/inputs.hpp)

TEST(SlaInputs, RoundTripEveryFieldAndOnlyTheEventsTheSlaReads) {
    Complaint c = testing::AComplaint();
    c.id = ComplaintId{42};
    c.tenant = TenantId{3};
    c.version = 7;
    c.status = Status::kWaitingCustomer;
    c.channel = complaint::Channel::kPhone;
    c.milestones.received_at = At("1969-12-31T23:00:00+08:00");  // before 1970: negative milliseconds
    c.milestones.first_response_at = At("2024-05-06T10:00:00+08:00");
    c.customer.tier = complaint::CustomerTier::kVip;
    c.classification.category = "物流:配送\x1e 12:34";  // separators and colons inside a value
    c.classification.urgency = complaint::Urgency::kUrgent;
    c.classification.severity = 4;
    c.classification.sentiment_score = -0.8312345678901234;
    c.classification.risk_flags = {complaint::RiskFlag::kLegal, complaint::RiskFlag::kMedia};
    c.attributes["repeat_count"] = "3";
    c.assignee = "wangfang";
    c.sla = {"office", "warning", At("2024-05-06T15:00:00+08:00"), At("2024-05-21T23:59:59+08:00"),
             At("2024-05-06T14:00:00+08:00"), 2, "severity 5"};
    c.first_response_due_at = At("2024-05-06T11:00:00+08:00");
    c.resolution_due_at = std::nullopt;
    auto event = [&](EventKind kind, std::string field, std::string before, std::string after) {
        return Event{{}, c.tenant, c.id, At("2024-05-06T09:30:00+08:00"), "someone", Role::kAgent, kind,
                     std::move(field), std::move(before), std::move(after), "a note"};
    };
    std::vector<Event> history = {event(EventKind::kCreated, "", "", "web"),
                                  event(EventKind::kStatusChanged, "status", "new", "assigned"),
                                  event(EventKind::kMessageAdded, "inbound", "", ""),
                                  event(EventKind::kMessageAdded, "outbound", "", ""),
                                  event(EventKind::kSlaWarning, "resolution", "2024-05-06T01:00:00.000Z", "x"),
                                  event(EventKind::kSlaBreached, "first_response", "", "2024-05-06T03:00:00.000Z"),
                                  event(EventKind::kEscalated, "severity_5", "agent", "manager"),
                                  event(EventKind::kFieldChanged, "assignee", "", "wangfang")};
    std::string text = sla::EncodeSlaInputs(c, history);

    Complaint read;
    std::vector<Event> events;
    ASSERT_TRUE(sla::DecodeSlaInputs(text, read, events));
    EXPECT_EQ(read.id, c.id);
    EXPECT_EQ(read.tenant, c.tenant);
    EXPECT_EQ(read.version, 7);
    EXPECT_EQ(read.status, c.status);
    EXPECT_EQ(read.channel, c.channel);
    EXPECT_EQ(read.milestones.received_at, c.milestones.received_at);
    EXPECT_EQ(read.milestones.first_response_at, c.milestones.first_response_at);
    EXPECT_EQ(read.customer.tier, c.customer.tier);
    EXPECT_EQ(read.classification.category, c.classification.category);
    EXPECT_EQ(read.classification.urgency, c.classification.urgency);
    EXPECT_EQ(read.classification.severity, 4);
    EXPECT_EQ(read.classification.sentiment_score, c.classification.sentiment_score);  // exactly
    EXPECT_EQ(read.classification.risk_flags, c.classification.risk_flags);
    EXPECT_EQ(read.attributes.at("repeat_count"), "3");
    EXPECT_EQ(read.assignee, "wangfang");
    EXPECT_EQ(read.sla.policy, "office");
    EXPECT_EQ(read.sla.state, "warning");
    EXPECT_EQ(read.sla.next_update_due_at, c.sla.next_update_due_at);
    EXPECT_EQ(read.sla.regulatory_due_at, c.sla.regulatory_due_at);
    EXPECT_EQ(read.sla.check_at, c.sla.check_at);
    EXPECT_EQ(read.sla.escalation_level, 2);
    EXPECT_EQ(read.sla.escalation_reason, "severity 5");
    EXPECT_EQ(read.first_response_due_at, c.first_response_due_at);
    EXPECT_FALSE(read.resolution_due_at);
    // The created event, the inbound message and the field change are not read by the SLA.
    ASSERT_EQ(events.size(), 5u);
    EXPECT_EQ(events[0].kind, EventKind::kStatusChanged);
    EXPECT_EQ(events[0].before, "new");
    EXPECT_EQ(events[0].after, "assigned");
    EXPECT_EQ(events[1].field, "outbound");
    EXPECT_EQ(events[2].before, "2024-05-06T01:00:00.000Z");
    EXPECT_EQ(events[3].after, "2024-05-06T03:00:00.000Z");
    EXPECT_EQ(events[4].field, "severity_5");
    EXPECT_EQ(events[4].at, At("2024-05-06T09:30:00+08:00"));
    // Nothing set stays unset; a damaged text is refused.
    Complaint bare = testing::AComplaint();
    bare.classification.urgency.reset();
    bare.classification.severity.reset();
    bare.classification.sentiment_score.reset();
    Complaint bare_read;
    std::vector<Event> none;
    ASSERT_TRUE(sla::DecodeSlaInputs(sla::EncodeSlaInputs(bare, {}), bare_read, none));
    EXPECT_FALSE(bare_read.classification.urgency);
    EXPECT_FALSE(bare_read.classification.severity);
    EXPECT_FALSE(bare_read.classification.sentiment_score);
    EXPECT_FALSE(bare_read.milestones.first_response_at);
    EXPECT_TRUE(none.empty());
    for (std::string damaged : {text.substr(0, text.size() - 1), text + "1:x", std::string("sla-inputs-1"),
                                "999:" + text.substr(4)}) {
        Complaint out;
        std::vector<Event> out_events;
        auto decoded = sla::DecodeSlaInputs(damaged, out, out_events);
        ASSERT_FALSE(decoded);
        EXPECT_EQ(decoded.error().code, ErrorCode::kInternal);
    }
}

// The narrow rows a recomputation reads on SQLite give exactly what the whole records and their events give:
// the same policy, due times, state, check time, and the same warnings, breaches and escalations — for complaints in
// every open and waiting state, after a recomputation laid new values over them, and for complaints filed before the
// rows existed (whose rows the first recomputation writes).
TEST(SlaInputsSqlite, NarrowRowsComputeWhatWholeRecordsCompute) {
    const std::string path = FreshDatabasePath();
    testing::FakeClock clock{At("2024-05-06T09:00:00+08:00")};
    storage::memory::MemoryIdentityStore identity;
    for (auto [name, role] : {std::pair{"wangfang", Role::kAgent}, std::pair{"liqiang", Role::kTeamLead},
                              std::pair{"zhaomin", Role::kManager}, std::pair{"chenjie", Role::kDirector}}) {
        identity.AddUser({{}, kDefaultTenant, name, role, "logistics", "x", false, {}}).value();
    }
    auto store = storage::sqlite::SqliteComplaintStore::Open(
                     path, {.readers = 2, .max_batch = 64, .mac = testing::FakeCrypto::TestMac, .clock = &clock})
                     .value();
    Server server{clock, identity, *store};
    // Two policies: the urgent ones (by urgency, VIP tier or severity) are held to tighter targets.
    auto config = OfficeConfig();
    auto urgent = OfficePolicy();
    urgent.name = "urgent";
    urgent.conditions.urgencies = {complaint::Urgency::kUrgent};
    urgent.targets = {1h, 2h, 8h};
    auto vip = urgent;
    vip.name = "vip";
    vip.conditions = {};
    vip.conditions.tiers = {complaint::CustomerTier::kVip};
    vip.targets.resolution = 10h;
    config.policies.insert(config.policies.begin(), {urgent, vip});
    ASSERT_TRUE(server.sla.SetConfig(kManager, config));
    auto& c = server.complaints;
    std::vector<ComplaintId> ids;
    for (int i = 0; i < 24; ++i) {
        clock.Set(At("2024-05-06T09:00:00+08:00") + std::chrono::minutes(37 * i));
        auto draft = testing::AComplaint();
        if (i % 3 == 0) draft.classification.urgency = complaint::Urgency::kUrgent;
        if (i % 5 == 0) draft.classification.severity = 5;
        if (i % 7 == 0) draft.classification.risk_flags = {complaint::RiskFlag::kMedia};
        if (i % 4 == 0) draft.customer.tier = complaint::CustomerTier::kVip;
        if (i % 6 == 0) draft.classification.sentiment_score = -0.9;
        auto id = c.File(kAgent, draft).value().id;
        ids.push_back(id);
        auto move = [&](Status to, workflow::TransitionInput input = {}) {
            ASSERT_TRUE(c.Transition(kAgent, id, std::nullopt, to, input));
        };
        clock.Advance(20min);
        if (i % 2 == 0) {
            move(Status::kAssigned, {.assignee = "wangfang"});
            move(Status::kInProgress, {.assignee = "wangfang"});
            ASSERT_TRUE(c.AddMessage(kAgent, id, Direction::kOutbound, "您好，我们正在处理"));
        }
        if (i % 4 == 0) {
            clock.Advance(1h);
            move(Status::kWaitingCustomer);
        }
        if (i % 8 == 0) {
            clock.Advance(3h);
            move(Status::kInProgress, {.assignee = "wangfang"});
        }
        if (i % 12 == 2) move(Status::kResolved, {.resolution_summary = "已补发"});
    }
    clock.Set(At("2024-05-07T16:00:00+08:00"));  // some clocks warn or breach by now

    // Every open complaint's inputs, against its whole record and events: same outcome of SlaService::Apply.
    auto compare = [&](const char* when) {
        std::map<std::int64_t, ports::SlaInputs> narrow;
        ASSERT_TRUE(store->ForEachSlaInputs(kDefaultTenant, [&](std::vector<ports::SlaInputs>& batch) {
            for (auto& inputs : batch) narrow.emplace(inputs.complaint.id.value, std::move(inputs));
            return true;
        }));
        std::size_t open = 0;
        for (ComplaintId id : ids) {
            auto whole = store->Get(kDefaultTenant, id).value();
            auto category = workflow::CategoryOf(whole.status);
            bool is_open = category == workflow::StatusCategory::kOpen ||
                           category == workflow::StatusCategory::kPaused;
            ASSERT_EQ(narrow.count(id.value), is_open ? 1u : 0u) << when << " complaint " << whole.number;
            if (!is_open) continue;
            ++open;
            auto& inputs = narrow.at(id.value);
            EXPECT_EQ(inputs.complaint.version, whole.version) << when;
            EXPECT_EQ(inputs.complaint.resolution_due_at, whole.resolution_due_at) << when;
            EXPECT_EQ(inputs.complaint.sla.check_at, whole.sla.check_at) << when;
            EXPECT_EQ(inputs.complaint.sla.state, whole.sla.state) << when;
            auto history = store->Events(kDefaultTenant, id).value();
            auto from_whole = whole;
            auto from_narrow = inputs.complaint;
            auto events_whole = server.sla.Apply(from_whole, history, clock.Now());
            auto events_narrow = server.sla.Apply(from_narrow, inputs.history, clock.Now());
            EXPECT_EQ(from_narrow.first_response_due_at, from_whole.first_response_due_at) << when << whole.number;
            EXPECT_EQ(from_narrow.resolution_due_at, from_whole.resolution_due_at) << when << whole.number;
            EXPECT_EQ(from_narrow.sla.next_update_due_at, from_whole.sla.next_update_due_at) << when;
            EXPECT_EQ(from_narrow.sla.regulatory_due_at, from_whole.sla.regulatory_due_at) << when;
            EXPECT_EQ(from_narrow.sla.check_at, from_whole.sla.check_at) << when;
            EXPECT_EQ(from_narrow.sla.state, from_whole.sla.state) << when;
            EXPECT_EQ(from_narrow.sla.policy, from_whole.sla.policy) << when;
            EXPECT_EQ(from_narrow.sla.escalation_level, from_whole.sla.escalation_level) << when;
            EXPECT_EQ(from_narrow.assignee, from_whole.assignee) << when;
            ASSERT_EQ(events_narrow.size(), events_whole.size()) << when << " " << whole.number;
            for (std::size_t i = 0; i < events_whole.size(); ++i) {
                EXPECT_EQ(events_narrow[i].kind, events_whole[i].kind) << when;
                EXPECT_EQ(events_narrow[i].field, events_whole[i].field) << when;
                EXPECT_EQ(events_narrow[i].before, events_whole[i].before) << when;
                EXPECT_EQ(events_narrow[i].after, events_whole[i].after) << when;
            }
        }
        EXPECT_EQ(narrow.size(), open) << when;
        EXPECT_GT(open, 15u) << when;
    };
    compare("as filed");
    // Warnings, breaches and escalations recorded by the sweeper; then a policy change moves every due time.
    server.sweeper.SweepOnce();
    compare("after the sweep");
    config.policies[2].targets.resolution = 30h;
    config.policies[1].targets.first_response = 3h;
    ASSERT_TRUE(server.sla.SetConfig(kManager, config));
    auto changed = c.RecomputeSla(kDefaultTenant);
    ASSERT_TRUE(changed) << changed.error().message;
    EXPECT_GT(*changed, 10);
    compare("after a recomputation");
    EXPECT_EQ(*c.RecomputeSla(kDefaultTenant), 0);

    // A database whose open complaints were filed before the rows existed: the next recomputation writes them.
    {
        auto db = storage::sqlite::Connection::Open(path, false).value();
        ASSERT_TRUE(db->Execute("DELETE FROM sla_inputs; DELETE FROM sla_inputs_complete"));
    }
    {  // New values for such a complaint are checked against its record instead (the sweeper may set them first).
        Complaint open;
        for (ComplaintId id : ids) {
            auto whole = store->Get(kDefaultTenant, id).value();
            if (whole.status == Status::kInProgress && whole.resolution_due_at) open = whole;
        }
        ASSERT_TRUE(open.resolution_due_at);
        auto moved = open;
        *moved.resolution_due_at += 1h;
        std::vector<ports::SlaValuesUpdate> one{{moved, moved.version}};
        ASSERT_TRUE(store->SetSlaValues(std::move(one))[0]);
        EXPECT_EQ(store->Get(kDefaultTenant, open.id)->resolution_due_at, moved.resolution_due_at);
        std::vector<ports::SlaValuesUpdate> stale{{moved, moved.version + 1}};
        EXPECT_EQ(store->SetSlaValues(std::move(stale))[0].error().code, ErrorCode::kConflict);
        // The recomputation below puts the due time back where the policy has it.
        ASSERT_TRUE(c.RecomputeSla(kDefaultTenant));
        EXPECT_EQ(store->Get(kDefaultTenant, open.id)->resolution_due_at, open.resolution_due_at);
    }
    compare("filed before the rows existed");
    auto db = storage::sqlite::Connection::Open(path, false).value();
    auto count = db->Prepare("SELECT (SELECT count(*) FROM sla_inputs), (SELECT count(*) FROM sla_inputs_complete)");
    ASSERT_TRUE(count);
    ASSERT_TRUE(*(*count)->Step());
    EXPECT_GT((*count)->Int(0), 15);
    EXPECT_EQ((*count)->Int(1), 1);
    (*count)->Reset();
    auto audit = store->VerifyAudit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->ok) << audit->problem;
}

}  // namespace
}  // namespace heed::core::services
