#pragma once
// `heed demo`, routing part: the demo's staff as users (the agents and leads its complaints were played through
// with, and a director), their teams with leads, a logistics department, skill profiles, automatic assignment
// switched on, and a handful of new complaints assigned by the routing rule so their timelines show why.

#include <cstdint>
#include <string>

#include "core/services/auth_service.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/routing_service.hpp"

namespace heed::cli {

struct RoutingDemoReport {
    int users = 0;  // users added (existing ones are kept)
    int teams = 0;
    int profiles = 0;
    int auto_assigned = 0;  // new complaints the routing rule assigned
    int unassigned = 0;     // new complaints for which it found nobody
};

// Password of every demo user; printed by `heed demo`, so for demonstration databases only.
inline constexpr const char* kDemoPassword = "demo-password";

core::Result<RoutingDemoReport> SeedRoutingDemo(core::services::AuthService& auth,
                                                core::services::RoutingService& routing,
                                                core::services::ComplaintService& complaints, core::TenantId tenant,
                                                int auto_assign_count = 12);

}  // namespace heed::cli
