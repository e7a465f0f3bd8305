#include "core/analytics/trends.hpp"

#include <gtest/gtest.h>

#include <random>

namespace heed::core::analytics {
namespace {

using namespace std::chrono_literals;

Instant At(const char* iso) { return *ParseIso8601(iso); }

ComplaintFacts Row(std::int64_t id, const char* received, std::string category, std::string customer, int severity) {
    ComplaintFacts f;
    f.id = id;
    f.number = "TS" + std::to_string(id);
    f.received = f.last_activity = At(received);
    f.dimensions[static_cast<std::size_t>(Dimension::kCategory)] = std::move(category);
    f.dimensions[static_cast<std::size_t>(Dimension::kChannel)] = id % 2 ? "phone" : "web";
    f.customer = CustomerKey(customer);
    f.severity = static_cast<std::int8_t>(severity);
    return f;
}

std::vector<const ComplaintFacts*> Pointers(const std::vector<ComplaintFacts>& rows) {
    std::vector<const ComplaintFacts*> out;
    for (const auto& r : rows) out.push_back(&r);
    return out;
}

const Period kMay{At("2024-05-01T00:00:00Z"), At("2024-06-01T00:00:00Z")};

TEST(Pareto, SharesCumulativeSharesAndCoreProblemsByCustomersTimesSeverity) {
    // 物流: 5 complaints from 2 customers, severity 2. 质量: 3 complaints from 3 customers, severity 4.
    // 态度: 1 complaint, no severity. 退款: 1 in April (outside the period), 1 in May from one customer, severity 5.
    std::vector<ComplaintFacts> rows{
        Row(1, "2024-05-01T01:00:00Z", "物流", "A", 2), Row(2, "2024-05-02T01:00:00Z", "物流", "A", 2),
        Row(3, "2024-05-03T01:00:00Z", "物流", "B", 2), Row(4, "2024-05-04T01:00:00Z", "物流", "B", 2),
        Row(5, "2024-05-05T01:00:00Z", "物流", "A", 2), Row(6, "2024-05-06T01:00:00Z", "质量", "C", 4),
        Row(7, "2024-05-07T01:00:00Z", "质量", "D", 4), Row(8, "2024-05-08T01:00:00Z", "质量", "E", 4),
        Row(9, "2024-05-09T01:00:00Z", "态度", "F", 0), Row(10, "2024-04-30T23:59:59Z", "退款", "G", 5),
        Row(11, "2024-05-31T23:59:59Z", "退款", "G", 5)};
    auto pareto = ComputePareto(Pointers(rows), kMay, Dimension::kCategory, {});
    EXPECT_EQ(pareto.total, 10);
    ASSERT_EQ(pareto.items.size(), 4u);
    EXPECT_EQ(pareto.items[0].name, "物流");
    EXPECT_EQ(pareto.items[0].count, 5);
    EXPECT_DOUBLE_EQ(pareto.items[0].share, 0.5);
    EXPECT_EQ(pareto.items[0].customers, 2);
    EXPECT_DOUBLE_EQ(pareto.items[0].priority, 4);  // 2 customers × severity 2
    EXPECT_EQ(pareto.items[1].name, "质量");
    EXPECT_DOUBLE_EQ(pareto.items[1].cumulative_share, 0.8);
    EXPECT_DOUBLE_EQ(pareto.items[1].priority, 12);  // 3 × 4
    EXPECT_EQ(pareto.items[2].name, "态度");         // a tie of 1 with 退款, broken by name
    EXPECT_DOUBLE_EQ(pareto.items[2].mean_severity, 0);
    EXPECT_DOUBLE_EQ(pareto.items[2].priority, 1);  // unknown severity counts as 1
    EXPECT_EQ(pareto.items[3].name, "退款");
    EXPECT_EQ(pareto.items[3].count, 1);  // April's is outside the period
    EXPECT_DOUBLE_EQ(pareto.items[3].cumulative_share, 1.0);
    ASSERT_EQ(pareto.core.size(), 3u);
    EXPECT_EQ(pareto.core[0].name, "质量");  // 12 — fewer complaints than 物流 but more customers × severity
    EXPECT_EQ(pareto.core[1].name, "退款");  // 1 × 5
    EXPECT_EQ(pareto.core[2].name, "物流");  // 4

    Filters phone{{{Dimension::kChannel, "phone"}}};  // odd ids
    auto filtered = ComputePareto(Pointers(rows), kMay, Dimension::kCategory, phone);
    EXPECT_EQ(filtered.total, 6);  // 1, 3, 5, 7, 9, 11
    EXPECT_EQ(filtered.items[0].name, "物流");
    EXPECT_EQ(filtered.items[0].count, 3);

    auto empty = ComputePareto(Pointers(rows), {At("2030-01-01"), At("2030-02-01")}, Dimension::kCategory, {});
    EXPECT_EQ(empty.total, 0);
    EXPECT_TRUE(empty.items.empty());
    EXPECT_TRUE(empty.core.empty());
}

TEST(TrendPeriods, LocalDaysIsoWeeksAndMonthsClippedToThePeriod) {
    // Asia/Shanghai (+8): local days begin at 16:00 UTC the evening before.
    auto days = TrendPeriods({At("2024-05-01T00:00:00Z"), At("2024-05-03T00:00:00Z")}, Granularity::kDay, 480min);
    ASSERT_EQ(days.size(), 3u);
    EXPECT_EQ(days[0].second, "2024-05-01");
    EXPECT_EQ(days[0].first.from, At("2024-05-01T00:00:00Z"));  // clipped
    EXPECT_EQ(days[0].first.to, At("2024-05-01T16:00:00Z"));
    EXPECT_EQ(days[2].second, "2024-05-03");
    EXPECT_EQ(days[2].first.to, At("2024-05-03T00:00:00Z"));

    // 2024-05-01 is a Wednesday: the first week is labelled by its Monday, 2024-04-29.
    auto weeks = TrendPeriods(kMay, Granularity::kWeek, 0min);
    ASSERT_EQ(weeks.size(), 5u);
    EXPECT_EQ(weeks[0].second, "2024-04-29");
    EXPECT_EQ(weeks[0].first.from, kMay.from);
    EXPECT_EQ(weeks[1].second, "2024-05-06");
    EXPECT_EQ(weeks[4].second, "2024-05-27");
    EXPECT_EQ(weeks[4].first.to, kMay.to);

    auto months = TrendPeriods({At("2024-01-15T00:00:00Z"), At("2024-03-02T00:00:00Z")}, Granularity::kMonth, 0min);
    ASSERT_EQ(months.size(), 3u);
    EXPECT_EQ(months[1].second, "2024-02-01");
    EXPECT_EQ(months[1].first.to, At("2024-03-01T00:00:00Z"));  // leap February
}

TEST(Trends, EveryBucketEqualsTheKpisOfItsPeriodOnRandomData) {
    std::mt19937_64 random(11);
    const Instant start = At("2024-03-01T00:00:00Z");
    std::vector<ComplaintFacts> rows;
    const char* categories[] = {"物流", "质量", "态度"};
    for (int i = 1; i <= 3000; ++i) {
        ComplaintFacts f = Row(i, "2024-03-01T00:00:00Z", categories[random() % 3], "C" + std::to_string(random() % 500),
                               static_cast<int>(random() % 6));
        f.received = start + std::chrono::minutes(random() % (120 * 24 * 60));
        f.first_response = f.received + std::chrono::minutes(random() % 3000);
        if (random() % 10 < 7) {
            f.resolved = f.first_resolved = f.received + std::chrono::hours(random() % 400);
            if (random() % 2) f.closed = *f.resolved + std::chrono::days(random() % 9);
            f.reopened = random() % 7 == 0;
            if (random() % 2) {
                f.SetLists({}, std::vector<Instant>{*f.resolved + std::chrono::days(3)});
                if (random() % 2) {
                    f.csat = static_cast<int>(random() % 5) + 1;
                    f.nps = static_cast<int>(random() % 11);
                    f.answered_at = *f.resolved + std::chrono::days(4);
                }
            }
        }
        f.repeat = random() % 9 == 0;
        f.escalated = random() % 11 == 0;
        f.compensations_approved = random() % 13 == 0 ? 1 : 0;
        f.sla_first_response = random() % 4 ? SlaOutcome::kMet : SlaOutcome::kBreached;
        f.last_activity = f.received;
        for (const auto& t : {f.first_response, f.resolved, f.closed, f.answered_at}) {
            if (t) f.last_activity = std::max(f.last_activity, *t);
        }
        for (Instant t : f.surveys_sent()) f.last_activity = std::max(f.last_activity, t);
        rows.push_back(std::move(f));
    }
    auto pointers = Pointers(rows);
    const Period period{At("2024-04-03T05:00:00Z"), At("2024-06-20T00:00:00Z")};
    Filters quality{{{Dimension::kCategory, "质量"}}};
    for (auto granularity : {Granularity::kDay, Granularity::kWeek, Granularity::kMonth}) {
        for (const Filters* filters : {static_cast<const Filters*>(nullptr), static_cast<const Filters*>(&quality)}) {
            auto trends = ComputeTrends(pointers, period, granularity, 480min, filters ? *filters : Filters{});
            ASSERT_TRUE(trends.has_value());
            std::vector<const ComplaintFacts*> kept;
            for (const auto* r : pointers) {
                if (!filters || filters->Match(*r)) kept.push_back(r);
            }
            std::int64_t volume = 0;
            for (const auto& bucket : trends->buckets) {
                EXPECT_EQ(bucket.kpis, ComputeKpis(kept, bucket.period).total) << bucket.label;
                volume += bucket.kpis.received;
            }
            EXPECT_EQ(volume, ComputeKpis(kept, period).total.received);
            std::int64_t heat = 0;
            for (const auto& day : trends->heat) {
                for (auto n : day) heat += n;
            }
            EXPECT_EQ(heat, volume);
        }
    }
}

TEST(Trends, HeatMapUsesLocalWeekdayAndHourAndTooManyBucketsAreRefused) {
    // Monday 2024-05-06 23:30 UTC is Tuesday 07:30 in +08:00.
    std::vector<ComplaintFacts> rows{Row(1, "2024-05-06T23:30:00Z", "物流", "A", 1),
                                     Row(2, "2024-05-05T02:00:00Z", "物流", "A", 1)};  // Sunday 10:00 local
    auto trends = ComputeTrends(Pointers(rows), kMay, Granularity::kDay, 480min, {});
    ASSERT_TRUE(trends.has_value());
    EXPECT_EQ(trends->heat[1][7], 1);   // Tuesday 07h
    EXPECT_EQ(trends->heat[6][10], 1);  // Sunday 10h
    EXPECT_EQ(trends->heat[0][23], 0);
    EXPECT_EQ(trends->buckets.size(), 32u);  // 31 local days plus the evening of 31 May UTC (1 June local)
    EXPECT_EQ(trends->buckets[6].label, "2024-05-07");
    EXPECT_EQ(trends->buckets[6].kpis.received, 1);

    // The cells the drill-down selects are the cells the heat map counts.
    EXPECT_TRUE((HeatCell{1, 7, 480min}.Holds(At("2024-05-06T23:30:00Z"))));
    EXPECT_FALSE((HeatCell{0, 23, 480min}.Holds(At("2024-05-06T23:30:00Z"))));
    EXPECT_TRUE((HeatCell{0, 23, 0min}.Holds(At("2024-05-06T23:30:00Z"))));  // in UTC it is still Monday 23h
    EXPECT_TRUE((HeatCell{6, 10, 480min}.Holds(At("2024-05-05T02:00:00Z"))));
    EXPECT_TRUE((HeatCell{5, 20, -330min}.Holds(At("2024-05-05T02:00:00Z"))));  // Saturday 20:30 in -05:30
    EXPECT_EQ(HeatCell::Of(At("2024-05-05T02:00:00Z"), -330min).weekday, 5);
    auto refused = ComputeTrends(Pointers(rows), {At("2000-01-01"), At("2024-01-01")}, Granularity::kDay, 0min, {});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().field, "granularity");
    EXPECT_TRUE(ComputeTrends(Pointers(rows), {At("2000-01-01"), At("2024-01-01")}, Granularity::kMonth, 0min, {}));
}

}  // namespace
}  // namespace heed::core::analytics
