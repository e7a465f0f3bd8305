#pragma once
// Triage over HTTP (see core/services/rule_service.hpp and docs/triage.md):
//   GET    /api/v1/rules                staff: the tenant's rules in run order
//   POST   /api/v1/rules                admins, managers: a new rule → 201; a bad rule → 400 naming the field
//   GET    /api/v1/rules/{id}           staff
//   PUT    /api/v1/rules/{id}           admins, managers: the whole rule with its "version" (or If-Match)
//   DELETE /api/v1/rules/{id}           admins, managers → 204
//   GET    /api/v1/triage/settings      staff: {"thresholds": {field: 0 … 1}}
//   PUT    /api/v1/triage/settings      admins, managers: {"thresholds": {...}} (fields given are changed)
//   GET    /api/v1/triage/labels        admins, managers, analysts: people's corrections for training (?after, limit)
//   GET    /api/v1/clusters             staff: incident clusters (?days=30, limit)
//   GET    /api/v1/clusters/{id}        staff: the complaints of one cluster
// Every change is recorded in the audit log.

#include <functional>

#include "core/services/rule_service.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddTriageApi(Router& router, core::services::RuleService& rules,
                  std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
