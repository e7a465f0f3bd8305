#pragma once
// Routing over HTTP (see core/services/routing_service.hpp and docs/routing.md):
//   GET    /api/v1/teams                          staff: teams with lead, department flag and members
//   PUT    /api/v1/teams/{name}                   admins, managers: {"lead", "department"} → the team
//   DELETE /api/v1/teams/{name}                   admins, managers → 204
//   GET    /api/v1/agents                         staff: profiles with team, load and capacity
//   PUT    /api/v1/agents/{username}              admins, managers: {"categories", "languages", "channels",
//                                                 "level", "capacity", "status"} → the profile
//   PUT    /api/v1/agents/{username}/status       the agent, admins, managers: {"status"}
//   GET    /api/v1/settings/routing               admins, managers: {"auto_assign"}
//   PUT    /api/v1/settings/routing               admins, managers: {"auto_assign": true|false}
//   POST   /api/v1/complaints/{id}/assign         {"assignee", "reason"} | {"auto": true} | {"department", "reason"}
// Every change of a team, a profile or the setting is in the audit log; every assignment is an event.

#include <functional>

#include "core/services/routing_service.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddRoutingApi(Router& router, core::services::RoutingService& routing,
                   std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
