#pragma once
// The in-memory twin of the identity store (tests). Thread-safe behind one mutex.

#include <map>
#include <mutex>
#include <vector>

#include "core/ports/identity_store.hpp"

namespace heed::storage::memory {

class MemoryIdentityStore final : public core::ports::IdentityStore {
public:
    MemoryIdentityStore();  // starts with the tenant "default" (id 1), like a new database

    core::Result<core::identity::Tenant> AddTenant(const std::string& name, core::Instant now) override;
    core::Result<core::identity::Tenant> FindTenant(const std::string& name) override;
    core::Result<std::vector<core::identity::Tenant>> Tenants() override;
    core::Result<core::identity::User> AddUser(core::identity::User user) override;
    core::Result<core::identity::User> FindUser(core::TenantId tenant, const std::string& username) override;
    core::Result<std::vector<core::identity::User>> Users(core::TenantId tenant) override;
    core::Result<void> UpdateUser(const core::identity::User& user) override;
    core::Result<core::identity::ApiToken> AddToken(core::identity::ApiToken token) override;
    core::Result<core::identity::ApiToken> FindToken(const std::string& digest) override;
    core::Result<void> RevokeToken(core::TenantId tenant, core::identity::TokenId id, core::Instant now) override;
    core::Result<void> AddSession(core::identity::Session session, core::Instant now) override;
    core::Result<std::pair<core::identity::Session, core::identity::User>> FindSession(
        const std::string& digest) override;
    core::Result<void> DeleteSession(const std::string& digest) override;
    core::Result<std::string> Setting(core::TenantId tenant, const std::string& key) override;
    core::Result<void> SetSetting(core::TenantId tenant, const std::string& key, const std::string& value) override;

private:
    std::mutex mutex_;
    std::vector<core::identity::Tenant> tenants_;    // GUARDED_BY(mutex_)
    std::vector<core::identity::User> users_;        // GUARDED_BY(mutex_)
    std::vector<core::identity::ApiToken> tokens_;   // GUARDED_BY(mutex_)
    std::vector<core::identity::Session> sessions_;  // GUARDED_BY(mutex_)
    std::map<std::pair<std::int64_t, std::string>, std::string> settings_;  // GUARDED_BY(mutex_)
};

}  // namespace heed::storage::memory
