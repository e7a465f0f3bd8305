#include "storage/sqlite/identity_store.hpp"

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;
namespace identity = core::identity;

namespace {

std::optional<core::Instant> OptionalInstant(const Statement& s, int column) {
    if (s.IsNull(column)) return std::nullopt;
    return core::FromMillis(s.Int(column));
}

void BindOptional(Statement& s, int index, const std::optional<core::Instant>& value) {
    if (value) {
        s.Bind(index, core::ToMillis(*value));
    } else {
        s.BindNull(index);
    }
}

identity::ApiToken ReadToken(const Statement& s) {
    identity::ApiToken t;
    t.id = identity::TokenId{s.Int(0)};
    t.tenant = core::TenantId{s.Int(1)};
    t.name = s.Text(2);
    t.role = core::ValueOf(core::workflow::kRoleNames, s.Text(3)).value_or(core::workflow::Role::kCustomer);
    t.digest = s.Text(4);
    t.created_at = core::FromMillis(s.Int(5));
    t.expires_at = OptionalInstant(s, 6);
    t.revoked_at = OptionalInstant(s, 7);
    return t;
}

}  // namespace

Result<std::unique_ptr<SqliteIdentityStore>> SqliteIdentityStore::Open(const std::string& path) {
    auto db = Connection::Open(path, false);
    if (!db) return tl::unexpected(db.error());
    return std::unique_ptr<SqliteIdentityStore>(new SqliteIdentityStore(std::move(*db)));
}

Result<identity::Tenant> SqliteIdentityStore::AddTenant(const std::string& name, core::Instant now) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare("INSERT INTO tenants (name, created_at) VALUES (?1, ?2) RETURNING id");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, name).Bind(2, core::ToMillis(now));
    auto row = (*s)->Step();
    if (!row) {
        if (row.error().code == ErrorCode::kConflict) return Fail(ErrorCode::kConflict, "tenant " + name + " exists", "name");
        return tl::unexpected(row.error());
    }
    identity::Tenant tenant{core::TenantId{(*s)->Int(0)}, name, now};
    (*s)->Reset();
    return tenant;
}

Result<identity::Tenant> SqliteIdentityStore::FindTenant(const std::string& name) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare("SELECT id, created_at FROM tenants WHERE name = ?1");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, name);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kNotFound, "no tenant named " + name, "tenant");
    identity::Tenant tenant{core::TenantId{(*s)->Int(0)}, name, core::FromMillis((*s)->Int(1))};
    (*s)->Reset();
    return tenant;
}

Result<std::vector<identity::Tenant>> SqliteIdentityStore::Tenants() {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare("SELECT id, name, created_at FROM tenants ORDER BY id");
    if (!s) return tl::unexpected(s.error());
    return (*s)->Collect([](Statement& r) -> identity::Tenant {
        return {core::TenantId{r.Int(0)}, r.Text(1), core::FromMillis(r.Int(2))};
    });
}

Result<identity::User> SqliteIdentityStore::AddUser(identity::User user) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO users (tenant_id, username, role, team, password_hash, disabled, created_at, email) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, user.tenant.value).Bind(2, user.username).Bind(3, core::workflow::ToString(user.role));
    (*s)->Bind(4, user.team).Bind(5, user.password_hash).Bind(6, std::int64_t{user.disabled});
    (*s)->Bind(7, core::ToMillis(user.created_at)).Bind(8, user.email);
    auto row = (*s)->Step();
    if (!row) {
        if (row.error().code == ErrorCode::kConflict) {
            return Fail(ErrorCode::kConflict, "user " + user.username + " exists in this tenant", "username");
        }
        return tl::unexpected(row.error());
    }
    user.id = identity::UserId{(*s)->Int(0)};
    (*s)->Reset();
    return user;
}

Result<identity::User> SqliteIdentityStore::FindUser(core::TenantId tenant, const std::string& username) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "SELECT id, role, team, password_hash, disabled, created_at, email FROM users "
        "WHERE tenant_id = ?1 AND username = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, username);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kNotFound, "no such user", "username");
    identity::User user{identity::UserId{(*s)->Int(0)},
                        tenant,
                        username,
                        core::ValueOf(core::workflow::kRoleNames, (*s)->Text(1)).value_or(core::workflow::Role::kCustomer),
                        (*s)->Text(2),
                        (*s)->Text(3),
                        (*s)->Int(4) != 0,
                        core::FromMillis((*s)->Int(5)),
                        (*s)->Text(6)};
    (*s)->Reset();
    return user;
}

Result<identity::ApiToken> SqliteIdentityStore::AddToken(identity::ApiToken token) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO api_tokens (tenant_id, name, role, digest, created_at, expires_at, revoked_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL) RETURNING id");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, token.tenant.value).Bind(2, token.name).Bind(3, core::workflow::ToString(token.role));
    (*s)->Bind(4, token.digest).Bind(5, core::ToMillis(token.created_at));
    BindOptional(**s, 6, token.expires_at);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    token.id = identity::TokenId{(*s)->Int(0)};
    (*s)->Reset();
    return token;
}

Result<identity::ApiToken> SqliteIdentityStore::FindToken(const std::string& digest) {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (auto it = token_cache_.find(digest); it != token_cache_.end()) {
        if (now - it->second.fetched < std::chrono::seconds(kTokenCacheSeconds)) return it->second.token;
        token_cache_.erase(it);
    }
    auto s = db_->Prepare(
        "SELECT id, tenant_id, name, role, digest, created_at, expires_at, revoked_at FROM api_tokens "
        "WHERE digest = ?1");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, digest);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kNotFound, "no such token");
    auto token = ReadToken(**s);
    (*s)->Reset();
    if (token_cache_.size() > 10000) token_cache_.clear();  // bounded: a flood of bad tokens is never cached anyway
    token_cache_[digest] = {token, now};
    return token;
}

