#include "core/analytics/alerts.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <random>
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

TEST_F(AlertsTest, ComplaintsThatNameNoProductRaiseNoProductSurge) {
    for (int i = 0; i < 12; ++i) Add(At("2024-05-14T10:00:00Z") + std::chrono::minutes(i * 100 / 60), "质量", "");
    SurgeDetector detector(Rows(), {At("2024-05-14T09:00:00Z"), At("2024-05-14T11:00:00Z")}, {});
    auto alerts = Of(detector.At(At("2024-05-14T10:25:00Z")), AlertKind::kSurge);
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0].dimension, "category");
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

// The drift check takes the moments of the baseline and the window from running sums, and the cluster check looks
// only at the clusters of the window's rows; a direct pass over the rows at each evaluation (what it did before)
// gives the same alerts, the same means and the same complaints, on random sentiments with drifts of varying
// strength in several categories and random clusters.
TEST_F(AlertsTest, DriftAndClustersFromIndexesEqualADirectPassAtEveryEvaluation) {
    std::mt19937 random(11);
    std::uniform_real_distribution<double> noise(-0.4, 0.6);
    for (auto& r : rows_) {
        r.sentiment = noise(random);
        if (random() % 50 == 0) r.cluster = "INC-" + std::to_string(random() % 40);
    }
    const char* categories[] = {"物流", "质量", "售后"};
    for (int i = 0; i < 240; ++i) {  // the last two days: drifts that start at random hours and differ in strength
        auto& f = Add(At("2024-05-12T00:00:00Z") + std::chrono::minutes(i * 12) + std::chrono::seconds(random() % 600),
                      categories[random() % 3], "P9");
        double drift = f.dimensions[0] == "物流" ? -0.5 : f.dimensions[0] == "售后" ? -0.25 : 0.0;
        f.sentiment = std::clamp(noise(random) + drift * (i > 100), -1.0, 1.0);
        if (random() % 3 == 0) f.cluster = "INC-" + std::to_string(random() % 8);
    }
    const Period span{At("2024-05-12T00:00:00Z"), At("2024-05-14T00:00:00Z")};
    const AlertOptions options;
    SurgeDetector detector(Rows(), span, options);
    int raised = 0, clusters_raised = 0;
    for (Instant now = span.from; now <= span.to; now += 17min) {
        // The direct pass: every row with a sentiment, in order of receipt, split into baseline and window.
        const Instant window_from = now - options.drift_window;
        const Instant baseline_from = window_from - std::chrono::days(7 * options.baseline_weeks);
        std::vector<const ComplaintFacts*> sorted;
        for (const auto& r : rows_) {
            if (r.sentiment && r.received >= baseline_from && r.received < now) sorted.push_back(&r);
        }
        std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) {
            return a->received != b->received ? a->received < b->received : a->id < b->id;
        });
        std::map<std::string, std::pair<std::vector<double>, std::vector<const ComplaintFacts*>>> base, recent;
        for (const auto* f : sorted) {
            auto& side = f->received < window_from ? base[f->dimensions[0]] : recent[f->dimensions[0]];
            side.first.push_back(*f->sentiment);
            side.second.push_back(f);
        }
        std::map<std::string, Alert> expected;
        for (auto& [category, window] : recent) {
            const auto& values = window.first;
            const auto& baseline = base[category].first;
            if (values.size() < 10 || baseline.size() < 10) continue;
            double bsum = 0, bsq = 0, sum = 0;
            for (double v : baseline) bsum += v, bsq += v * v;
            for (double v : values) sum += v;
            double bmean = bsum / baseline.size(), mean = sum / values.size();
            double variance = std::max(bsq / baseline.size() - bmean * bmean, 0.01);
            double z = (bmean - mean) / std::sqrt(variance / values.size());
            if (bmean - mean < 0.2 || z < 3) continue;
            Alert a;
            a.key = category;
            a.observed = static_cast<std::int64_t>(values.size());
            a.expected = bmean;
            a.score = mean;
            for (auto r = window.second.rbegin(); r != window.second.rend() && a.complaint_ids.size() < 200; ++r) {
                a.complaint_ids.push_back((*r)->id);
            }
            expected[category] = a;
        }
        // Clusters: those with at least 3 complaints in the last 24 hours, in key order, newest complaints first.
        std::map<std::string, std::vector<const ComplaintFacts*>> in_window;
        for (const auto& r : rows_) {
            if (!r.cluster.empty() && r.received >= now - options.cluster_window && r.received < now) {
                in_window[r.cluster].push_back(&r);
            }
        }
        std::vector<std::pair<std::string, std::vector<std::int64_t>>> want_clusters;
        for (auto& [cluster, members] : in_window) {
            if (members.size() < 3) continue;
            std::sort(members.begin(), members.end(), [](auto* a, auto* b) {
                return a->received != b->received ? a->received > b->received : a->id > b->id;
            });
            std::vector<std::int64_t> ids;
            for (const auto* m : members) ids.push_back(m->id);
            want_clusters.emplace_back(cluster, ids);
        }
        std::vector<std::pair<std::string, std::vector<std::int64_t>>> got_clusters;
        for (const auto& alert : Of(detector.At(now), AlertKind::kDuplicateCluster)) {
            EXPECT_EQ(alert.observed, static_cast<std::int64_t>(alert.complaint_ids.size()));
            got_clusters.emplace_back(alert.key, alert.complaint_ids);
        }
        EXPECT_EQ(got_clusters, want_clusters) << FormatIso8601(now);
        clusters_raised += static_cast<int>(got_clusters.size());

        auto drift = Of(detector.At(now), AlertKind::kSentimentDrift);
        ASSERT_EQ(drift.size(), expected.size()) << FormatIso8601(now);
        for (const auto& alert : drift) {
            ASSERT_TRUE(expected.count(alert.key)) << alert.key;
            const auto& want = expected[alert.key];
            EXPECT_EQ(alert.observed, want.observed);
            EXPECT_NEAR(alert.expected, want.expected, 1e-9);
            EXPECT_NEAR(alert.score, want.score, 1e-9);
            EXPECT_EQ(alert.complaint_ids, want.complaint_ids);
            EXPECT_EQ(alert.window.from, window_from);
            ++raised;
        }
    }
    EXPECT_GT(raised, 10);  // the drifts were seen, so the comparison compared something
    EXPECT_GT(clusters_raised, 10);
}

}  // namespace
}  // namespace heed::core::analytics
