#pragma once
// Tenants, users and API tokens in the same SQLite database as the complaints. Identity writes are rare, so this
// store has its own connection (behind a mutex) instead of the complaint writer's queue. Token lookups, which every
// API request makes, are cached for a few seconds; a revocation through this store takes effect at once, one made
// by another process (the CLI) within kTokenCacheSeconds.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/ports/identity_store.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

class SqliteIdentityStore final : public core::ports::IdentityStore {
public:
    static constexpr int kTokenCacheSeconds = 10;

    // Opens the database at `path`, which must already be migrated (open the complaint store first).
    static core::Result<std::unique_ptr<SqliteIdentityStore>> Open(const std::string& path);

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
    explicit SqliteIdentityStore(std::unique_ptr<Connection> db) : db_(std::move(db)) {}

    std::mutex mutex_;
    std::unique_ptr<Connection> db_;  // GUARDED_BY(mutex_)
    struct Cached {
        core::identity::ApiToken token;
        std::chrono::steady_clock::time_point fetched;
    };
    std::unordered_map<std::string, Cached> token_cache_;  // GUARDED_BY(mutex_)
    struct CachedSession {
        std::pair<core::identity::Session, core::identity::User> found;
        std::chrono::steady_clock::time_point fetched;
    };
    // Sessions are looked up on every request of the web app; a change to a user or a sign-out through this store
    // clears them at once, one made by another process (the CLI) shows within kTokenCacheSeconds.
    std::unordered_map<std::string, CachedSession> session_cache_;  // GUARDED_BY(mutex_)
};

}  // namespace heed::storage::sqlite