Result<void> SqliteIdentityStore::RevokeToken(core::TenantId tenant, identity::TokenId id, core::Instant now) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "UPDATE api_tokens SET revoked_at = ?1 WHERE tenant_id = ?2 AND id = ?3 AND revoked_at IS NULL "
        "RETURNING digest");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, core::ToMillis(now)).Bind(2, tenant.value).Bind(3, id.value);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kNotFound, "no active token with this id in this tenant", "id");
    token_cache_.erase((*s)->Text(0));
    (*s)->Reset();
    return {};
}

Result<void> SqliteIdentityStore::AddSession(identity::Session session, core::Instant now) {
    std::lock_guard lock(mutex_);
    auto purge = db_->Prepare("DELETE FROM sessions WHERE expires_at <= ?1");
    if (!purge) return tl::unexpected(purge.error());
    (*purge)->Bind(1, core::ToMillis(now));
    if (auto ok = (*purge)->Run(); !ok) return tl::unexpected(ok.error());
    auto s = db_->Prepare(
        "INSERT INTO sessions (digest, tenant_id, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, session.digest).Bind(2, session.tenant.value).Bind(3, session.user.value);
    (*s)->Bind(4, core::ToMillis(session.created_at)).Bind(5, core::ToMillis(session.expires_at));
    return (*s)->Run();
}

Result<std::pair<identity::Session, identity::User>> SqliteIdentityStore::FindSession(const std::string& digest) {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (auto it = session_cache_.find(digest); it != session_cache_.end()) {
        if (now - it->second.fetched < std::chrono::seconds(kTokenCacheSeconds)) return it->second.found;
        session_cache_.erase(it);
    }
    auto s = db_->Prepare(
        "SELECT s.tenant_id, s.user_id, s.created_at, s.expires_at, u.username, u.role, u.team, u.disabled, "
        "u.created_at FROM sessions s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id "
        "WHERE s.digest = ?1");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, digest);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kNotFound, "no such session");
    Statement& r = **s;
    identity::Session session{digest, core::TenantId{r.Int(0)}, identity::UserId{r.Int(1)},
                              core::FromMillis(r.Int(2)), core::FromMillis(r.Int(3))};
    identity::User user{session.user,
                        session.tenant,
                        r.Text(4),
                        core::ValueOf(core::workflow::kRoleNames, r.Text(5)).value_or(core::workflow::Role::kCustomer),
                        r.Text(6),
                        {},
                        r.Int(7) != 0,
                        core::FromMillis(r.Int(8))};
    r.Reset();
    if (session_cache_.size() > 10000) session_cache_.clear();  // bounded; unknown cookies are never cached
    session_cache_[digest] = {{session, user}, now};
    return std::pair{std::move(session), std::move(user)};
}

Result<void> SqliteIdentityStore::DeleteSession(const std::string& digest) {
    std::lock_guard lock(mutex_);
    session_cache_.erase(digest);
    auto s = db_->Prepare("DELETE FROM sessions WHERE digest = ?1 RETURNING 1");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, digest);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    bool found = *row;
    (*s)->Reset();
    if (!found) return Fail(ErrorCode::kNotFound, "no such session");
    return {};
}

Result<std::string> SqliteIdentityStore::Setting(core::TenantId tenant, const std::string& key) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare("SELECT value FROM tenant_settings WHERE tenant_id = ?1 AND key = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, key);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    std::string value = *row ? (*s)->Text(0) : std::string();
    (*s)->Reset();
    return value;
}

Result<void> SqliteIdentityStore::SetSetting(core::TenantId tenant, const std::string& key, const std::string& value) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO tenant_settings (tenant_id, key, value) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, key).Bind(3, value);
    return (*s)->Run();
}

Result<std::vector<identity::User>> SqliteIdentityStore::Users(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "SELECT id, username, role, team, disabled, created_at, email FROM users WHERE tenant_id = ?1 "
        "ORDER BY username");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value);
    return (*s)->Collect([&](Statement& r) -> identity::User {
        return {identity::UserId{r.Int(0)}, tenant, r.Text(1),
                core::ValueOf(core::workflow::kRoleNames, r.Text(2)).value_or(core::workflow::Role::kCustomer),
                r.Text(3), {}, r.Int(4) != 0, core::FromMillis(r.Int(5)), r.Text(6)};
    });
}

Result<void> SqliteIdentityStore::UpdateUser(const identity::User& user) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "UPDATE users SET role = ?1, team = ?2, password_hash = ?3, disabled = ?4, email = ?7 "
        "WHERE id = ?5 AND tenant_id = ?6 RETURNING id");
    if (!s) return tl::unexpected(s.error());
    const std::string role(core::workflow::ToString(user.role));
    (*s)->Bind(1, role).Bind(2, user.team).Bind(3, user.password_hash).Bind(4, std::int64_t{user.disabled});
    (*s)->Bind(5, user.id.value).Bind(6, user.tenant.value).Bind(7, user.email);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    bool found = *row;
    (*s)->Reset();
    if (!found) return Fail(ErrorCode::kNotFound, "no such user", "username");
    session_cache_.clear();  // sessions carry the user's role, team and disabled flag
    return {};
}

}  // namespace heed::storage::sqlite
