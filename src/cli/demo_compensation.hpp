#pragma once
// `heed demo`, compensation part: requests of every kind and level on demo complaints — some approved by a lead, a
// manager or the director, one rejected, some still pending at each level — so the approvals queue and the totals on
// complaints have something to show.

#include "core/services/compensation_service.hpp"
#include "core/services/complaint_service.hpp"

namespace heed::cli {

struct CompensationDemoReport {
    int requested = 0;
    int approved = 0;
    int rejected = 0;
    int pending = 0;
};

core::Result<CompensationDemoReport> SeedCompensationDemo(core::services::CompensationService& compensations,
                                                          core::services::ComplaintService& complaints,
                                                          core::TenantId tenant);

}  // namespace heed::cli
