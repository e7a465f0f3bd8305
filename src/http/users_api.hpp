#pragma once
// Users of a tenant over HTTP (see core/services/auth_service.hpp):
//   GET   /api/v1/users              staff: username, role, team, disabled (pickers, administration)
//   POST  /api/v1/users              admins: {"username", "password", "role", "team"} → 201
//   PATCH /api/v1/users/{username}   admins: {"role", "team", "disabled", "password"}, each optional
// Every change is recorded in the audit log.

#include <functional>

#include "core/services/auth_service.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddUsersApi(Router& router, core::services::AuthService& auth,
                 std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
