// KPI queries on the in-memory roll-up: N complaints' facts spread over 24 months (200 agents, 10 categories,
// 20 teams), then the KPI set of one month, the same grouped by agent, and the monthly report (model + HTML),
// Pareto of a month, trends of a year by day and by week, and one early-warning evaluation; each the median of 7 runs. usage: heed_kpi_bench [N=1000000]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "core/analytics/kpi.hpp"
#include "core/analytics/monthly_report.hpp"
#include "core/analytics/alerts.hpp"
#include "core/analytics/trends.hpp"

using namespace heed::core;
using namespace heed::core::analytics;

template <typename F>
double MedianMillis(F&& run) {
    std::vector<double> times;
    for (int i = 0; i < 7; ++i) {
        auto start = std::chrono::steady_clock::now();
        run();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[3];
}

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 1'000'000;
    std::mt19937_64 random(7);
    const Instant start = *ParseIso8601("2023-01-01T00:00:00Z");
    const std::int64_t span_ms = 730LL * 24 * 3600 * 1000;
    const char* categories[] = {"物流配送", "产品质量", "服务态度", "价格争议", "退换货",
                                "信息不准确", "售后服务", "承诺未兑现", "隐私与安全", "其他"};
    std::vector<ComplaintFacts> rows(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) {
        auto& f = rows[static_cast<std::size_t>(i)];
        f.id = i + 1;
        f.number = "TS" + std::to_string(i);
        f.received = start + std::chrono::milliseconds(static_cast<std::int64_t>(random() % span_ms));
        f.dimensions[0] = categories[random() % 10];
        f.dimensions[1] = "web";
        f.dimensions[2] = "team" + std::to_string(random() % 20);
        f.dimensions[3] = "agent" + std::to_string(random() % 200);
        f.dimensions[5] = random() % 10 ? "regular" : "vip";
        f.customer = "C" + std::to_string(random() % (n / 3 + 1));
        f.severity = static_cast<int>(random() % 5) + 1;
        f.first_response = f.received + std::chrono::minutes(random() % 600);
        if (random() % 10 < 8) {
            f.resolved = f.first_resolved = f.received + std::chrono::hours(random() % 96);
            if (random() % 10 < 7) f.closed = *f.resolved + std::chrono::days(7);
            f.reopened = random() % 20 == 0;
            if (random() % 3 == 0) {
                f.surveys_sent = {*f.resolved + std::chrono::days(7)};
                if (random() % 2) {
                    f.csat = static_cast<int>(random() % 5) + 1;
                    f.nps = static_cast<int>(random() % 11);
                    f.answered_at = *f.resolved + std::chrono::days(8);
                }
            }
        }
        f.repeat = random() % 25 == 0;
        f.escalated = random() % 30 == 0;
        f.last_activity = f.received;
        for (const auto& t : {f.first_response, f.resolved, f.closed, f.answered_at}) {
            if (t) f.last_activity = std::max(f.last_activity, *t);
        }
        for (Instant t : f.surveys_sent) f.last_activity = std::max(f.last_activity, t);
        f.sla_first_response = random() % 10 ? SlaOutcome::kMet : SlaOutcome::kBreached;
    }
    std::vector<const ComplaintFacts*> pointers;
    for (const auto& r : rows) pointers.push_back(&r);
    Period may = *MonthPeriod("2024-05");
    KpiReport sink;
    double total = MedianMillis([&] { sink = ComputeKpis(pointers, may); });
    std::printf("complaints %ld, received in 2024-05: %lld\n", n, static_cast<long long>(sink.total.received));
    double grouped = MedianMillis([&] { sink = ComputeKpis(pointers, may, Dimension::kAgent); });
    std::size_t bytes = 0;
    double report = MedianMillis([&] {
        auto built = BuildMonthlyReport(pointers, "2024-05", may, "bench", start, Language::kZh);
        bytes = RenderMonthlyHtml(built, Language::kZh).size();
    });
    std::printf("KPI set of one month: %.1f ms\ngrouped by agent (%zu groups): %.1f ms\nmonthly report HTML (%zu bytes): %.1f ms\n",
                total, sink.groups.size(), grouped, bytes, report);
    std::int64_t pareto_total = 0;
    double pareto = MedianMillis([&] { pareto_total = ComputePareto(pointers, may, Dimension::kCategory, {}).total; });
    const Period year{*ParseIso8601("2024-01-01T00:00:00Z"), *ParseIso8601("2025-01-01T00:00:00Z")};
    std::size_t buckets = 0;
    double daily = MedianMillis([&] {
        buckets = ComputeTrends(pointers, year, Granularity::kDay, std::chrono::minutes(480), {})->buckets.size();
    });
    double weekly_filtered = MedianMillis([&] {
        Filters one{{{Dimension::kCategory, "物流配送"}}};
        (void)ComputeTrends(pointers, year, Granularity::kWeek, std::chrono::minutes(480), one);
    });
    const Instant evaluation = *ParseIso8601("2024-05-15T10:00:00Z");
    std::size_t alerts = 0;
    double alert_ms = MedianMillis([&] { alerts = SurgeDetector(pointers, {evaluation, evaluation}, {}).At(evaluation).size(); });
    std::printf("pareto of one month (%lld complaints): %.1f ms\ntrends of a year by day with every KPI and the heat map "
                "(%zu days): %.1f ms\ntrends of a year by week, one category: %.1f ms\nearly-warning evaluation (%zu alerts): "
                "%.1f ms\n",
                static_cast<long long>(pareto_total), pareto, buckets, daily, weekly_filtered, alerts, alert_ms);
}
