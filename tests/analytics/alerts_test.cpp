#include "core/analytics/alerts.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <set>

namespace heed::core::analytics {
namespace {

using namespace std::chrono_literals;

Instant At(const char* iso) { return *ParseIso8601(iso); }

class AlertsTest : public ::testing::Test {
protected:
    // Eight weeks before Tuesday 2024-05-14: category 物流 2 an hour and 质量 1 an hour in working hours (Mon–Fri
    // 09–17 UTC), nothing at night or at weekends.
    void SetUp() override {
        const auto start = std::chrono::sys_days(std::chrono::year(2024) / 3 / 18);  // a Monday
        for (auto day = start; day < std::chrono::sys_days(std::chrono::year(2024) / 5 / 14); day += std::chrono::days(1)) {
            if (std::chrono::weekday(day).iso_encoding() > 5) continue;
            for (int hour = 9; hour < 17; ++hour) {
                Instant h = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::sys_time<std::chrono::days>(day)) +
                            std::chrono::hours(hour);
                Add(h + 10min, "物流", "P1");
                Add(h + 40min, "物流", "P1");
                Add(h + 25min, "质量", "P2");
            }
        }
    }
    ComplaintFacts& Add(Instant received, const char* category, const char* product) {
        auto& f = rows_.emplace_back();
        f.id = static_cast<std::int64_t>(rows_.size());
        f.number = "TS" + std::to_string(f.id);
        f.received = f.last_activity = received;
        f.dimensions[static_cast<std::size_t>(Dimension::kCategory)] = category;
        f.dimensions[static_cast<std::size_t>(Dimension::kProduct)] = product;
        return f;
    }
    std::vector<const ComplaintFacts*> Rows() const {
        std::vector<const ComplaintFacts*> out;
        for (const auto& r : rows_) out.push_back(&r);
        return out;
    }
    static std::vector<Alert> Of(const std::vector<Alert>& alerts, AlertKind kind) {
        std::vector<Alert> out;
        for (const auto& a : alerts) {
            if (a.kind == kind) out.push_back(a);
        }
        return out;
    }
    std::deque<ComplaintFacts> rows_;
};

TEST(PoissonUpperTail, MatchesClosedForms) {
    EXPECT_DOUBLE_EQ(PoissonUpperTail(0, 3), 1.0);
    EXPECT_NEAR(PoissonUpperTail(1, 0.5), 1 - std::exp(-0.5), 1e-12);
    EXPECT_NEAR(PoissonUpperTail(10, 1), 1.1142e-7, 1e-10);  // 1 − CDF(9; 1)
    EXPECT_NEAR(PoissonUpperTail(3, 5), 1 - std::exp(-5) * (1 + 5 + 12.5), 1e-12);
    EXPECT_DOUBLE_EQ(PoissonUpperTail(2, 0), 0.0);
}

TEST_F(AlertsTest, ASurgeOfOneCategoryRaisesAnAlertWithItsComplaintsWithinHalfAnHour) {
    // Tuesday 10:00–10:20: twelve 质量 complaints besides the usual intake.
    std::vector<std::int64_t> injected;
    for (int i = 0; i < 12; ++i) injected.push_back(Add(At("2024-05-14T10:00:00Z") + std::chrono::minutes(i * 100 / 60), "质量", "P2").id);
    Add(At("2024-05-14T10:10:00Z"), "物流", "P1");
    SurgeDetector detector(Rows(), {At("2024-05-14T09:00:00Z"), At("2024-05-14T11:00:00Z")}, {});
    EXPECT_TRUE(Of(detector.At(At("2024-05-14T09:55:00Z")), AlertKind::kSurge).empty());
    auto alerts = Of(detector.At(At("2024-05-14T10:25:00Z")), AlertKind::kSurge);
    ASSERT_EQ(alerts.size(), 2u);  // category 质量 and product P2
    const auto& alert = alerts[0];
    EXPECT_EQ(alert.dimension, "category");
    EXPECT_EQ(alert.key, "质量");
    EXPECT_EQ(alert.window.to, At("2024-05-14T10:25:00Z"));
    EXPECT_EQ(alert.observed, 12);  // the usual one comes at 10:25, outside [09:55, 10:25)
    EXPECT_LT(alert.expected, 1.0);
    EXPECT_LT(alert.score, 1e-4);
    EXPECT_EQ(std::set<std::int64_t>(alert.complaint_ids.begin(), alert.complaint_ids.end()),
              std::set<std::int64_t>(injected.begin(), injected.end()));
    EXPECT_EQ(alerts[1].dimension, "product");
    EXPECT_EQ(alerts[1].key, "P2");
}

TEST_F(AlertsTest, TheBaselineIsSeasonalSoFiveAtNightAlertButFiveOnATuesdayMorningDoNot) {
    for (int i = 0; i < 5; ++i) Add(At("2024-05-14T10:01:00Z") + std::chrono::minutes(i), "物流", "P1");
    for (int i = 0; i < 5; ++i) Add(At("2024-05-14T03:01:00Z") + std::chrono::minutes(i), "质量", "P2");
    SurgeDetector detector(Rows(), {At("2024-05-14T00:00:00Z"), At("2024-05-14T12:00:00Z")}, {});
    auto morning = Of(detector.At(At("2024-05-14T10:20:00Z")), AlertKind::kSurge);
    EXPECT_TRUE(morning.empty()) << morning[0].key;  // 6 observed against 0.85 expected: p ≈ 0.00025
    auto night = Of(detector.At(At("2024-05-14T03:20:00Z")), AlertKind::kSurge);
    ASSERT_FALSE(night.empty());
    EXPECT_EQ(night[0].key, "质量");
    EXPECT_EQ(night[0].observed, 5);

    // On a holiday the morning counts as a Sunday, when nothing is expected: then it is a surge.
    AlertOptions holiday;
    holiday.holidays = {std::chrono::sys_days(std::chrono::year(2024) / 5 / 14)};
    SurgeDetector on_holiday(Rows(), {At("2024-05-14T00:00:00Z"), At("2024-05-14T12:00:00Z")}, holiday);
    EXPECT_FALSE(Of(on_holiday.At(At("2024-05-14T10:20:00Z")), AlertKind::kSurge).empty());
}

TEST_F(AlertsTest, NoFalseAlarmsOnTheUsualWeekAndReplayKeepsOneAlertPerKeyWithinTheCooldown) {
    SurgeDetector quiet(Rows(), {At("2024-05-06T00:00:00Z"), At("2024-05-14T00:00:00Z")}, {});
    EXPECT_TRUE(quiet.Replay(5min).empty());
    for (int i = 0; i < 30; ++i) Add(At("2024-05-14T10:00:00Z") + std::chrono::minutes(i * 4), "质量", "P2");
    SurgeDetector surge(Rows(), {At("2024-05-14T09:00:00Z"), At("2024-05-14T14:00:00Z")}, {});
    auto raised = surge.Replay(5min);
    ASSERT_EQ(raised.size(), 2u);  // category and product, once each although the surge lasts two hours
    EXPECT_LE(raised[0].raised_at - At("2024-05-14T10:00:00Z"), 30min);
}

TEST_F(AlertsTest, NegativeSentimentDriftAndDuplicateClusters) {
    for (auto& r : rows_) r.sentiment = r.id % 2 ? 0.3 : -0.1;  // baseline mean 0.1
    for (int i = 0; i < 12; ++i) {
        auto& f = Add(At("2024-05-14T09:00:00Z") + std::chrono::minutes(i * 20), "物流", "P1");
        f.sentiment = -0.6;
        if (i < 3) f.cluster = "INC-7";
    }
    SurgeDetector detector(Rows(), {At("2024-05-14T00:00:00Z"), At("2024-05-14T14:00:00Z")}, {});
    auto alerts = detector.At(At("2024-05-14T13:30:00Z"));
    auto drift = Of(alerts, AlertKind::kSentimentDrift);
    ASSERT_EQ(drift.size(), 1u);
    EXPECT_EQ(drift[0].key, "物流");
    EXPECT_NEAR(drift[0].expected, 0.1, 0.01);
    EXPECT_LT(drift[0].score, -0.2);  // the day's mean (the usual intake of the day pulls it up from −0.6)
    auto clusters = Of(alerts, AlertKind::kDuplicateCluster);
    ASSERT_EQ(clusters.size(), 1u);
    EXPECT_EQ(clusters[0].key, "INC-7");
    EXPECT_EQ(clusters[0].observed, 3);
    EXPECT_EQ(clusters[0].complaint_ids.size(), 3u);
}

}  // namespace
}  // namespace heed::core::analytics
