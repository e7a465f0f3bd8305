#include "core/analytics/monthly_report.hpp"

#include <gtest/gtest.h>

namespace heed::core::analytics {
namespace {

Instant At(const char* iso) { return *ParseIso8601(iso); }

TEST(MonthPeriod, IsTheCalendarMonthInUtc) {
    auto may = MonthPeriod("2024-05");
    ASSERT_TRUE(may);
    EXPECT_EQ(may->from, At("2024-05-01T00:00:00Z"));
    EXPECT_EQ(may->to, At("2024-06-01T00:00:00Z"));
    EXPECT_EQ(MonthPeriod("2024-12")->to, At("2025-01-01T00:00:00Z"));
    for (const char* bad : {"2024-13", "2024-5", "May 2024", "", "2024-05-01"}) {
        EXPECT_EQ(MonthPeriod(bad).error().field, "month") << bad;
    }
}

TEST(MonthlyReport, RanksProblemsCountsCustomersAndNamesWhatRose) {
    std::vector<ComplaintFacts> rows;
    auto add = [&rows](const char* at, const char* category, const char* customer, int csat) {
        ComplaintFacts f;
        f.id = static_cast<std::int64_t>(rows.size()) + 1;
        f.received = At(at);
        f.dimensions[static_cast<std::size_t>(Dimension::kCategory)] = category;
        f.customer = CustomerKey(customer);
        if (csat) {
            f.csat = static_cast<std::int8_t>(csat);
            f.answered_at = f.received + std::chrono::hours(1);
        }
        f.last_activity = f.answered_at.value_or(f.received);
        rows.push_back(f);
    };
    add("2024-04-10T08:00:00Z", "物流配送", "C1", 0);  // April: one delivery complaint
    for (int i = 0; i < 5; ++i) add("2024-05-03T08:00:00Z", "物流配送", i < 3 ? "C1" : "C2", 4);
    add("2024-05-04T08:00:00Z", "服务态度", "C3", 2);
    add("2024-05-31T23:59:59Z", "价格争议", "C4", 0);
    add("2024-06-01T00:00:00Z", "价格争议", "C4", 0);  // June: outside
    std::vector<const ComplaintFacts*> pointers;
    for (const auto& r : rows) pointers.push_back(&r);
    auto report = BuildMonthlyReport(pointers, "2024-05", *MonthPeriod("2024-05"), "周七", At("2024-06-05T09:00:00Z"),
                                     Language::kZh);
    EXPECT_EQ(report.kpis.received, 7);
    ASSERT_EQ(report.problems.size(), 3u);
    EXPECT_EQ(report.problems[0].category, "物流配送");
    EXPECT_EQ(report.problems[0].count, 5);
    EXPECT_EQ(report.problems[0].customers, 2);
    EXPECT_EQ(report.problems[0].previous_count, 1);
    EXPECT_NEAR(report.problems[0].share, 5.0 / 7, 1e-12);
    EXPECT_EQ(report.daily.size(), 31u);
    EXPECT_EQ(report.daily[2].count, 5);
    EXPECT_EQ(report.daily[30].count, 1);
    EXPECT_NEAR(*report.kpis.csat.mean(), 22.0 / 6, 1e-12);
    ASSERT_GE(report.focus.size(), 4u);
    EXPECT_NE(report.focus[0].find("物流配送"), std::string::npos);
    EXPECT_NE(report.focus[3].find("1 → 5"), std::string::npos);  // the fastest riser
    auto html = RenderMonthlyHtml(report, Language::kZh);
    EXPECT_NE(html.find("2024年5月"), std::string::npos);
    EXPECT_NE(html.find("周七"), std::string::npos);
    EXPECT_NE(html.find("3.67"), std::string::npos);
}

TEST(MonthlyReport, EscapesTextInTheHtml) {
    ComplaintFacts f;
    f.received = f.last_activity = At("2024-05-03T08:00:00Z");
    f.dimensions[static_cast<std::size_t>(Dimension::kCategory)] = "<script>alert(1)</script>";
    auto report = BuildMonthlyReport(std::vector<const ComplaintFacts*>{&f}, "2024-05", *MonthPeriod("2024-05"), "a&b", At("2024-06-05T09:00:00Z"),
                                     Language::kEn);
    auto html = RenderMonthlyHtml(report, Language::kEn);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
    EXPECT_NE(html.find("a&amp;b"), std::string::npos);
}

}  // namespace
}  // namespace heed::core::analytics
