#include "core/analytics/kpi.hpp"

#include <gtest/gtest.h>

#include <random>

#include "core/analytics/facts_cache.hpp"
#include "core/services/complaint_service.hpp"
#include "storage/memory/memory_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"

namespace heed::core::analytics {
namespace {

using namespace std::chrono_literals;
using workflow::Event;
using workflow::EventKind;

Instant At(const char* iso) { return *ParseIso8601(iso); }

Event StatusEvent(const char* at, const char* to, std::string note = {}) {
    Event e;
    e.at = At(at);
    e.kind = EventKind::kStatusChanged;
    e.field = "status";
    e.after = to;
    e.note = std::move(note);
    return e;
}

Event Other(const char* at, EventKind kind, std::string field, std::string before, std::string after) {
    Event e;
    e.at = At(at);
    e.kind = kind;
    e.field = std::move(field);
    e.before = std::move(before);
    e.after = std::move(after);
    return e;
}

const Period kMay{At("2024-05-01T00:00:00Z"), At("2024-06-01T00:00:00Z")};

TEST(DeriveFacts, HandlingTimeExcludesPausesAndDay3NoCountsAgainstResolution) {
    auto c = testing::AComplaint();
    c.id = ComplaintId{7};
    c.number = "TS202405000007";
    c.milestones.received_at = At("2024-05-02T08:00:00Z");
    c.milestones.first_response_at = At("2024-05-02T10:00:00Z");
    c.milestones.resolved_at = At("2024-05-03T08:00:00Z");
    c.first_response_due_at = At("2024-05-02T09:00:00Z");  // answered an hour late
    c.resolution_due_at = At("2024-05-04T08:00:00Z");
    std::vector<Event> events{StatusEvent("2024-05-02T12:00:00Z", "waiting_customer"),
                              StatusEvent("2024-05-02T18:00:00Z", "in_progress"),  // 6 h paused
                              StatusEvent("2024-05-03T08:00:00Z", "resolved"),
                              Other("2024-05-06T08:00:00Z", EventKind::kFollowUp, "day3", "", "not_solved"),
                              StatusEvent("2024-05-06T08:00:01Z", "reopened", "day-3 follow-up: not solved"),
                              Other("2024-05-06T09:00:00Z", EventKind::kFieldChanged, "assignee", "", "wang"),
                              Other("2024-05-06T10:00:00Z", EventKind::kFieldChanged, "assignee", "wang", "li")};
    auto f = DeriveFacts(c, events, At("2024-05-10T00:00:00Z"));
    EXPECT_EQ(f.PausedBeforeResolvedMs(), 6 * 3'600'000);
    ASSERT_EQ(f.pauses_before_resolved().size(), 1U);
    EXPECT_EQ(f.pauses_before_resolved()[0], (ComplaintFacts::Pause{At("2024-05-02T12:00:00Z"), At("2024-05-02T18:00:00Z")}));
    EXPECT_TRUE(f.reopened);
    EXPECT_TRUE(f.reopened_after_day3);
    EXPECT_EQ(f.handoffs, 1);  // the first owner is not a hand-off
    EXPECT_EQ(f.sla_first_response, SlaOutcome::kBreached);
    EXPECT_EQ(f.sla_resolution, SlaOutcome::kMet);
    EXPECT_EQ(f.customer, CustomerKey("13812341234"));

    auto report = ComputeKpis(std::vector<const ComplaintFacts*>{&f}, kMay);
    EXPECT_EQ(report.total.handling.n, 1);
    EXPECT_DOUBLE_EQ(*report.total.handling.median_hours, 24.0 - 6.0);
    EXPECT_DOUBLE_EQ(*report.total.first_response.median_hours, 2.0);
    EXPECT_EQ(report.total.sla_first_response, (Rate{0, 1}));
    EXPECT_EQ(report.total.reopen, (Rate{1, 1}));
    EXPECT_EQ(report.total.first_contact_resolution, (Rate{0, 1}));
}

TEST(DeriveFacts, AClockWithoutATargetIsNotCountedAndAPendingOneWaits) {
    auto c = testing::AComplaint();
    c.milestones.received_at = At("2024-05-02T08:00:00Z");
    c.resolution_due_at = At("2024-05-04T08:00:00Z");
    auto pending = DeriveFacts(c, {}, At("2024-05-03T00:00:00Z"));
    EXPECT_EQ(pending.sla_first_response, SlaOutcome::kNoTarget);
    EXPECT_EQ(pending.sla_resolution, SlaOutcome::kPending);
    EXPECT_EQ(DeriveFacts(c, {}, At("2024-05-05T00:00:00Z")).sla_resolution, SlaOutcome::kBreached);
    auto report = ComputeKpis(std::vector<const ComplaintFacts*>{&pending}, kMay);
    EXPECT_EQ(report.total.sla_resolution, (Rate{0, 0}));
    EXPECT_FALSE(report.total.sla_resolution.value());
}

// Four complaints of May, computed by hand.
std::vector<ComplaintFacts> MayFixture() {
    std::vector<ComplaintFacts> f(4);
    for (int i = 0; i < 4; ++i) {
        f[i].id = i + 1;
        f[i].number = "TS20240500000" + std::to_string(i + 1);
        f[i].received = At("2024-05-10T08:00:00Z") + std::chrono::hours(i);
        f[i].dimensions[static_cast<int>(Dimension::kAgent)] = i < 2 ? "wang" : "li";
    }
    // 1: responded after 1 h, resolved after 10 h, closed, CSAT 5 / NPS 10.
    f[0].first_response = f[0].received + 1h;
    f[0].resolved = f[0].first_resolved = f[0].received + 10h;
    f[0].closed = f[0].received + 200h;
    f[0].csat = 5, f[0].nps = 10, f[0].answered_at = f[0].received + 190h;
    f[0].SetLists({}, std::vector<Instant>{f[0].received + 180h});
    // 2: responded after 3 h, resolved after 30 h, reopened after the day-3 visit, re-resolved, closed; CSAT 2 / NPS 3.
    f[1].first_response = f[1].received + 3h;
    f[1].first_resolved = f[1].received + 20h;
    f[1].resolved = f[1].received + 30h;
    f[1].closed = f[1].received + 250h;
    f[1].reopened = f[1].reopened_after_day3 = true;
    f[1].csat = 2, f[1].nps = 3, f[1].answered_at = f[1].received + 240h;
    f[1].SetLists({}, std::vector<Instant>{f[1].received + 230h});
    // 3: a repeat, escalated, two hand-offs, resolved after 50 h, survey sent but not answered.
    f[2].first_response = f[2].received + 5h;
    f[2].resolved = f[2].first_resolved = f[2].received + 50h;
    f[2].repeat = f[2].escalated = true;
    f[2].handoffs = 2;
    f[2].SetLists({}, std::vector<Instant>{f[2].received + 100h});
    // 4: still open, no response, no survey (the no-survey edge).
    return f;
}

std::vector<const ComplaintFacts*> Pointers(std::vector<ComplaintFacts>& rows) {
    for (auto& r : rows) {  // as DeriveFacts sets it
        r.last_activity = r.received;
        for (const auto& t : {r.first_response, r.resolved, r.first_resolved, r.closed, r.answered_at}) {
            if (t) r.last_activity = std::max(r.last_activity, *t);
        }
        for (Instant t : r.surveys_sent()) r.last_activity = std::max(r.last_activity, t);
    }
    std::vector<const ComplaintFacts*> out;
    for (const auto& r : rows) out.push_back(&r);
    return out;
}

TEST(ComputeKpis, MatchesTheHandComputedFixture) {
    auto rows = MayFixture();
    auto k = ComputeKpis(Pointers(rows), kMay).total;
    EXPECT_EQ(k.received, 4);
    EXPECT_EQ(k.first_response.n, 3);
    EXPECT_DOUBLE_EQ(*k.first_response.median_hours, 3);
    EXPECT_DOUBLE_EQ(*k.first_response.p90_hours, 5);
    EXPECT_DOUBLE_EQ(*k.handling.median_hours, 30);
    EXPECT_EQ(k.resolution, (Rate{1, 2}));               // 2 closed; one reopened after the day-3 visit
    EXPECT_EQ(k.first_contact_resolution, (Rate{1, 3}));  // 2 reopened, 3 escalated with two hand-offs
    EXPECT_EQ(k.repeat, (Rate{1, 4}));
    EXPECT_EQ(k.escalation, (Rate{1, 4}));
    EXPECT_EQ(k.reopen, (Rate{1, 3}));
    EXPECT_EQ(k.csat.n, 2);
    EXPECT_EQ(k.csat.sent, 3);
    EXPECT_DOUBLE_EQ(*k.csat.mean(), 3.5);
    EXPECT_EQ(k.csat.satisfied, 1);
    EXPECT_EQ(k.nps.n, 2);
    EXPECT_DOUBLE_EQ(*k.nps.value(), 0);  // one promoter, one detractor
    auto [low, high] = *k.nps.interval95();
    EXPECT_EQ(low, -100);  // ±1.96·√(1/2)·100 ≈ 139, clamped to the scale
    EXPECT_EQ(high, 100);

    auto grouped = ComputeKpis(Pointers(rows), kMay, Dimension::kAgent);
    ASSERT_EQ(grouped.groups.size(), 2u);
    EXPECT_EQ(grouped.groups["wang"].received, 2);
    EXPECT_EQ(grouped.groups["li"].repeat, (Rate{1, 2}));

    auto drill = Drill(Pointers(rows), kMay, Kpi::kResolutionRate, Dimension::kAgent, "wang", 10);
    ASSERT_EQ(drill.total, 2);
    EXPECT_EQ(drill.items[0].number, "TS202405000002");
    EXPECT_FALSE(drill.items[0].counted);
    EXPECT_TRUE(drill.items[1].counted);
}

TEST(ComputeKpis, AnEmptyPeriodHasNoValuesOnlyZeroSamples) {
    auto rows = MayFixture();
    auto k = ComputeKpis(Pointers(rows), {At("2023-01-01T00:00:00Z"), At("2023-02-01T00:00:00Z")}).total;
    EXPECT_EQ(k, KpiSet{});
    EXPECT_FALSE(k.csat.mean());
    EXPECT_FALSE(k.nps.interval95());
}

// The roll-up kept current write by write equals the rows derived from the store from scratch, on random histories.
TEST(FactsRows, SkipTombstonesWhereverTheyAreAndListPointersAsGiven) {
    auto ids = [](const FactsRows& rows) {
        std::vector<std::int64_t> out;
        for (const ComplaintFacts* f : rows) out.push_back(f->id);
        return out;
    };
    auto rows_of = [](std::initializer_list<std::pair<std::int64_t, bool>> ids_and_deleted) {
        std::vector<ComplaintFacts> rows;
        for (auto [id, deleted] : ids_and_deleted) {
            rows.emplace_back().id = id;
            if (deleted) rows.back().version = ComplaintFacts::kDeletedVersion;
        }
        return rows;
    };
    auto first_middle_last = rows_of({{1, true}, {2, false}, {3, true}, {4, true}, {5, false}, {6, true}});
    FactsRows live(first_middle_last, 2);
    EXPECT_EQ(ids(live), (std::vector<std::int64_t>{2, 5}));
    EXPECT_EQ(live.size(), 2U);
    auto all_deleted = rows_of({{1, true}, {2, true}});
    EXPECT_TRUE(ids(FactsRows(all_deleted, 0)).empty());
    EXPECT_TRUE(FactsRows(all_deleted, 0).empty());
    std::vector<ComplaintFacts> none;
    EXPECT_TRUE(ids(FactsRows(none, 0)).empty());

    std::vector<const ComplaintFacts*> pointers{&first_middle_last[4], &first_middle_last[0]};  // as given, in order
    EXPECT_EQ(ids(pointers), (std::vector<std::int64_t>{5, 1}));
    EXPECT_EQ(FactsRows(pointers).size(), 2U);
    EXPECT_TRUE(ids(std::vector<const ComplaintFacts*>{}).empty());
}

TEST(FactsCache, IncrementalRowsEqualARebuildFromScratchOnRandomData) {
    testing::FakeClock clock(At("2024-03-01T08:00:00Z"));
    storage::memory::MemoryComplaintStore memory;
    FactsCache cache(memory, clock);
    IndexedComplaintStore store(memory, cache);
    services::ComplaintService service(store, clock);
    auto actor = testing::AnActor();
    ASSERT_TRUE(cache.Read(kDefaultTenant, [](const auto& rows) { EXPECT_TRUE(rows.empty()); }));

    std::mt19937 random(20240501);
    std::vector<ComplaintId> ids;
    const workflow::Status kTargets[] = {workflow::Status::kAssigned,        workflow::Status::kInProgress,
                                         workflow::Status::kWaitingCustomer, workflow::Status::kResolved,
                                         workflow::Status::kReopened,        workflow::Status::kFollowUp,
                                         workflow::Status::kClosed};
    for (int step = 0; step < 600; ++step) {
        clock.Advance(std::chrono::minutes(random() % 600));
        int what = static_cast<int>(random() % 10);
        if (ids.empty() || what < 3) {
            auto draft = testing::AComplaint();
            draft.classification.category = random() % 2 ? "物流配送" : "产品质量";
            draft.assignee = random() % 2 ? "wang" : "li";
            auto filed = service.File(actor, draft);
            ASSERT_TRUE(filed) << filed.error().message;
            ids.push_back(filed->id);
        } else if (what < 8) {
            // A plausible next step from where the complaint is (sometimes an illegal one, which must change nothing).
            using S = workflow::Status;
            auto id = ids[random() % ids.size()];
            auto current = memory.Get(kDefaultTenant, id);
            ASSERT_TRUE(current);
            std::vector<S> next;
            switch (current->status) {
                case S::kNew: next = {S::kAssigned, S::kClosed}; break;
                case S::kAssigned: next = {S::kInProgress}; break;
                case S::kInProgress: next = {S::kWaitingCustomer, S::kResolved, S::kResolved}; break;
                case S::kWaitingCustomer: next = {S::kInProgress, S::kResolved}; break;
                case S::kResolved: next = {S::kReopened, S::kFollowUp, S::kClosed}; break;
                case S::kFollowUp: next = {S::kClosed, S::kReopened}; break;
                case S::kReopened: next = {S::kInProgress, S::kAssigned}; break;
                default: next = {kTargets[random() % std::size(kTargets)]};
            }
            (void)service.Transition(actor, id, std::nullopt, next[random() % next.size()],
                                     {.reason = "r", .assignee = random() % 2 ? "zhao" : "wang",
                                      .resolution_summary = "refunded"});
        } else {
            (void)service.AddMessage(actor, ids[random() % ids.size()], complaint::Direction::kOutbound, "您好");
        }
    }
    std::vector<ComplaintFacts> incremental;
    ASSERT_TRUE(cache.Read(kDefaultTenant, [&](const auto& rows) {
        for (const auto* r : rows) incremental.push_back(*r);
    }));
    auto scratch = FactsCache::Scan(memory, kDefaultTenant, clock.Now());
    ASSERT_TRUE(scratch);
    auto by_id = [](const ComplaintFacts& a, const ComplaintFacts& b) { return a.id < b.id; };
    std::sort(incremental.begin(), incremental.end(), by_id);
    ASSERT_EQ(incremental.size(), ids.size());
    EXPECT_EQ(incremental, *scratch);
    Period all{At("2024-01-01T00:00:00Z"), At("2025-01-01T00:00:00Z")};
    // In business hours too (weekdays 09:00–12:00 and 13:00–18:00 in UTC+8, a holiday): the pauses kept write by
    // write are those of a rebuild.
    sla::BusinessCalendar office;
    office.name = "office";
    office.utc_offset = std::chrono::minutes(480);
    for (int day = 1; day <= 5; ++day) office.week[day] = {{9h, 12h}, {13h, 18h}};
    office.holidays = {std::chrono::year_month_day{std::chrono::year(2024), std::chrono::March, std::chrono::day(8)}};
    ASSERT_TRUE(sla::ValidateCalendar(office));
    auto a = ComputeKpis(Pointers(incremental), all, Dimension::kAgent, &office);
    auto b = ComputeKpis(Pointers(*scratch), all, Dimension::kAgent, &office);
    EXPECT_EQ(a.total, b.total);
    EXPECT_EQ(a.groups, b.groups);
    EXPECT_GT(a.total.handling_business.n, 0);
    EXPECT_EQ(a.total.handling_business.n, a.total.handling.n);
    EXPECT_LT(*a.total.handling_business.median_hours, *a.total.handling.median_hours);
    EXPECT_TRUE(std::any_of(incremental.begin(), incremental.end(),
                            [](const ComplaintFacts& f) { return !f.pauses_before_resolved().empty(); }));
    EXPECT_GT(a.total.reopen.numerator, 0) << a.total.received << " " << a.total.reopen.denominator << " " << a.total.handling.n << " " << a.total.first_response.n;
    EXPECT_GT(a.total.handling.n, 0);
}

}  // namespace
}  // namespace heed::core::analytics
