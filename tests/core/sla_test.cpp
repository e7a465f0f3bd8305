#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "core/sla/clock.hpp"
#include "core/sla/policy.hpp"
#include "core/sla_calendars.hpp"
#include "support/builders.hpp"

namespace heed::core::sla {

void PrintTo(ClockState state, std::ostream* out) {
    *out << ToString(state);
}

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using complaint::Channel;
using complaint::Complaint;
using complaint::CustomerTier;
using complaint::Urgency;
using testing::At;
using testing::ShanghaiOffice;
using workflow::Event;
using workflow::EventKind;
using workflow::Status;
using S = ClockState;

// ---------------------------------------------------------------------------------------------------------------
// Policies

Complaint Classified(std::optional<Urgency> urgency, CustomerTier tier = CustomerTier::kRegular,
                     std::optional<int> severity = std::nullopt, Channel channel = Channel::kWeb,
                     std::string category = "物流配送") {
    Complaint c = heed::testing::AComplaint();
    c.classification.urgency = urgency;
    c.classification.severity = severity;
    c.customer.tier = tier;
    c.channel = channel;
    c.classification.category = std::move(category);
    return c;
}

TEST(SlaPolicy, DefaultsComeFromTheSeedsOnA24x7Calendar) {
    const auto policies = DefaultPolicies();
    ASSERT_EQ(policies.size(), 2u);
    EXPECT_EQ(policies[0].name, "urgent");
    EXPECT_EQ(policies[0].conditions.urgencies, std::vector<Urgency>{Urgency::kUrgent});
    EXPECT_EQ(policies[0].targets.first_response, milliseconds{2h});
    EXPECT_EQ(policies[0].targets.resolution, milliseconds{24h});
    EXPECT_EQ(policies[1].name, "general");
    EXPECT_TRUE(policies[1].conditions.urgencies.empty());
    EXPECT_EQ(policies[1].targets.first_response, milliseconds{24h});
    EXPECT_EQ(policies[1].targets.resolution, milliseconds{48h});
    for (const SlaPolicy& policy : policies) {
        EXPECT_EQ(policy.calendar, Calendar24x7().name);
        EXPECT_EQ(policy.warn_share, 0.75);
        EXPECT_FALSE(policy.targets.next_update.has_value());
        EXPECT_TRUE(ValidatePolicy(policy).has_value());
    }
}

std::vector<SlaPolicy> TenantPolicies() {
    std::vector<SlaPolicy> policies;
    SlaPolicy vip{.name = "vip", .conditions = {.tiers = {CustomerTier::kVip}}};
    vip.targets.first_response = 1h;
    SlaPolicy severe{.name = "severe", .conditions = {.min_severity = 4}};
    SlaPolicy wechat_delivery{.name = "wechat-delivery",
                              .conditions = {.categories = {"物流配送"}, .channels = {Channel::kWechat}}};
    policies = {vip, severe, wechat_delivery};
    for (SlaPolicy& policy : DefaultPolicies()) policies.push_back(policy);
    return policies;
}

struct SelectionCase {
    const char* what;
    Complaint complaint;
    const char* with_defaults;  // the policy DefaultPolicies() picks
    const char* with_tenant;    // the policy TenantPolicies() picks
};

TEST(SlaPolicy, SelectsTheFirstMatchingPolicyCaseByCase) {
    const SelectionCase cases[] = {
        {"urgent", Classified(Urgency::kUrgent), "urgent", "urgent"},
        {"general", Classified(Urgency::kGeneral), "general", "general"},
        {"important falls to general", Classified(Urgency::kImportant), "general", "general"},
        {"not yet classified falls to general", Classified(std::nullopt), "general", "general"},
        {"VIP before urgency", Classified(Urgency::kUrgent, CustomerTier::kVip), "urgent", "vip"},
        {"VIP general", Classified(Urgency::kGeneral, CustomerTier::kVip), "general", "vip"},
        {"severity 4 reaches the minimum", Classified(Urgency::kGeneral, CustomerTier::kRegular, 4), "general",
         "severe"},
        {"severity 3 does not", Classified(Urgency::kGeneral, CustomerTier::kRegular, 3), "general", "general"},
        {"category and channel both hold",
         Classified(Urgency::kGeneral, CustomerTier::kRegular, std::nullopt, Channel::kWechat), "general",
         "wechat-delivery"},
        {"channel holds, category does not",
         Classified(Urgency::kGeneral, CustomerTier::kRegular, std::nullopt, Channel::kWechat, "产品质量"), "general",
         "general"},
    };
    const auto defaults = DefaultPolicies();
    const auto tenant = TenantPolicies();
    for (const SelectionCase& c : cases) {
        SCOPED_TRACE(c.what);
        const SlaPolicy* from_defaults = SelectPolicy(defaults, c.complaint);
        const SlaPolicy* from_tenant = SelectPolicy(tenant, c.complaint);
        ASSERT_NE(from_defaults, nullptr);
        ASSERT_NE(from_tenant, nullptr);
        EXPECT_EQ(from_defaults->name, c.with_defaults);
        EXPECT_EQ(from_tenant->name, c.with_tenant);
    }
}

TEST(SlaPolicy, NoMatchingPolicyIsNull) {
    std::vector<SlaPolicy> only_vip{SlaPolicy{.name = "vip", .conditions = {.tiers = {CustomerTier::kVip}}}};
    EXPECT_EQ(SelectPolicy(only_vip, Classified(Urgency::kUrgent)), nullptr);
    EXPECT_EQ(SelectPolicy({}, Classified(Urgency::kUrgent)), nullptr);
}

TEST(SlaPolicy, ValidationNamesTheField) {
    struct Case {
        const char* what;
        void (*change)(SlaPolicy&);
        const char* field;
    };
    const Case cases[] = {
        {"defaults are valid", [](SlaPolicy&) {}, nullptr},
        {"a name", [](SlaPolicy& p) { p.name.clear(); }, "name"},
        {"a calendar", [](SlaPolicy& p) { p.calendar.clear(); }, "calendar"},
        {"a positive first response", [](SlaPolicy& p) { p.targets.first_response = 0ms; }, "first_response"},
        {"a positive next update", [](SlaPolicy& p) { p.targets.next_update = -1h; }, "next_update"},
        {"a positive resolution", [](SlaPolicy& p) { p.targets.resolution = 0ms; }, "resolution"},
        {"a warn share above 0", [](SlaPolicy& p) { p.warn_share = 0; }, "warn_share"},
        {"a warn share at most 1", [](SlaPolicy& p) { p.warn_share = 1.5; }, "warn_share"},
        {"a severity 1-5", [](SlaPolicy& p) { p.conditions.min_severity = 6; }, "min_severity"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        SlaPolicy policy = DefaultPolicies().front();
        c.change(policy);
        auto result = ValidatePolicy(policy);
        ASSERT_EQ(result.has_value(), c.field == nullptr);
        if (c.field) {
            EXPECT_EQ(result.error().field, c.field);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Clocks. A scenario is the complaint's life as steps (a status it moved to, or "reply" for an outbound message);
// the builder turns them into the events and milestones the services would have written.

struct Step {
    const char* at;
    const char* what;
};

struct Built {
    Complaint complaint;
    std::vector<Event> events;
};

Built Build(const char* received, const std::vector<Step>& steps) {
    Built built{heed::testing::AComplaint(), {}};
    built.complaint.milestones.received_at = At(received);
    Status status = Status::kNew;
    for (const Step& step : steps) {
        Instant at = At(step.at);
        if (std::string_view(step.what) == "reply") {
            built.events.push_back(Event{.at = at, .kind = EventKind::kMessageAdded, .field = "outbound"});
            if (!built.complaint.milestones.first_response_at) built.complaint.milestones.first_response_at = at;
            continue;
        }
        auto next = ValueOf(workflow::kStatusNames, std::string_view(step.what));
        EXPECT_TRUE(next.has_value()) << step.what;
        built.events.push_back(Event{.at = at,
                                     .kind = EventKind::kStatusChanged,
                                     .field = "status",
                                     .before = std::string(ToString(status)),
                                     .after = step.what});
        status = next.value_or(status);
    }
    built.complaint.status = status;  // where it is at the end of all steps, whatever `now` the case asks about
    return built;
}

// First response 2 h, next update 4 h, resolution 15 h (two office days) on the Shanghai office calendar.
SlaPolicy OfficePolicy() {
    SlaPolicy policy{.name = "office", .calendar = "shanghai-office"};
    policy.targets = {.first_response = 2h, .next_update = 4h, .resolution = 15h};
    return policy;
}

enum class Setup { kOffice, kUrgent24x7 };

struct Expect {
    ClockState state = S::kInactive;
    const char* due = nullptr;  // nullptr: no due instant
    milliseconds elapsed{0};
    const char* met_at = nullptr;
    const char* breached_at = nullptr;
    int breaches = 0;
};

struct ClockCase {
    const char* what;
    Setup setup;
    const char* received;
    std::vector<Step> steps;
    const char* now;
    Expect first_response;
    Expect next_update;
    Expect resolution;
};

// 2024-05-06 is a Monday; the office works 09:00–12:00 and 13:30–18:00.
const std::vector<Step> kPausedOverAWeekend = {{"2024-05-17T09:00+08:00", "in_progress"},
                                               {"2024-05-17T10:00+08:00", "reply"},
                                               {"2024-05-17T15:00+08:00", "reply"},
                                               {"2024-05-17T15:00+08:00", "waiting_customer"},
                                               {"2024-05-20T11:00+08:00", "in_progress"}};
const std::vector<Step> kResolvedThenReopened = {{"2024-05-06T09:00+08:00", "in_progress"},
                                                 {"2024-05-06T10:00+08:00", "reply"},
                                                 {"2024-05-06T15:00+08:00", "resolved"},
                                                 {"2024-05-08T10:00+08:00", "reopened"},
                                                 {"2024-05-08T10:00+08:00", "in_progress"}};
const std::vector<Step> kResolvedLate24x7 = {{"2024-05-06T09:00+08:00", "in_progress"},
                                             {"2024-05-06T10:00+08:00", "reply"},
                                             {"2024-05-08T10:00+08:00", "resolved"},
                                             {"2024-05-08T12:00+08:00", "reopened"},
                                             {"2024-05-08T12:00+08:00", "in_progress"}};

const std::vector<ClockCase>& ClockCases() {
    static const std::vector<ClockCase> cases = {
        {"a fresh complaint in working hours",
         Setup::kOffice,
         "2024-05-06T09:00+08:00",
         {},
         "2024-05-06T10:00+08:00",
         {S::kRunning, "2024-05-06T11:00+08:00", 1h},
         {},
         {S::kRunning, "2024-05-07T18:00+08:00", 1h}},
        {"received Friday night, counted from Monday's opening",
         Setup::kOffice,
         "2024-05-17T20:00+08:00",
         {},
         "2024-05-20T09:30+08:00",
         {S::kRunning, "2024-05-20T11:00+08:00", 30min},
         {},
         {S::kRunning, "2024-05-21T18:00+08:00", 30min}},
        {"received Friday afternoon, due on the make-up Saturday",
         Setup::kOffice,
         "2024-05-10T17:00+08:00",
         {},
         "2024-05-11T10:00+08:00",
         {S::kWarning, "2024-05-11T10:00+08:00", 2h},
         {},
         {S::kRunning, "2024-05-13T17:00+08:00", 2h}},
        {"first response met; later replies never move it",
         Setup::kOffice,
         "2024-05-06T09:00+08:00",
         {{"2024-05-06T09:05+08:00", "assigned"},
          {"2024-05-06T09:10+08:00", "in_progress"},
          {"2024-05-06T10:00+08:00", "reply"},
          {"2024-05-06T15:00+08:00", "reply"},
          {"2024-05-07T10:00+08:00", "reply"}},
         "2024-05-07T11:00+08:00",
         {S::kMet, "2024-05-06T11:00+08:00", 1h, "2024-05-06T10:00+08:00"},
         {S::kRunning, "2024-05-07T15:30+08:00", 1h},
         {S::kRunning, "2024-05-07T18:00+08:00", 9h + 30min}},
        {"a reply at exactly the due instant is in time",
         Setup::kOffice,
         "2024-05-06T09:00+08:00",
         {{"2024-05-06T11:00+08:00", "reply"}},
         "2024-05-06T12:00+08:00",
         {S::kMet, "2024-05-06T11:00+08:00", 2h, "2024-05-06T11:00+08:00"},
         {S::kRunning, "2024-05-06T16:30+08:00", 1h},
         {S::kRunning, "2024-05-07T18:00+08:00", 3h}},
        {"waiting for the customer over a weekend, resumed",
         Setup::kOffice,
         "2024-05-17T09:00+08:00",
         kPausedOverAWeekend,
         "2024-05-20T12:00+08:00",
         {S::kMet, "2024-05-17T11:00+08:00", 1h, "2024-05-17T10:00+08:00"},
         {S::kRunning, "2024-05-20T16:30+08:00", 1h},
         // Without the pause: due Monday 18:00. The pause covered 5 working hours (Fri 15–18, Mon 9–11).
         {S::kRunning, "2024-05-21T15:30+08:00", 5h + 30min}},
        {"waiting for the customer, seen during the weekend",
         Setup::kOffice,
         "2024-05-17T09:00+08:00",
         kPausedOverAWeekend,
         "2024-05-18T10:00+08:00",
         {S::kMet, "2024-05-17T11:00+08:00", 1h, "2024-05-17T10:00+08:00"},
         {S::kPaused, nullptr, 0ms},
         {S::kPaused, nullptr, 4h + 30min}},
        {"several pauses add up",
         Setup::kOffice,
         "2024-05-06T09:00+08:00",
         {{"2024-05-06T09:00+08:00", "in_progress"},
          {"2024-05-06T09:30+08:00", "reply"},
          {"2024-05-06T10:00+08:00", "waiting_customer"},
          {"2024-05-06T11:00+08:00", "in_progress"},
          {"2024-05-06T14:00+08:00", "waiting_department"},
          {"2024-05-07T10:00+08:00", "in_progress"}},
         "2024-05-07T11:30+08:00",
         {S::kMet, "2024-05-06T11:00+08:00", 30min, "2024-05-06T09:30+08:00"},
         {S::kWarning, "2024-05-07T12:00+08:00", 3h + 30min},
         {S::kRunning, "2024-05-08T16:30+08:00", 4h}},
        {"waiting on a department does not pause the first response",
         Setup::kOffice,
         "2024-05-06T09:00+08:00",
         {{"2024-05-06T09:00+08:00", "in_progress"}, {"2024-05-06T09:30+08:00", "waiting_department"}},
         "2024-05-06T11:30+08:00",
         {S::kBreached, "2024-05-06T11:00+08:00", 2h + 30min, nullptr, "2024-05-06T11:00+08:00", 1},
         {},
         {S::kPaused, nullptr, 30min}},
        {"resolved: resolution met, next update stopped",
         Setup::kOffice,
         "2024-05-06T09:00+08:00",
         kResolvedThenReopened,
         "2024-05-07T10:00+08:00",
         {S::kMet, "2024-05-06T11:00+08:00", 1h, "2024-05-06T10:00+08:00"},
         {S::kStopped, nullptr, 3h + 30min},
         {S::kMet, "2024-05-07T18:00+08:00", 4h + 30min, "2024-05-06T15:00+08:00"}},
        {"reopened: resolution resumes where it stood, next update starts afresh",
         Setup::kOffice,
         "2024-05-06T09:00+08:00",
         kResolvedThenReopened,
         "2024-05-08T11:00+08:00",
         {S::kMet, "2024-05-06T11:00+08:00", 1h, "2024-05-06T10:00+08:00"},
         {S::kRunning, "2024-05-08T15:30+08:00", 1h},
         {S::kRunning, "2024-05-09T14:30+08:00", 5h + 30min}},
        {"a replay at an earlier now ignores later events",
         Setup::kOffice,
         "2024-05-06T09:00+08:00",
         kResolvedThenReopened,
         "2024-05-06T12:30+08:00",
         {S::kMet, "2024-05-06T11:00+08:00", 1h, "2024-05-06T10:00+08:00"},
         {S::kRunning, "2024-05-06T15:30+08:00", 2h},
         {S::kRunning, "2024-05-07T18:00+08:00", 3h}},
        {"a missed update is counted; the next reply starts a new cycle",
         Setup::kOffice,
         "2024-05-06T09:00+08:00",
         {{"2024-05-06T09:00+08:00", "in_progress"},
          {"2024-05-06T09:30+08:00", "reply"},
          {"2024-05-07T10:00+08:00", "reply"}},
         "2024-05-07T11:00+08:00",
         {S::kMet, "2024-05-06T11:00+08:00", 30min, "2024-05-06T09:30+08:00"},
         {S::kRunning, "2024-05-07T15:30+08:00", 1h, nullptr, nullptr, 1},
         {S::kRunning, "2024-05-07T18:00+08:00", 9h + 30min}},
        {"due Friday at closing is breached over the weekend",
         Setup::kOffice,
         "2024-05-16T09:00+08:00",
         {},
         "2024-05-18T10:00+08:00",
         {S::kBreached, "2024-05-16T11:00+08:00", 15h, nullptr, "2024-05-16T11:00+08:00", 1},
         {},
         {S::kBreached, "2024-05-17T18:00+08:00", 15h, nullptr, "2024-05-17T18:00+08:00", 1}},
        {"rejected without a reply stops the clocks",
         Setup::kOffice,
         "2024-05-06T09:00+08:00",
         {{"2024-05-06T09:30+08:00", "rejected"}},
         "2024-05-06T10:00+08:00",
         {S::kStopped, nullptr, 30min},
         {},
         {S::kStopped, nullptr, 30min}},
        {"24x7: no reply in time breaches the first response",
         Setup::kUrgent24x7,
         "2024-05-06T09:00+08:00",
         {{"2024-05-06T09:00+08:00", "in_progress"}},
         "2024-05-06T11:30+08:00",
         {S::kBreached, "2024-05-06T11:00+08:00", 2h + 30min, nullptr, "2024-05-06T11:00+08:00", 1},
         {},
         {S::kRunning, "2024-05-07T09:00+08:00", 2h + 30min}},
        {"24x7: a late reply is recorded but the breach stays",
         Setup::kUrgent24x7,
         "2024-05-06T09:00+08:00",
         {{"2024-05-06T09:00+08:00", "in_progress"}, {"2024-05-06T12:00+08:00", "reply"}},
         "2024-05-06T13:00+08:00",
         {S::kBreached, "2024-05-06T11:00+08:00", 3h, "2024-05-06T12:00+08:00", "2024-05-06T11:00+08:00", 1},
         {},
         {S::kRunning, "2024-05-07T09:00+08:00", 4h}},
        {"24x7: resolved late keeps both met_at and breached_at",
         Setup::kUrgent24x7,
         "2024-05-06T09:00+08:00",
         kResolvedLate24x7,
         "2024-05-08T11:00+08:00",
         {S::kMet, "2024-05-06T11:00+08:00", 1h, "2024-05-06T10:00+08:00"},
         {},
         {S::kBreached, "2024-05-07T09:00+08:00", 49h, "2024-05-08T10:00+08:00", "2024-05-07T09:00+08:00", 1}},
        {"24x7: reopened after a breach is still breached",
         Setup::kUrgent24x7,
         "2024-05-06T09:00+08:00",
         kResolvedLate24x7,
         "2024-05-08T13:00+08:00",
         {S::kMet, "2024-05-06T11:00+08:00", 1h, "2024-05-06T10:00+08:00"},
         {},
         {S::kBreached, "2024-05-07T09:00+08:00", 50h, nullptr, "2024-05-07T09:00+08:00", 1}},
    };
    return cases;
}

std::string Show(std::optional<Instant> instant) {
    return instant ? FormatIso8601(*instant) : "none";
}
std::string Show(const char* text) {
    return text ? FormatIso8601(At(text)) : "none";
}

void ExpectClock(const char* name, const SlaClock& actual, const Expect& expected, std::optional<milliseconds> target) {
    SCOPED_TRACE(name);
    EXPECT_EQ(actual.state, expected.state);
    EXPECT_EQ(Show(actual.due), Show(expected.due));
    EXPECT_EQ(actual.elapsed.count(), expected.elapsed.count())
        << duration<double, std::ratio<3600>>(actual.elapsed).count() << " h";
    EXPECT_EQ(Show(actual.met_at), Show(expected.met_at));
    EXPECT_EQ(Show(actual.breached_at), Show(expected.breached_at));
    EXPECT_EQ(actual.breaches, expected.breaches);
    if (actual.state != S::kInactive && target) {
        EXPECT_EQ(actual.remaining.count(), (*target - actual.elapsed).count());
    }
}

SlaState Compute(const ClockCase& c, const std::vector<Event>* events_override = nullptr) {
    Built built = Build(c.received, c.steps);
    const std::vector<Event>& events = events_override ? *events_override : built.events;
    if (c.setup == Setup::kOffice)
        return ComputeSla(built.complaint, events, OfficePolicy(), ShanghaiOffice(), At(c.now));
    return ComputeSla(built.complaint, events, DefaultPolicies().front(), Calendar24x7(), At(c.now));
}

TEST(SlaClock, ComputesEveryClockCaseByCase) {
    for (const ClockCase& c : ClockCases()) {
        SCOPED_TRACE(c.what);
        SlaPolicy policy = c.setup == Setup::kOffice ? OfficePolicy() : DefaultPolicies().front();
        SlaState state = Compute(c);
        EXPECT_EQ(state.policy, policy.name);
        ExpectClock("first_response", state.first_response, c.first_response, policy.targets.first_response);
        ExpectClock("next_update", state.next_update, c.next_update, policy.targets.next_update);
        ExpectClock("resolution", state.resolution, c.resolution, policy.targets.resolution);
    }
}

std::string Summary(const SlaClock& clock) {
    return std::string(ToString(clock.state)) + " due " + Show(clock.due) + " warn " + Show(clock.warning_at) +
           " elapsed " + std::to_string(clock.elapsed.count()) + " met " + Show(clock.met_at) + " breached " +
           Show(clock.breached_at) + " x" + std::to_string(clock.breaches);
}

// The store may hand events back in any order; the clocks sort them by time. Events at the same instant keep their
// order, since nothing else could tell which came first.
TEST(SlaClock, EventOrderDoesNotMatter) {
    std::mt19937 random(7);
    for (const ClockCase& c : ClockCases()) {
        SCOPED_TRACE(c.what);
        const std::vector<Event> events = Build(c.received, c.steps).events;
        const SlaState expected = Compute(c);
        for (int round = 0; round < 5; ++round) {
            std::vector<std::size_t> order(events.size());
            for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
            std::shuffle(order.begin(), order.end(), random);
            std::map<Instant, std::vector<std::size_t>> same_instant;
            for (std::size_t i = 0; i < events.size(); ++i) same_instant[events[i].at].push_back(i);
            std::map<Instant, std::size_t> taken;
            std::vector<Event> shuffled;
            for (std::size_t slot : order) {
                Instant at = events[slot].at;
                shuffled.push_back(events[same_instant[at][taken[at]++]]);
            }
            const SlaState actual = Compute(c, &shuffled);
            EXPECT_EQ(Summary(actual.first_response), Summary(expected.first_response));
            EXPECT_EQ(Summary(actual.next_update), Summary(expected.next_update));
            EXPECT_EQ(Summary(actual.resolution), Summary(expected.resolution));
        }
    }
}

TEST(SlaClock, WarnsAtTheWarnShareOfTheTarget) {
    Built built = Build("2024-05-06T09:00+08:00", {});
    struct Case {
        const char* now;
        ClockState state;
    };
    const Case cases[] = {{"2024-05-06T10:29:59.999+08:00", S::kRunning},
                          {"2024-05-06T10:30:00.000+08:00", S::kWarning},
                          {"2024-05-06T11:00:00.000+08:00", S::kWarning},
                          {"2024-05-06T11:00:00.001+08:00", S::kBreached}};
    for (const Case& c : cases) {
        SCOPED_TRACE(c.now);
        SlaState state = ComputeSla(built.complaint, built.events, OfficePolicy(), ShanghaiOffice(), At(c.now));
        EXPECT_EQ(state.first_response.state, c.state);
        EXPECT_EQ(Show(state.first_response.warning_at), Show("2024-05-06T10:30+08:00"));  // 75 % of 2 h
        EXPECT_EQ(Show(state.resolution.warning_at), Show("2024-05-07T14:15+08:00"));      // 75 % of 15 h
        EXPECT_EQ(state.overall, c.state);
    }
    SlaPolicy half = OfficePolicy();
    half.warn_share = 0.5;
    SlaState state = ComputeSla(built.complaint, built.events, half, ShanghaiOffice(), At("2024-05-06T10:00+08:00"));
    EXPECT_EQ(state.first_response.state, S::kWarning);
}

TEST(SlaClock, RemainingGoesNegativeOnceBreached) {
    Built built = Build("2024-05-06T09:00+08:00", {});
    SlaState state =
        ComputeSla(built.complaint, built.events, OfficePolicy(), ShanghaiOffice(), At("2024-05-06T14:00+08:00"));
    EXPECT_EQ(state.first_response.state, S::kBreached);
    EXPECT_EQ(state.first_response.remaining.count(), milliseconds{-90min}.count());  // 3.5 h counted of 2 h
}

TEST(SlaClock, TheMilestoneAloneMeetsTheFirstResponse) {
    Built built = Build("2024-05-06T09:00+08:00", {});
    built.complaint.milestones.first_response_at = At("2024-05-06T09:45+08:00");  // e.g. imported, no message events
    SlaState state =
        ComputeSla(built.complaint, built.events, OfficePolicy(), ShanghaiOffice(), At("2024-05-06T10:00+08:00"));
    EXPECT_EQ(state.first_response.state, S::kMet);
    EXPECT_EQ(Show(state.first_response.met_at), Show("2024-05-06T09:45+08:00"));
    EXPECT_EQ(Show(state.next_update.started_at), Show("2024-05-06T09:45+08:00"));
}

// An update overwriting the first response (Zammad's mistake) would move met_at to the latest reply.
TEST(SlaClock, AStaleMilestoneCannotHideAnEarlierReply) {
    Built built =
        Build("2024-05-06T09:00+08:00", {{"2024-05-06T09:20+08:00", "reply"}, {"2024-05-06T13:40+08:00", "reply"}});
    built.complaint.milestones.first_response_at = At("2024-05-06T13:40+08:00");
    SlaState state =
        ComputeSla(built.complaint, built.events, OfficePolicy(), ShanghaiOffice(), At("2024-05-06T14:00+08:00"));
    EXPECT_EQ(Show(state.first_response.met_at), Show("2024-05-06T09:20+08:00"));
}

TEST(SlaClock, WithoutStatusEventsTheComplaintStatusHolds) {
    Built built = Build("2024-05-06T09:00+08:00", {});
    built.complaint.status = Status::kWaitingCustomer;
    SlaState state =
        ComputeSla(built.complaint, built.events, OfficePolicy(), ShanghaiOffice(), At("2024-05-06T10:00+08:00"));
    EXPECT_EQ(state.resolution.state, S::kPaused);
    EXPECT_EQ(state.resolution.elapsed.count(), 0);
}

TEST(SlaClock, OverallIsTheMostPressingClock) {
    struct Case {
        std::size_t index;  // into ClockCases()
        ClockState overall;
    };
    const auto& cases = ClockCases();
    auto find = [&](std::string_view what) {
        return static_cast<std::size_t>(
            std::find_if(cases.begin(), cases.end(), [&](const ClockCase& c) { return c.what == what; }) -
            cases.begin());
    };
    const Case checks[] = {
        {find("waiting on a department does not pause the first response"), S::kBreached},
        {find("several pauses add up"), S::kWarning},
        {find("waiting for the customer, seen during the weekend"), S::kPaused},
        {find("resolved: resolution met, next update stopped"), S::kMet},
        {find("rejected without a reply stops the clocks"), S::kStopped},
    };
    for (const Case& check : checks) {
        ASSERT_LT(check.index, cases.size());
        SCOPED_TRACE(cases[check.index].what);
        EXPECT_EQ(Compute(cases[check.index]).overall, check.overall);
    }
}

TEST(SlaClock, APolicyWithoutTargetsMeasuresNothing) {
    Built built = Build("2024-05-06T09:00+08:00", {{"2024-05-06T09:30+08:00", "reply"}});
    SlaState state = ComputeSla(built.complaint, built.events, SlaPolicy{.name = "none"}, Calendar24x7(),
                                At("2024-05-09T09:00+08:00"));
    EXPECT_EQ(state.first_response.state, S::kInactive);
    EXPECT_EQ(state.next_update.state, S::kInactive);
    EXPECT_EQ(state.resolution.state, S::kInactive);
    EXPECT_EQ(state.overall, S::kInactive);
}

// ---------------------------------------------------------------------------------------------------------------
// The regulatory calendar-day clock

TEST(SlaRegulatory, CountsWholeCalendarDaysAfterTheDayOfReceipt) {
    struct Case {
        const char* received;
        days period;
        minutes offset;
        const char* due;
    };
    const Case cases[] = {
        {"2024-05-10T14:00+08:00", days{15}, 8h, "2024-05-25T23:59:59.999+08:00"},
        {"2024-05-10T23:30+08:00", days{15}, 8h, "2024-05-25T23:59:59.999+08:00"},
        {"2024-05-10T17:00Z", days{15}, 8h, "2024-05-26T23:59:59.999+08:00"},  // already 11 May in Shanghai
        {"2024-05-10T10:00+08:00", weeks{8}, 8h, "2024-07-05T23:59:59.999+08:00"},
        {"2024-01-31T12:00Z", days{30}, 0min, "2024-03-01T23:59:59.999Z"},  // across a leap February
        {"2024-11-15T09:00+08:00", days{60}, 8h, "2025-01-14T23:59:59.999+08:00"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.received);
        EXPECT_EQ(FormatIso8601(RegulatoryDue(At(c.received), c.period, c.offset)), Show(c.due));
    }
}

}  // namespace
}  // namespace heed::core::sla
