#pragma once
// Erasure requests and the retention policy over HTTP (admins only; see core/services/privacy_service.hpp):
//   POST /api/v1/erasures            {"contact", "reason", "dry_run"} → which complaints, how many changed
//   GET  /api/v1/settings/retention  → {"years", "action"}
//   PUT  /api/v1/settings/retention  {"years", "action"}
//   POST /api/v1/retention/run       {"dry_run"} → which complaints, how many changed

#include <functional>

#include "core/services/privacy_service.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddPrivacyApi(Router& router, core::services::PrivacyService& privacy,
                   std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
