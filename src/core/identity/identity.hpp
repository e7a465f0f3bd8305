#pragma once
// Who may use Heed: tenants, their users and API tokens. Secrets never appear here in clear: passwords are kept as
// argon2id hashes and tokens as keyed digests (see ports/crypto.hpp).

#include <optional>
#include <string>

#include "core/common/ids.hpp"
#include "core/common/time.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::identity {

using UserId = StrongId<struct UserTag>;
using TokenId = StrongId<struct TokenTag>;

struct Tenant {
    TenantId id;
    std::string name;
    Instant created_at{};
};

struct User {
    UserId id;
    TenantId tenant;
    std::string username;
    workflow::Role role = workflow::Role::kAgent;
    std::string team;
    std::string password_hash;  // argon2id, in libsodium's string format
    bool disabled = false;
    Instant created_at{};
    std::string email;  // where escalations to this user are announced; may be empty
};

struct ApiToken {
    TokenId id;
    TenantId tenant;
    std::string name;  // who or what uses it, shown in the timeline as the actor
    workflow::Role role = workflow::Role::kAgent;
    std::string digest;  // of the secret; the secret itself is shown once and never stored
    Instant created_at{};
    std::optional<Instant> expires_at;
    std::optional<Instant> revoked_at;
};

// A signed-in browser session. The cookie carries a random secret; only its digest is stored, so a copy of the
// database cannot be used to take over sessions.
struct Session {
    std::string digest;
    TenantId tenant;
    UserId user;
    Instant created_at{};
    Instant expires_at{};
};

// Usernames, tenant and token names: 1–64 characters of [A-Za-z0-9._@-].
bool IsValidName(const std::string& name);

}  // namespace heed::core::identity
