#include "core/analytics/forecast.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/analytics/erlang.hpp"

namespace heed::core::analytics {
namespace {

using std::chrono::days;
using namespace std::chrono_literals;

Day Date(int y, unsigned m, unsigned d) { return Day{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}; }

// `weeks` weeks starting on a Monday with the given weekday pattern times `scale`.
std::vector<DailyCount> Weekly(int weeks, std::vector<double> pattern, double scale, Day start = Date(2024, 1, 1)) {
    std::vector<DailyCount> out;
    for (int i = 0; i < weeks * 7; ++i) out.push_back({start + days(i), pattern[i % 7] * scale});
    return out;
}

TEST(Forecast, ReproducesAnExactWeeklyPattern) {
    auto series = Weekly(12, {100, 110, 105, 100, 95, 30, 20}, 1.0);
    auto forecast = ForecastDaily(series, {.horizon = 14});
    ASSERT_TRUE(forecast);
    ASSERT_EQ(forecast->points.size(), 14u);
    EXPECT_EQ(forecast->points.front().day, series.back().day + days(1));  // a Monday
    EXPECT_EQ(std::chrono::weekday(forecast->points.front().day), std::chrono::Monday);
    // Shrinkage pulls the factors a little towards 1, so within 5 % of the pattern.
    EXPECT_NEAR(forecast->points[0].forecast, 100, 5);
    EXPECT_NEAR(forecast->points[5].forecast, 30, 3);
    EXPECT_NEAR(forecast->points[13].forecast, 20, 3);
    EXPECT_GT(forecast->weekday_factors[1], forecast->weekday_factors[6] * 3);
    for (const auto& point : forecast->points) {
        EXPECT_LE(point.lower, point.forecast);
        EXPECT_GE(point.upper, point.forecast);
    }
}

TEST(Forecast, FollowsALevelShiftWithinDays) {
    auto series = Weekly(10, {10, 10, 10, 10, 10, 5, 5}, 10.0);
    auto after = Weekly(2, {10, 10, 10, 10, 10, 5, 5}, 2.0, series.back().day + days(1));
    series.insert(series.end(), after.begin(), after.end());
    auto forecast = ForecastDaily(series, {.horizon = 7});
    ASSERT_TRUE(forecast);
    EXPECT_NEAR(forecast->points[0].forecast, 20, 3);  // the new level, not the long-run mean
}

TEST(Forecast, OneSpikeDoesNotMoveTheLevel) {
    auto series = Weekly(8, {20, 20, 20, 20, 20, 20, 20}, 1.0);
    series[series.size() - 2].count = 400;
    auto forecast = ForecastDaily(series, {.horizon = 3});
    ASSERT_TRUE(forecast);
    EXPECT_NEAR(forecast->points[0].forecast, 20, 2);
}

TEST(Forecast, IntervalsWidenWithNoise) {
    std::vector<DailyCount> quiet = Weekly(8, {20, 20, 20, 20, 20, 20, 20}, 1.0), noisy = quiet;
    for (std::size_t i = 0; i < noisy.size(); ++i) noisy[i].count = i % 2 ? 35 : 5;
    auto a = ForecastDaily(quiet, {.horizon = 7});
    auto b = ForecastDaily(noisy, {.horizon = 7});
    ASSERT_TRUE(a && b);
    EXPECT_GT(b->points[0].upper - b->points[0].lower, 2 * (a->points[0].upper - a->points[0].lower));
}

TEST(Forecast, ShortSeriesHaveNoWeeklyProfile) {
    std::vector<DailyCount> series{{Date(2024, 5, 1), 4}, {Date(2024, 5, 2), 6}, {Date(2024, 5, 3), 5}};
    auto forecast = ForecastDaily(series, {.horizon = 2});
    ASSERT_TRUE(forecast);
    for (double factor : forecast->weekday_factors) EXPECT_EQ(factor, 1.0);
    EXPECT_NEAR(forecast->points[0].forecast, 5, 1);
}

TEST(Forecast, RefusesBadSeriesAndOptions) {
    EXPECT_EQ(ForecastDaily({}).error().field, "series");
    std::vector<DailyCount> gap{{Date(2024, 5, 1), 4}, {Date(2024, 5, 3), 6}};
    EXPECT_EQ(ForecastDaily(gap).error().field, "series");
    std::vector<DailyCount> negative{{Date(2024, 5, 1), -1}};
    EXPECT_EQ(ForecastDaily(negative).error().field, "series");
    std::vector<DailyCount> ok{{Date(2024, 5, 1), 1}};
    EXPECT_EQ(ForecastDaily(ok, {.horizon = 0}).error().field, "horizon");
    EXPECT_EQ(ForecastDaily(ok, {.horizon = 3, .coverage = 1.5}).error().field, "coverage");
}

TEST(Forecast, SeasonalNaiveRepeatsTheLastWeek) {
    auto series = Weekly(2, {1, 2, 3, 4, 5, 6, 7}, 1.0);
    EXPECT_EQ(SeasonalNaive(series, 9), (std::vector<double>{1, 2, 3, 4, 5, 6, 7, 1, 2}));
}

TEST(DailyCsv, ParsesHeaderBomCrlfAndFillsGaps) {
    auto series = ParseDailyCsv("\xEF\xBB\xBF" "date,count\r\n2024-05-01,3\r\n2024-05-04,7\r\n");
    ASSERT_TRUE(series);
    ASSERT_EQ(series->size(), 4u);
    EXPECT_EQ((*series)[1].count, 0);
    EXPECT_EQ((*series)[3].count, 7);
    EXPECT_EQ((*series)[3].day, Date(2024, 5, 4));
}

TEST(DailyCsv, NamesTheBadLine) {
    EXPECT_EQ(ParseDailyCsv("date,count\n2024-05-01,3\n2024-02-30,1\n").error().message,
              "line 3: date must be YYYY-MM-DD");
    EXPECT_EQ(ParseDailyCsv("2024-05-02,3\n2024-05-01,1\n").error().message, "line 2: dates must increase");
    EXPECT_EQ(ParseDailyCsv("2024-05-01,x\n").error().message, "line 1: count must be a number >= 0");
    EXPECT_EQ(ParseDailyCsv("2024-05-01\n").error().message, "line 1: expected date,count");
    EXPECT_FALSE(ParseDailyCsv("date,count\n"));
}

// The textbook case: 10 erlangs (100 contacts in 30 minutes at 3 minutes each), 80 % within 20 seconds.
TEST(ErlangC, MatchesTheTextbookTable) {
    EXPECT_NEAR(ErlangCWaitProbability(11, 10), 0.6821, 5e-4);
    EXPECT_NEAR(ErlangCWaitProbability(14, 10), 0.1741, 5e-4);
    EXPECT_EQ(ErlangCWaitProbability(10, 10), 1);
    EXPECT_NEAR(ServiceLevel(13, 10, 180, 20), 0.7956, 1e-3);
    EXPECT_NEAR(ServiceLevel(14, 10, 180, 20), 0.8884, 1e-3);
    // 100 contacts per 30 minutes = 1600 over 8 staffed hours.
    auto agents = AgentsNeeded(1600, {.handling_time = 180s, .answer_within = 20s, .service_level = 0.8,
                                      .staffed_hours_per_day = 8, .max_occupancy = 1.0});
    ASSERT_TRUE(agents);
    EXPECT_EQ(*agents, 14);
}

TEST(ErlangC, OccupancyCapAndEdges) {
    StaffingTarget target{.handling_time = 180s, .answer_within = 20s, .service_level = 0.8,
                          .staffed_hours_per_day = 8, .max_occupancy = 0.5};
    EXPECT_EQ(*AgentsNeeded(1600, target), 20);  // 10 erlangs at most 50 % busy
    EXPECT_EQ(*AgentsNeeded(0, target), 0);
    EXPECT_EQ(*AgentsNeeded(1, target), 1);
    EXPECT_EQ(AgentsNeeded(-1, target).error().field, "volume");
    target.service_level = 1;
    EXPECT_EQ(AgentsNeeded(5, target).error().field, "service_level");
}

}  // namespace
}  // namespace heed::core::analytics
