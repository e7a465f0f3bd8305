#include "http/session_api.hpp"

#include <sodium.h>

#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;

namespace {

bool IsSafeMethod(const std::string& method) { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Response TooManyAttempts(std::chrono::seconds wait) {
    Response response = ErrorResponse({ErrorCode::kResourceExhausted,
                                       "too many sign-in attempts; try again in " + std::to_string(wait.count()) + " s",
                                       "", {}});
    response.headers.emplace_back("Retry-After", std::to_string(wait.count()));
    return response;
}

std::string SessionCookie(const std::string& value, std::int64_t max_age, bool secure) {
    return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
           std::to_string(max_age) + (secure ? "; Secure" : "");
}

json SessionBody(const core::workflow::Actor& actor, const std::string& tenant_name, const std::string& csrf,
                 core::Instant expires_at) {
    return {{"user",
             {{"username", actor.name},
              {"role", core::workflow::ToString(actor.role)},
              {"team", actor.team},
              {"tenant", tenant_name}}},
            {"csrf_token", csrf},
            {"expires_at", core::FormatIso8601(expires_at)}};
}

}  // namespace

std::string CookieValue(const Request& request, std::string_view name) {
    const std::string text = request.Header("cookie");
    std::string_view header = text;
    while (!header.empty()) {
        auto semicolon = header.find(';');
        std::string_view pair = header.substr(0, semicolon);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        auto equals = pair.find('=');
        if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
            return std::string(pair.substr(equals + 1));
        }
        if (semicolon == std::string_view::npos) break;
        header.remove_prefix(semicolon + 1);
    }
    return {};
}

core::Result<core::workflow::Actor> AuthenticateRequest(core::services::AuthService& auth, const Request& request) {
    std::string authorization = request.Header("authorization");
    if (!authorization.empty()) return auth.AuthenticateBearer(authorization);
    std::string secret = CookieValue(request, kSessionCookie);
    if (secret.empty()) return core::Fail(ErrorCode::kUnauthenticated, "missing, invalid or expired credentials");
    auto session = auth.AuthenticateSession(secret);
    if (!session) return tl::unexpected(session.error());
    if (!IsSafeMethod(request.method) && !ConstantTimeEquals(request.Header("x-csrf-token"), session->csrf_token)) {
        return core::Fail(ErrorCode::kPermissionDenied, "missing or wrong X-CSRF-Token for this session",
                          "X-CSRF-Token");
    }
    return session->actor;
}

void AddSessionApi(Router& router, SessionApiOptions o) {
    auto options = std::make_shared<SessionApiOptions>(std::move(o));

    router.Add("POST", "/api/v1/session", [options](const Request& request) {
        const auto& o = *options;
        if (auto wait = o.address_limit->Take(request.remote_address, std::chrono::steady_clock::now())) {
            return TooManyAttempts(*wait);
        }
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        std::string tenant = "default", username, password;
        for (const auto& [key, value] : body->items()) {
            if (key != "tenant" && key != "username" && key != "password") {
                return ErrorResponse({ErrorCode::kInvalidArgument, "unknown field " + key, key, {}});
            }
            if (!value.is_string()) return ErrorResponse({ErrorCode::kInvalidArgument, key + " must be text", key, {}});
            (key == "tenant" ? tenant : key == "username" ? username : password) = value.get<std::string>();
        }
        if (username.empty() || password.empty()) {
            return ErrorResponse({ErrorCode::kInvalidArgument, "username and password are required", "username", {}});
        }
        // No such name can exist: same answer as a wrong password, and nothing of it is kept or counted.
        if (!core::identity::IsValidName(tenant) || !core::identity::IsValidName(username) || password.size() > 1024) {
            return ErrorResponse({ErrorCode::kUnauthenticated, "wrong tenant, username or password", "", {}});
        }
        core::Instant now = o.now();
        std::string user_key = tenant + "/" + username;
        std::string address_key = request.remote_address;
        auto user_wait = o.user_throttle->Blocked(user_key, now);
        auto address_wait = o.address_throttle->Blocked(address_key, now);
        if (user_wait || address_wait) {
            return TooManyAttempts(std::max(user_wait.value_or(std::chrono::seconds(0)),
                                            address_wait.value_or(std::chrono::seconds(0))));
        }
        auto signed_in = o.auth->SignIn(tenant, username, password, o.lifetime);
        if (!signed_in) {
            if (signed_in.error().code == ErrorCode::kUnauthenticated) {
                o.user_throttle->Failed(user_key, now);
                o.address_throttle->Failed(address_key, now);
                if (o.record) {
                    o.record({core::TenantId{0}, username, core::workflow::Role::kCustomer, {}}, "session.failed",
                             "tenant=" + tenant + " address=" + request.remote_address);
                }
                return ErrorResponse({ErrorCode::kUnauthenticated, "wrong tenant, username or password", "", {}});
            }
            return ErrorResponse(signed_in.error());
        }
        o.user_throttle->Succeeded(user_key);
        core::workflow::Actor actor{signed_in->user.tenant, signed_in->user.username, signed_in->user.role,
                                    signed_in->user.team};
        if (o.record) o.record(actor, "session.created", "address=" + request.remote_address);
        auto max_age = std::chrono::duration_cast<std::chrono::seconds>(signed_in->expires_at - now).count();
        Response response =
            JsonResponse(200, SessionBody(actor, signed_in->tenant_name, signed_in->csrf_token, signed_in->expires_at));
        response.headers.emplace_back("Set-Cookie", SessionCookie(signed_in->secret, max_age, o.secure_cookie));
        return response;
    });

    router.Add("GET", "/api/v1/session", [options](const Request& request) {
        std::string secret = CookieValue(request, kSessionCookie);
        auto session = options->auth->AuthenticateSession(secret);
        if (!session) return ErrorResponse(session.error());
        std::string tenant_name;
        if (auto tenants = options->auth->Tenants()) {
            for (const auto& t : *tenants) {
                if (t.id == session->actor.tenant) tenant_name = t.name;
            }
        }
        return JsonResponse(200, SessionBody(session->actor, tenant_name, session->csrf_token, session->expires_at));
    });

    router.Add("DELETE", "/api/v1/session", [options](const Request& request) {
        auto actor = AuthenticateRequest(*options->auth, request);
        if (!actor) return ErrorResponse(actor.error());
        std::string secret = CookieValue(request, kSessionCookie);
        if (secret.empty()) {
            return ErrorResponse({ErrorCode::kInvalidArgument, "sign-out ends a browser session; tokens are revoked "
                                                               "with heed token revoke", "", {}});
        }
        auto ended = options->auth->SignOut(secret);
        if (!ended) return ErrorResponse(ended.error());
        if (options->record) options->record(*actor, "session.deleted", "");
        Response response{204, "application/json", {}, {}};
        response.headers.emplace_back("Set-Cookie", SessionCookie("", 0, options->secure_cookie));
        return response;
    });
}

}  // namespace heed::http
