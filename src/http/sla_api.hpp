#pragma once
// Calendars, SLA policies, live clocks and escalation over HTTP (see core/services/sla_service.hpp, docs/sla.md):
//   GET    /api/v1/calendars                       staff: the tenant's calendars, the built-in 24x7 first
//   GET    /api/v1/calendars/{name}                staff
//   PUT    /api/v1/calendars/{name}                managers, admins: create or replace one calendar
//   DELETE /api/v1/calendars/{name}                managers, admins: refused while a policy uses it
//   POST   /api/v1/calendars/{name}/holidays       managers, admins: {"ics": "BEGIN:VCALENDAR…"} adds holidays
//   GET    /api/v1/sla-policies                    staff: {"policies": [...], "regulatory": {...}}
//   PUT    /api/v1/sla-policies                    managers, admins: replace the list (order = selection order)
//   GET    /api/v1/complaints/{id}/sla             live clocks: due, time left, state of each
//   POST   /api/v1/complaints/{id}/escalate        {"reason"}: one step up the escalation chain
// Changing a calendar or the policies recomputes the tenant's open complaints before answering ("recomputed": n).

#include <functional>

#include "core/services/complaint_service.hpp"
#include "core/services/sla_service.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddSlaApi(Router& router, core::services::SlaService& sla, core::services::ComplaintService& complaints,
               std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
