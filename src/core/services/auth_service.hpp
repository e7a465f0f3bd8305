#pragma once
// Tenants, users and API tokens, and turning a presented credential into an Actor. Every request of the API is
// authenticated here; the Actor it returns carries the tenant that scopes everything the request may touch.
// Thread-safety: safe to call from many threads.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/identity/identity.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/crypto.hpp"
#include "core/ports/identity_store.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::services {

// A signed-in session as the browser holds it: the cookie secret (shown once) and the CSRF token that every
// unsafe request made with the cookie must echo in a header.
struct SignedIn {
    std::string secret;
    std::string csrf_token;
    identity::User user;
    std::string tenant_name;
    Instant expires_at{};
};

struct SessionActor {
    workflow::Actor actor;
    std::string csrf_token;
    Instant expires_at{};
};

// A change to a user by an admin; unset fields stay as they are.
struct UserChange {
    std::optional<workflow::Role> role;
    std::optional<std::string> team;
    std::optional<bool> disabled;
    std::optional<std::string> password;
    std::optional<std::string> email;  // empty clears it
};

struct NewToken {
    identity::ApiToken token;
    std::string secret;  // shown once, never stored
};

class AuthService {
public:
    // With `audit`, every change to tenants, users and tokens is recorded in the audit log.
    AuthService(ports::IdentityStore& store, ports::Crypto& crypto, const ports::Clock& clock,
                ports::AuditLog* audit = nullptr);

    // The actor of changes made with the command line on the server itself.
    static const workflow::Actor& CommandLine();

    Result<identity::Tenant> AddTenant(const std::string& name, const workflow::Actor& by = CommandLine());
    Result<identity::Tenant> FindTenant(const std::string& name);
    Result<std::vector<identity::Tenant>> Tenants();

    // Passwords need at least 10 characters; `email` (optional) is one plain address.
    Result<identity::User> AddUser(TenantId tenant, const std::string& username, const std::string& password,
                                   workflow::Role role, const std::string& team,
                                   const workflow::Actor& by = CommandLine(), const std::string& email = {});

    // The users of the actor's tenant (no password hashes), for staff roles.
    Result<std::vector<identity::User>> Users(const workflow::Actor& by);
    // Admins only; an admin cannot change their own role or disable themselves (no tenant loses its last way in by
    // accident). Disabling ends the user's sessions at their next request. Recorded in the audit log.
    Result<identity::User> ChangeUser(const workflow::Actor& by, const std::string& username, const UserChange& change);

    // A token for `tenant` acting as `role`; `name` is recorded as the actor. No expiry when ttl is empty.
    Result<NewToken> CreateToken(TenantId tenant, workflow::Role role, const std::string& name,
                                 std::optional<std::chrono::hours> ttl, const workflow::Actor& by = CommandLine());
    Result<void> RevokeToken(TenantId tenant, identity::TokenId id, const workflow::Actor& by = CommandLine());

    // "Bearer <secret>" → the actor. kUnauthenticated for anything missing, unknown, revoked or expired — the
    // message does not say which, so a guesser learns nothing.
    Result<workflow::Actor> AuthenticateBearer(const std::string& authorization_header);

    // Username and password → the actor (for sign-in). kUnauthenticated on any mismatch.
    Result<workflow::Actor> AuthenticatePassword(TenantId tenant, const std::string& username,
                                                 const std::string& password);

    // Tenant name, username and password → a new session of `lifetime`. kUnauthenticated on any mismatch (the
    // message never says which part was wrong).
    Result<SignedIn> SignIn(const std::string& tenant_name, const std::string& username, const std::string& password,
                            std::chrono::minutes lifetime);
    // The cookie secret → the actor and the session's CSRF token. kUnauthenticated when unknown, expired or the user
    // has been disabled since.
    Result<SessionActor> AuthenticateSession(const std::string& secret);
    Result<void> SignOut(const std::string& secret);
    // The CSRF token bound to a session secret (a keyed digest of it, so nothing more is stored).
    std::string CsrfTokenFor(const std::string& secret);

private:
    Result<void> Audit(const workflow::Actor& by, TenantId tenant, std::string action, std::string type,
                       std::int64_t id, std::string detail);

    ports::IdentityStore& store_;
    ports::Crypto& crypto_;
    const ports::Clock& clock_;
    ports::AuditLog* audit_;
};

}  // namespace heed::core::services
