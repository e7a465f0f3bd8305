#include "storage/memory/memory_identity_store.hpp"

#include <algorithm>

namespace heed::storage::memory {

using core::ErrorCode;
using core::Fail;
using core::Result;
namespace identity = core::identity;

MemoryIdentityStore::MemoryIdentityStore() { tenants_.push_back({core::kDefaultTenant, "default", {}}); }

Result<identity::Tenant> MemoryIdentityStore::AddTenant(const std::string& name, core::Instant now) {
    std::lock_guard lock(mutex_);
    for (const auto& t : tenants_) {
        if (t.name == name) return Fail(ErrorCode::kConflict, "tenant " + name + " exists", "name");
    }
    tenants_.push_back({core::TenantId{static_cast<std::int64_t>(tenants_.size()) + 1}, name, now});
    return tenants_.back();
}

Result<identity::Tenant> MemoryIdentityStore::FindTenant(const std::string& name) {
    std::lock_guard lock(mutex_);
    for (const auto& t : tenants_) {
        if (t.name == name) return t;
    }
    return Fail(ErrorCode::kNotFound, "no tenant " + name, "tenant");
}

Result<std::vector<identity::Tenant>> MemoryIdentityStore::Tenants() {
    std::lock_guard lock(mutex_);
    return tenants_;
}

Result<identity::User> MemoryIdentityStore::AddUser(identity::User user) {
    std::lock_guard lock(mutex_);
    for (const auto& u : users_) {
        if (u.tenant == user.tenant && u.username == user.username) {
            return Fail(ErrorCode::kConflict, "user " + user.username + " exists", "username");
        }
    }
    user.id = identity::UserId{static_cast<std::int64_t>(users_.size()) + 1};
    users_.push_back(user);
    return user;
}

Result<identity::User> MemoryIdentityStore::FindUser(core::TenantId tenant, const std::string& username) {
    std::lock_guard lock(mutex_);
    for (const auto& u : users_) {
        if (u.tenant == tenant && u.username == username) return u;
    }
    return Fail(ErrorCode::kNotFound, "no such user", "username");
}

Result<identity::ApiToken> MemoryIdentityStore::AddToken(identity::ApiToken token) {
    std::lock_guard lock(mutex_);
    token.id = identity::TokenId{static_cast<std::int64_t>(tokens_.size()) + 1};
    tokens_.push_back(token);
    return token;
}

Result<identity::ApiToken> MemoryIdentityStore::FindToken(const std::string& digest) {
    std::lock_guard lock(mutex_);
    for (const auto& t : tokens_) {
        if (t.digest == digest) return t;
    }
    return Fail(ErrorCode::kNotFound, "no such token");
}

Result<void> MemoryIdentityStore::RevokeToken(core::TenantId tenant, identity::TokenId id, core::Instant now) {
    std::lock_guard lock(mutex_);
    for (auto& t : tokens_) {
        if (t.tenant == tenant && t.id == id) {
            t.revoked_at = now;
            return {};
        }
    }
    return Fail(ErrorCode::kNotFound, "no such token", "id");
}

Result<void> MemoryIdentityStore::AddSession(identity::Session session, core::Instant now) {
    std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [now](const identity::Session& s) { return s.expires_at <= now; });
    sessions_.push_back(std::move(session));
    return {};
}

Result<std::pair<identity::Session, identity::User>> MemoryIdentityStore::FindSession(const std::string& digest) {
    std::lock_guard lock(mutex_);
    for (const auto& s : sessions_) {
        if (s.digest != digest) continue;
        for (const auto& u : users_) {
            if (u.id == s.user) return std::pair{s, u};
        }
    }
    return Fail(ErrorCode::kNotFound, "no such session");
}

Result<void> MemoryIdentityStore::DeleteSession(const std::string& digest) {
    std::lock_guard lock(mutex_);
    if (std::erase_if(sessions_, [&](const identity::Session& s) { return s.digest == digest; }) == 0) {
        return Fail(ErrorCode::kNotFound, "no such session");
    }
    return {};
}

Result<std::string> MemoryIdentityStore::Setting(core::TenantId tenant, const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = settings_.find({tenant.value, key});
    return it == settings_.end() ? std::string() : it->second;
}

Result<void> MemoryIdentityStore::SetSetting(core::TenantId tenant, const std::string& key, const std::string& value) {
    std::lock_guard lock(mutex_);
    settings_[{tenant.value, key}] = value;
    return {};
}

Result<std::vector<identity::User>> MemoryIdentityStore::Users(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    std::vector<identity::User> users;
    for (const auto& u : users_) {
        if (u.tenant == tenant) users.push_back(u);
    }
    std::sort(users.begin(), users.end(), [](const auto& a, const auto& b) { return a.username < b.username; });
    return users;
}

Result<void> MemoryIdentityStore::UpdateUser(const identity::User& user) {
    std::lock_guard lock(mutex_);
    for (auto& u : users_) {
        if (u.id == user.id && u.tenant == user.tenant) {
            u.role = user.role;
            u.team = user.team;
            u.password_hash = user.password_hash;
            u.disabled = user.disabled;
            u.email = user.email;
            return {};
        }
    }
    return Fail(ErrorCode::kNotFound, "no such user", "username");
}

}  // namespace heed::storage::memory
