#pragma once
// Who is calling, for every /api/v1 request, and the browser's sign-in. Two credentials are accepted:
//   - `Authorization: Bearer <token>` (scripts, integrations; no CSRF exposure since browsers never add it), and
//   - the `heed_session` cookie set by POST /api/v1/session (the web app). The cookie is HttpOnly and SameSite=Strict;
//     on top of that every unsafe request (not GET/HEAD/OPTIONS) made with it must echo the session's CSRF token in
//     `X-CSRF-Token`, or it is refused with 403.
// Sign-in is throttled per tenant+username and per client address (LoginThrottle) and rate-limited per address.

#include <chrono>
#include <functional>
#include <string>

#include "core/services/auth_service.hpp"
#include "core/services/login_throttle.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"

namespace heed::http {

inline constexpr const char* kSessionCookie = "heed_session";

// The value of cookie `name` in the request's Cookie header, or empty.
std::string CookieValue(const Request& request, std::string_view name);

// Bearer token first, then the session cookie (with the CSRF check for unsafe methods).
core::Result<core::workflow::Actor> AuthenticateRequest(core::services::AuthService& auth, const Request& request);

struct SessionApiOptions {
    core::services::AuthService* auth = nullptr;             // required
    core::services::LoginThrottle* user_throttle = nullptr;  // per tenant+username; required
    core::services::LoginThrottle* address_throttle = nullptr;  // per client address; required
    RateLimiter* address_limit = nullptr;                    // sign-in attempts per address; required
    std::function<core::Instant()> now;                      // required
    std::chrono::minutes lifetime{12 * 60};
    bool secure_cookie = true;  // adds `Secure`; off only for plain-HTTP loopback development
    // Told of every sign-in, failed sign-in and sign-out (the audit log). Optional.
    std::function<void(const core::workflow::Actor&, const std::string& action, const std::string& detail)> record;
};

// POST/GET/DELETE /api/v1/session.
void AddSessionApi(Router& router, SessionApiOptions options);

}  // namespace heed::http
