#pragma once
// Storage of tenants, users and API tokens. Implementations: storage/memory (twin) and storage/sqlite.
// Thread-safety: safe to call from many threads.

#include <string>
#include <utility>
#include <vector>

#include "core/common/result.hpp"
#include "core/identity/identity.hpp"

namespace heed::core::ports {

class IdentityStore {
public:
    virtual ~IdentityStore() = default;

    // kConflict when the name is taken.
    virtual Result<identity::Tenant> AddTenant(const std::string& name, Instant now) = 0;
    virtual Result<identity::Tenant> FindTenant(const std::string& name) = 0;
    virtual Result<std::vector<identity::Tenant>> Tenants() = 0;

    // kConflict when the username is taken in the tenant.
    virtual Result<identity::User> AddUser(identity::User user) = 0;
    virtual Result<identity::User> FindUser(TenantId tenant, const std::string& username) = 0;
    // The tenant's users, by username.
    virtual Result<std::vector<identity::User>> Users(TenantId tenant) = 0;
    // Replaces role, team, password hash and disabled of the user with this id in the tenant; kNotFound otherwise.
    virtual Result<void> UpdateUser(const identity::User& user) = 0;

    virtual Result<identity::ApiToken> AddToken(identity::ApiToken token) = 0;
    // Any tenant's token with this digest (the digest identifies the tenant); kNotFound when none.
    virtual Result<identity::ApiToken> FindToken(const std::string& digest) = 0;
    virtual Result<void> RevokeToken(TenantId tenant, identity::TokenId id, Instant now) = 0;

    // Stores a new session and drops every expired one.
    virtual Result<void> AddSession(identity::Session session, Instant now) = 0;
    // The session with this digest and its user as the user is now (role, team, disabled); kNotFound when none.
    virtual Result<std::pair<identity::Session, identity::User>> FindSession(const std::string& digest) = 0;
    // kNotFound when there is no such session.
    virtual Result<void> DeleteSession(const std::string& digest) = 0;

    // A tenant's settings, as text by key (e.g. retention.years); an absent key reads as empty.
    virtual Result<std::string> Setting(TenantId tenant, const std::string& key) = 0;
    virtual Result<void> SetSetting(TenantId tenant, const std::string& key, const std::string& value) = 0;
};

}  // namespace heed::core::ports
