#pragma once
// Analytics over HTTP (see core/analytics/analytics_service.hpp, definitions in docs/metrics.md):
//   GET /api/v1/analytics/kpis?from&to&group_by          KPIs of the period with sample sizes and targets
//   GET /api/v1/analytics/kpis/drill?kpi&from&to&group_by&group&limit[&weekday&hour&utc_offset]   the complaints
//       behind a figure (with weekday and hour: only those received in that heat-map cell)
//   GET /api/v1/analytics/forecast?horizon&category&aht_minutes&answer_within_minutes&service_level&staffed_hours
//   GET /api/v1/reports/monthly?month=YYYY-MM&format=html|json|xlsx&lang=zh|en   template 4 of seed 002
//   GET /api/v1/analytics/pareto, /api/v1/analytics/trends   (trends_api.cpp)

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "core/analytics/analytics_service.hpp"
#include "core/analytics/monthly_report.hpp"
#include "http/router.hpp"

namespace heed::http {

// Query parameters shared by the analytics routes.
namespace analytics_query {
core::Error Bad(std::string message, std::string field);
// kInvalidArgument naming the first parameter not in `known`.
core::Result<void> OnlyParams(const Request& request, const std::set<std::string>& known);
std::string Param(const Request& request, const char* key);  // "" when absent
core::Result<double> NumberParam(const Request& request, const char* key, double fallback, double low, double high);
// from/to as ISO 8601 (a date means its midnight UTC); default: the last 30 days up to now.
core::Result<core::analytics::Period> PeriodParams(const Request& request);
core::Result<std::optional<core::analytics::Dimension>> GroupParam(const Request& request);
// utc_offset as ±HH:MM (or Z, or absent: 0); at most 14 hours.
core::Result<std::chrono::minutes> OffsetParam(const Request& request);
}  // namespace analytics_query

// A KPI set as JSON with each figure's sample and target (the shape of /analytics/kpis).
nlohmann::json KpiSetJson(const core::analytics::KpiSet& set, const core::analytics::Targets& targets);

using Authenticate = std::function<core::Result<core::workflow::Actor>(const Request&)>;

// /api/v1/analytics/pareto and /api/v1/analytics/trends (trends_api.cpp); called by AddAnalyticsApi.
void AddTrendsApi(Router& router, core::analytics::AnalyticsService& analytics, std::shared_ptr<Authenticate> authenticate);

// The monthly report as JSON (also what `heed report monthly --format json` writes).
nlohmann::json MonthlyReportJson(const core::analytics::MonthlyReport& report);

// Renders the monthly report as XLSX bytes (format=xlsx); given by main so this adapter names no spreadsheet library.
using XlsxRenderer =
    std::function<core::Result<std::string>(const core::analytics::MonthlyReport&, core::analytics::Language)>;

void AddAnalyticsApi(Router& router, core::analytics::AnalyticsService& analytics,
                     std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate,
                     XlsxRenderer xlsx = nullptr);

}  // namespace heed::http
