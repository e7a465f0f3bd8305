#pragma once
// A tenant's analytics settings (core/analytics/analytics_settings.hpp):
//   GET/PUT /api/v1/settings/kpi-targets        {csat, resolution_rate, repeat_rate, nps, sla_compliance}
//   GET/PUT /api/v1/settings/alert-recipients   {recipients: ["manager@example.com", …]}

#include <functional>

#include "core/analytics/analytics_settings.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddAnalyticsSettingsApi(Router& router, core::analytics::AnalyticsSettings& settings,
                             std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
