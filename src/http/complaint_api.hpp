#pragma once
// The REST resources of /api/v1 over the core services. Handlers only translate: parse, call one service method,
// map the result (ErrorCode → HTTP status lives in StatusFor, once).

#include <atomic>
#include <functional>

#include "core/common/result.hpp"
#include "core/ports/audit_log.hpp"
#include "core/services/complaint_service.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"

#include <nlohmann/json.hpp>

namespace heed::http {

int StatusFor(core::ErrorCode code);
Response ErrorResponse(const core::Error& error);
// A JSON answer with `status` (invalid UTF-8 in `body` replaced, never thrown on).
Response JsonResponse(int status, const nlohmann::json& body);
// The complaint with its customer's contact details masked (138****1234). Unmasked details are only shown on
// request, to roles that need them, and every such view is recorded in the audit log (see GET /complaints/{id}).
nlohmann::json ComplaintView(core::complaint::Complaint complaint);
// The same as a response: the masked complaint's JSON written straight into the body (http/complaint_json.hpp).
Response ComplaintViewResponse(int status, core::complaint::Complaint complaint);
// The 201 answer to intake: the complaint, Location, ETag and how to track it.
Response IntakeResponse(const core::Result<core::complaint::Complaint>& filed);

struct ApiOptions {
    // Who is calling: the actor (tenant, name, role) for a request, or kUnauthenticated. Required.
    std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate;
    std::function<bool()> ready;              // readiness probe (store answers)
    std::function<std::string()> metrics;     // extra Prometheus lines from other parts
    // Runs the audit verification: ok, counts, and the first problem. Optional (route absent without it).
    std::function<core::Result<nlohmann::json>()> verify_audit;
    // Tenant name → id, for the public endpoints (?tenant=NAME, default "default"). Optional: default tenant only.
    std::function<core::Result<core::TenantId>(const std::string&)> resolve_tenant;
    // Per client address, shared by the public endpoints (web-form intake, tracking). Optional: unlimited.
    RateLimiter* public_limit = nullptr;
    // Records views of unmasked contact details (GET …/{id}?reveal=contact). Optional: unrecorded without it.
    core::ports::AuditLog* audit = nullptr;
    bool landing_page = true;  // serve the built-in page at / (off when the web application is served)
};

// Registers every route of the API on `router`. `service` must outlive the router.
void AddComplaintApi(Router& router, core::services::ComplaintService& service, ApiOptions options);

// The OpenAPI 3 document served at /api/openapi.json.
const std::string& OpenApiDocument();

}  // namespace heed::http
