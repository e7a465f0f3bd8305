#pragma once
// The customer portal's writes (public, rate-limited; see docs/portal.md). The customer proves who they are with the
// complaint number plus the phone or e-mail given at intake, exactly like GET /api/v1/track; a wrong contact gets the
// same 404 as an unknown number.
//   POST /api/v1/track/messages     {"number", "contact", "body"} → 201: a message from the customer
//   POST /api/v1/track/acceptance   {"number", "contact", "accepted", "reason"}: accept or reject the resolution;
//                                   a rejection reopens it and the answer lists external options (ISO 10002)
//   POST /api/v1/complaints/{id}/acceptance   staff: {"accepted", "reason", "via"} (e.g. a phone call)

#include <functional>

#include "core/services/complaint_service.hpp"
#include "core/services/feedback_service.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"

namespace heed::http {

struct PortalApiOptions {
    std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate;
    std::function<core::Result<core::TenantId>(const std::string&)> resolve_tenant;  // ?tenant=NAME
    RateLimiter* public_limit = nullptr;
};

void AddPortalApi(Router& router, core::services::ComplaintService& complaints,
                  core::services::FeedbackService& feedback, PortalApiOptions options);

}  // namespace heed::http
