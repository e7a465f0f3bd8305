#pragma once
// The monthly evaluation report (template 4 of seed 002, SPEC §8): period, sample size, average satisfaction, top-3
// problem types with frequency, KPIs against targets, progress of improvement measures, next month's focus,
// reporter and date. Built from the KPI roll-up; rendered as a self-contained HTML page (inline SVG charts, no
// external resources) here, as JSON and XLSX by the adapters.

#include <string>
#include <vector>

#include "core/analytics/kpi.hpp"

namespace heed::core::analytics {

struct ProblemShare {
    std::string category;  // "" is reported as uncategorised
    std::int64_t count = 0;
    double share = 0;       // of the month's complaints
    std::int64_t customers = 0;  // distinct customers affected
    double mean_severity = 0;    // over complaints with a severity; 0 when none
    std::int64_t previous_count = 0;  // the month before
};

struct DailyVolume {
    std::string date;  // YYYY-MM-DD
    std::int64_t count = 0;
};

struct MonthlyReport {
    int year = 0;
    unsigned month = 0;
    Period period;
    KpiSet kpis;
    KpiSet previous;  // the month before, for "what moved"
    Targets targets;
    std::vector<ProblemShare> problems;  // every category, most frequent first (Pareto)
    std::vector<DailyVolume> daily;
    std::vector<std::string> focus;     // next month's focus, in the report's language
    std::string reporter;
    Instant generated_at{};
    std::string team_scope;
    std::string business_calendar;  // the calendar of the business-hours durations ("" when not computed)
};

enum class Language { kZh, kEn };

// kInvalidArgument (field "month") unless `month` is YYYY-MM.
Result<Period> MonthPeriod(const std::string& month);

MonthlyReport BuildMonthlyReport(const FactsRows& rows, const std::string& month_text,
                                 const Period& period, const std::string& reporter, Instant now, Language language,
                                 const Targets& targets = {}, const sla::BusinessCalendar* calendar = nullptr);

std::string RenderMonthlyHtml(const MonthlyReport& report, Language language);

}  // namespace heed::core::analytics
