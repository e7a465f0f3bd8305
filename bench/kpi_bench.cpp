// KPI queries on the in-memory roll-up: N complaints' facts spread over 24 months (200 agents, 10 categories,
// 20 teams), then the KPI set of one month, the same grouped by agent, and the monthly report (model + HTML),
// Pareto of a month, trends of a year by day and by week, one early-warning evaluation and a replay of 7 days at
// 5-minute steps (every row has a sentiment), and the KPI set of a month with the durations also in business hours of
// an office calendar; each the median of 7 runs. usage: heed_kpi_bench [N=1000000]

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
#include "core/sla/calendar.hpp"

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
        f.customer = CustomerKey("C" + std::to_string(random() % (n / 3 + 1)));
        f.severity = static_cast<std::int8_t>(random() % 5 + 1);
        f.first_response = f.received + std::chrono::minutes(random() % 600);
        if (random() % 10 < 8) {
            f.resolved = f.first_resolved = f.received + std::chrono::hours(random() % 96);
            if (random() % 10 < 7) f.closed = *f.resolved + std::chrono::days(7);
            f.reopened = random() % 20 == 0;
            if (random() % 3 == 0) {
                f.SetLists({}, std::vector<Instant>{*f.resolved + std::chrono::days(7)});
                if (random() % 2) {
                    f.csat = static_cast<std::int8_t>(random() % 5 + 1);
                    f.nps = static_cast<std::int8_t>(random() % 11);
                    f.answered_at = *f.resolved + std::chrono::days(8);
                }
            }
        }
        f.repeat = random() % 25 == 0;
        f.escalated = random() % 30 == 0;
        f.last_activity = f.received;
        for (OptionalInstant t : {f.first_response, f.resolved, f.closed, f.answered_at}) {
            if (t) f.last_activity = std::max(f.last_activity, *t);
        }
        for (Instant t : f.surveys_sent()) f.last_activity = std::max(f.last_activity, t);
        f.sla_first_response = random() % 10 ? SlaOutcome::kMet : SlaOutcome::kBreached;
        f.sentiment = static_cast<float>(random() % 2001) / 1000.0F - 1.0F;
        if (f.resolved && random() % 4 == 0) {  // a wait for the customer before the resolution
            Instant from = f.received + (*f.resolved - f.received) / 3;
            std::vector<ComplaintFacts::Pause> pause{{from, from + (*f.resolved - f.received) / 3}};
            f.SetLists(pause, f.surveys_sent());
        }
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
    // Weekdays 09:00–12:00 and 13:00–18:00 in UTC+8 with 30 holidays a year.
    sla::BusinessCalendar office;
    office.name = "office";
    office.utc_offset = std::chrono::minutes(480);
    for (int day = 1; day <= 5; ++day) {
        office.week[day] = {{std::chrono::hours(9), std::chrono::hours(12)}, {std::chrono::hours(13), std::chrono::hours(18)}};
    }
    for (int y = 2023; y <= 2025; ++y) {
        for (int d = 0; d < 30; ++d) {
            office.holidays.push_back(std::chrono::sys_days(std::chrono::year(y) / 1 / 1) + std::chrono::days(d * 12));
        }
    }
    double business = MedianMillis([&] { sink = ComputeKpis(pointers, may, std::nullopt, &office); });
    double business_grouped = MedianMillis([&] { sink = ComputeKpis(pointers, may, Dimension::kAgent, &office); });
    std::printf("KPI set of one month with business hours: %.1f ms (first response median %.2f h, business %.2f h)\n"
                "grouped by agent with business hours: %.1f ms\n",
                business, *sink.total.first_response.median_hours, *sink.total.first_response_business.median_hours,
                business_grouped);
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
    const Period week{evaluation - std::chrono::days(7), evaluation};
    std::size_t replayed = 0;
    auto replay_once = [&] { replayed = SurgeDetector(pointers, week, {}).Replay(std::chrono::minutes(5)).size(); };
    std::vector<double> replay_times;
    for (int i = 0; i < 3; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        replay_once();
        replay_times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(replay_times.begin(), replay_times.end());
    std::printf("early-warning replay of 7 days at 5-minute steps (2 017 evaluations, %zu alerts): %.1f ms\n",
                replayed, replay_times[1]);
}
