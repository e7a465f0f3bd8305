#pragma once
// `heed demo`, early-warning part: a surge of lost-parcel complaints from many customers in forty minutes, three
// hours before `now`, filed through intake like any other; the managers' alert address; and the alerts the last 24
// hours raise (the surge, and the incident cluster the triage part forms), as GET /api/v1/analytics/alerts shows.

#include <string>
#include <vector>

#include "core/analytics/analytics_settings.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/services/complaint_service.hpp"

namespace heed::cli {

struct AlertDemoReport {
    int filed = 0;
    std::string category;
    std::vector<std::string> alerts;  // "surge 物流配送", … raised in the last 24 hours
};

core::Result<AlertDemoReport> SeedAlertDemo(core::services::ComplaintService& complaints, core::ports::ComplaintStore& store,
                                            core::analytics::AnalyticsSettings& settings, core::TenantId tenant,
                                            core::Instant now);

}  // namespace heed::cli
