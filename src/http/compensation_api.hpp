#pragma once
// Compensation and approvals over HTTP (see core/services/compensation_service.hpp and docs/routing.md):
//   GET  /api/v1/complaints/{id}/compensations   staff who see the complaint: {"items", "totals"}
//   POST /api/v1/complaints/{id}/compensations   {"kind", "amount_minor", "currency", "reason"} → 201, pending
//   GET  /api/v1/approvals[?status=pending|approved|rejected|all&limit=]  pending: what the caller may decide
//   POST /api/v1/approvals/{id}/decision         {"decision": "approve" | "reject", "reason"}
//   GET  /api/v1/settings/approval-limits        staff: {"currency", "team_lead_max", "manager_max"}
//   PUT  /api/v1/settings/approval-limits        admins, directors
// Amounts are integers in minor units (fen, cents). Every step is a compensation event and an audit record.

#include <functional>

#include "core/services/compensation_service.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddCompensationApi(Router& router, core::services::CompensationService& compensations,
                        std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
