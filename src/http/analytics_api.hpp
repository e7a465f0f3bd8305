#pragma once
// Analytics over HTTP (see core/analytics/analytics_service.hpp, definitions in docs/metrics.md):
//   GET /api/v1/analytics/kpis?from&to&group_by          KPIs of the period with sample sizes and targets
//   GET /api/v1/analytics/kpis/drill?kpi&from&to&group_by&group&limit   the complaints behind a figure
//   GET /api/v1/analytics/forecast?horizon&category&aht_minutes&answer_within_minutes&service_level&staffed_hours

#include <functional>

#include "core/analytics/analytics_service.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddAnalyticsApi(Router& router, core::analytics::AnalyticsService& analytics,
                     std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
