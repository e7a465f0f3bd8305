#pragma once
// Analytics over HTTP (see core/analytics/analytics_service.hpp, definitions in docs/metrics.md):
//   GET /api/v1/analytics/kpis?from&to&group_by          KPIs of the period with sample sizes and targets
//   GET /api/v1/analytics/kpis/drill?kpi&from&to&group_by&group&limit   the complaints behind a figure
//   GET /api/v1/analytics/forecast?horizon&category&aht_minutes&answer_within_minutes&service_level&staffed_hours
//   GET /api/v1/reports/monthly?month=YYYY-MM&format=html|json|xlsx&lang=zh|en   template 4 of seed 002

#include <functional>
#include <nlohmann/json.hpp>

#include "core/analytics/analytics_service.hpp"
#include "core/analytics/monthly_report.hpp"
#include "http/router.hpp"

namespace heed::http {

// The monthly report as JSON (also what `heed report monthly --format json` writes).
nlohmann::json MonthlyReportJson(const core::analytics::MonthlyReport& report);

// Renders the monthly report as XLSX bytes (format=xlsx); given by main so this adapter names no spreadsheet library.
using XlsxRenderer =
    std::function<core::Result<std::string>(const core::analytics::MonthlyReport&, core::analytics::Language)>;

void AddAnalyticsApi(Router& router, core::analytics::AnalyticsService& analytics,
                     std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate,
                     XlsxRenderer xlsx = nullptr);

}  // namespace heed::http
