#pragma once
// Tenants, users and API tokens, and turning a presented credential into an Actor. Every request of the API is
// authenticated here; the Actor it returns carries the tenant that scopes everything the request may touch.
// Thread-safety: safe to call from many threads.

#include <optional>
#include <string>

#include "core/common/result.hpp"
#include "core/identity/identity.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/crypto.hpp"
#include "core/ports/identity_store.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::services {

struct NewToken {
    identity::ApiToken token;
    std::string secret;  // shown once, never stored
};

class AuthService {
public:
    AuthService(ports::IdentityStore& store, ports::Crypto& crypto, const ports::Clock& clock);

    Result<identity::Tenant> AddTenant(const std::string& name);
    Result<identity::Tenant> FindTenant(const std::string& name);

    // Passwords need at least 10 characters.
    Result<identity::User> AddUser(TenantId tenant, const std::string& username, const std::string& password,
                                   workflow::Role role, const std::string& team);

    // A token for `tenant` acting as `role`; `name` is recorded as the actor. No expiry when ttl is empty.
    Result<NewToken> CreateToken(TenantId tenant, workflow::Role role, const std::string& name,
                                 std::optional<std::chrono::hours> ttl);
    Result<void> RevokeToken(TenantId tenant, identity::TokenId id);

    // "Bearer <secret>" → the actor. kUnauthenticated for anything missing, unknown, revoked or expired — the
    // message does not say which, so a guesser learns nothing.
    Result<workflow::Actor> AuthenticateBearer(const std::string& authorization_header);

    // Username and password → the actor (for sign-in). kUnauthenticated on any mismatch.
    Result<workflow::Actor> AuthenticatePassword(TenantId tenant, const std::string& username,
                                                 const std::string& password);

private:
    ports::IdentityStore& store_;
    ports::Crypto& crypto_;
    const ports::Clock& clock_;
};

}  // namespace heed::core::services
