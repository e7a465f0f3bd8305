// KPIs in business hours: hand-computed fixtures for nights, weekends, a holiday, a lunch break and a pause, and the
// memoised business clock against sla::BusinessTimeBetween.
#include <gtest/gtest.h>

#include <random>

#include "core/analytics/business_clock.hpp"
#include "core/analytics/kpi.hpp"
#include "core/analytics/monthly_report.hpp"
#include "support/builders.hpp"

namespace heed::core::analytics {
namespace {

using namespace std::chrono_literals;
using std::chrono::minutes;
using workflow::Event;
using workflow::EventKind;

Instant At(const char* iso) { return *ParseIso8601(iso); }

// Asia/Shanghai (UTC+8), Monday to Friday 09:00–12:00 and 13:00–18:00 (8 working hours a day), 1 May a holiday.
sla::BusinessCalendar Office() {
    sla::BusinessCalendar c;
    c.name = "office";
    c.time_zone = "Asia/Shanghai";
    c.utc_offset = minutes(480);
    for (int day = 1; day <= 5; ++day) {
        c.week[day] = {{minutes(9 * 60), minutes(12 * 60)}, {minutes(13 * 60), minutes(18 * 60)}};
    }
    c.holidays = {std::chrono::year_month_day{std::chrono::year(2024), std::chrono::May, std::chrono::day(1)}};
    return c;
}

Event StatusEvent(const char* at, const char* to) {
    Event e;
    e.at = At(at);
    e.kind = EventKind::kStatusChanged;
    e.field = "status";
    e.after = to;
    return e;
}

ComplaintFacts Answered(std::int64_t id, const char* received, const char* first_response) {
    ComplaintFacts f;
    f.id = id;
    f.number = "TS" + std::to_string(id);
    f.received = At(received);
    f.first_response = At(first_response);
    f.last_activity = *f.first_response;
    return f;
}

const Period kSpring{At("2024-04-01T00:00:00Z"), At("2024-06-01T00:00:00Z")};

TEST(BusinessHoursKpis, NightsWeekendsAndAHolidayAreNotCountedInBusinessHours) {
    std::vector<ComplaintFacts> rows{
        // Night: Thursday 9 May 17:00 local → Friday 09:30. 16.5 h; business 17–18 + 09:00–09:30 = 1.5 h.
        Answered(1, "2024-05-09T09:00:00Z", "2024-05-10T01:30:00Z"),
        // Weekend: Friday 10 May 17:30 local → Monday 13 May 11:00. 65.5 h; business 0.5 + 2 = 2.5 h.
        Answered(2, "2024-05-10T09:30:00Z", "2024-05-13T03:00:00Z"),
        // Holiday: Tuesday 30 April 16:00 local → Thursday 2 May 10:00 (1 May off). 42 h; business 2 + 1 = 3 h.
        Answered(3, "2024-04-30T08:00:00Z", "2024-05-02T02:00:00Z"),
    };
    std::vector<const ComplaintFacts*> pointers;
    for (const auto& r : rows) pointers.push_back(&r);
    auto calendar = Office();
    ASSERT_TRUE(sla::ValidateCalendar(calendar));
    auto k = ComputeKpis(pointers, kSpring, std::nullopt, &calendar).total;
    EXPECT_EQ(k.first_response.n, 3);
    EXPECT_DOUBLE_EQ(*k.first_response.median_hours, 42);
    EXPECT_DOUBLE_EQ(*k.first_response.p90_hours, 65.5);
    EXPECT_EQ(k.first_response_business.n, 3);
    EXPECT_DOUBLE_EQ(*k.first_response_business.median_hours, 2.5);
    EXPECT_DOUBLE_EQ(*k.first_response_business.p90_hours, 3);

    // Each one alone, so every hand-computed value is checked, not only the median.
    const double business[] = {1.5, 2.5, 3};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto one = ComputeKpis(std::vector<const ComplaintFacts*>{&rows[i]}, kSpring, std::nullopt, &calendar).total;
        EXPECT_DOUBLE_EQ(*one.first_response_business.median_hours, business[i]) << i;
    }

    // Without a calendar there are no business figures (null, n = 0); on 24×7 they equal the calendar ones.
    auto plain = ComputeKpis(pointers, kSpring).total;
    EXPECT_EQ(plain.first_response_business, Durations{});
    EXPECT_EQ(plain.first_response, k.first_response);
    auto always = sla::Calendar24x7();
    auto round_the_clock = ComputeKpis(pointers, kSpring, std::nullopt, &always).total;
    EXPECT_EQ(round_the_clock.first_response_business.median_hours, k.first_response.median_hours);
    EXPECT_EQ(round_the_clock.first_response_business.p90_hours, k.first_response.p90_hours);
}

TEST(BusinessHoursKpis, HandlingTimeLeavesOutTheLunchBreakTheNightAndTheWorkingPartOfAPause) {
    auto c = testing::AComplaint();
    c.id = ComplaintId{9};
    c.number = "TS202405000009";
    c.milestones.received_at = At("2024-05-13T03:30:00Z");  // Monday 11:30 local
    c.milestones.resolved_at = At("2024-05-14T02:00:00Z");  // Tuesday 10:00 local
    std::vector<Event> events{StatusEvent("2024-05-13T04:30:00Z", "waiting_customer"),  // 12:30 local
                              StatusEvent("2024-05-13T06:00:00Z", "in_progress"),       // 14:00 local
                              StatusEvent("2024-05-14T02:00:00Z", "resolved")};
    auto f = DeriveFacts(c, events, At("2024-05-20T00:00:00Z"));
    ASSERT_EQ(f.pauses_before_resolved().size(), 1u);
    EXPECT_EQ(f.pauses_before_resolved()[0], (ComplaintFacts::Pause{At("2024-05-13T04:30:00Z"), At("2024-05-13T06:00:00Z")}));
    auto calendar = Office();
    auto k = ComputeKpis(std::vector<const ComplaintFacts*>{&f}, kSpring, std::nullopt, &calendar).total;
    // Calendar: 22.5 h − 1.5 h paused = 21 h.
    EXPECT_DOUBLE_EQ(*k.handling.median_hours, 21);
    // Business: Monday 11:30–12:00 and 13:00–18:00 (5.5 h) + Tuesday 09:00–10:00 (1 h), less the working part of the
    // pause (13:00–14:00; 12:30–13:00 is lunch) = 5.5 h.
    EXPECT_EQ(k.handling_business.n, 1);
    EXPECT_DOUBLE_EQ(*k.handling_business.median_hours, 5.5);

    // Resolved, reopened and resolved again: the pauses before the latest resolution all count.
    auto again = events;
    again.push_back(StatusEvent("2024-05-15T01:00:00Z", "reopened"));
    again.push_back(StatusEvent("2024-05-15T02:00:00Z", "waiting_customer"));  // Wednesday 10:00–11:00 local
    again.push_back(StatusEvent("2024-05-15T03:00:00Z", "in_progress"));
    again.push_back(StatusEvent("2024-05-15T04:00:00Z", "resolved"));  // Wednesday 12:00 local
    c.milestones.resolved_at = At("2024-05-15T04:00:00Z");
    auto twice = DeriveFacts(c, again, At("2024-05-20T00:00:00Z"));
    ASSERT_EQ(twice.pauses_before_resolved().size(), 2u);
    auto k2 = ComputeKpis(std::vector<const ComplaintFacts*>{&twice}, kSpring, std::nullopt, &calendar).total;
    // Business: 5.5 (Monday) + 8 (Tuesday) + 3 (Wednesday 09–12) − 1 − 1 = 14.5 h.
    EXPECT_DOUBLE_EQ(*k2.handling_business.median_hours, 14.5);
}

TEST(BusinessHoursKpis, TheMonthlyReportShowsBothClocks) {
    auto f = Answered(1, "2024-05-10T09:30:00Z", "2024-05-13T03:00:00Z");
    auto calendar = Office();
    auto report = BuildMonthlyReport(std::vector<const ComplaintFacts*>{&f}, "2024-05", *MonthPeriod("2024-05"), "周七", At("2024-06-05T09:00:00Z"),
                                     Language::kEn, {}, &calendar);
    EXPECT_EQ(report.business_calendar, "office");
    EXPECT_DOUBLE_EQ(*report.kpis.first_response_business.median_hours, 2.5);
    auto html = RenderMonthlyHtml(report, Language::kEn);
    EXPECT_NE(html.find("First response time (median, business hours)</td><td class=\"none\">2.5 h"), std::string::npos) << html;
    EXPECT_NE(html.find("First response time (median)</td><td class=\"none\">65.5 h"), std::string::npos);
    auto without = BuildMonthlyReport(std::vector<const ComplaintFacts*>{&f}, "2024-05", *MonthPeriod("2024-05"), "周七", At("2024-06-05T09:00:00Z"),
                                      Language::kEn);
    EXPECT_EQ(RenderMonthlyHtml(without, Language::kEn).find("business hours"), std::string::npos);
}

// The memoised clock answers exactly what sla::BusinessTimeBetween answers, for durations from minutes to months,
// in any order of questions, on a calendar with lunch breaks, holidays, a make-up working day and daylight saving.
TEST(BusinessClock, EqualsBusinessTimeBetweenOnRandomInstants) {
    auto office = Office();
    office.extra_working_days = {{std::chrono::year_month_day{std::chrono::year(2024), std::chrono::May,
                                                              std::chrono::day(11)},
                                  std::chrono::Monday}};
    sla::BusinessCalendar berlin;
    berlin.name = "berlin";
    berlin.time_zone = "Europe/Berlin";
    berlin.utc_offset = minutes(60);
    berlin.offset_changes = {{At("2024-03-31T01:00:00Z"), minutes(120)}, {At("2024-10-27T01:00:00Z"), minutes(60)}};
    for (int day = 1; day <= 6; ++day) berlin.week[day] = {{minutes(8 * 60), minutes(20 * 60)}};
    berlin.holidays = {std::chrono::year_month_day{std::chrono::year(2024), std::chrono::October, std::chrono::day(3)}};
    std::mt19937_64 random(7);
    for (const auto* calendar : {&office, &berlin}) {
        ASSERT_TRUE(sla::ValidateCalendar(*calendar));
        BusinessClock clock(*calendar);
        const Instant base = At("2024-01-01T00:00:00Z");
        for (int i = 0; i < 3000; ++i) {
            Instant a = base + std::chrono::milliseconds(static_cast<std::int64_t>(random() % (365LL * 86'400'000)));
            auto span = i % 3 == 0 ? 3'600'000LL : i % 3 == 1 ? 7LL * 86'400'000 : 90LL * 86'400'000;
            Instant b = a + std::chrono::milliseconds(static_cast<std::int64_t>(random() % span));
            ASSERT_EQ(clock.Between(a, b), sla::BusinessTimeBetween(*calendar, a, b))
                << calendar->name << " " << FormatIso8601(a) << " " << FormatIso8601(b);
        }
    }
}

}  // namespace
}  // namespace heed::core::analytics
