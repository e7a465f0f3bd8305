#include "core/services/auth_service.hpp"

#include "core/notify/notification.hpp"

namespace heed::core::identity {

bool IsValidName(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                  c == '_' || c == '@' || c == '-';
        if (!ok) return false;
    }
    return true;
}

}  // namespace heed::core::identity

namespace heed::core::services {

namespace {

constexpr std::size_t kMinPasswordLength = 10;
constexpr std::string_view kBearer = "Bearer ";

tl::unexpected<Error> Unauthenticated() {
    return Fail(ErrorCode::kUnauthenticated, "missing, invalid or expired credentials");
}

}  // namespace

AuthService::AuthService(ports::IdentityStore& store, ports::Crypto& crypto, const ports::Clock& clock,
                         ports::AuditLog* audit)
    : store_(store), crypto_(crypto), clock_(clock), audit_(audit) {}

const workflow::Actor& AuthService::CommandLine() {
    static const workflow::Actor kCommandLine{TenantId{0}, "command-line", workflow::Role::kSystem, {}};
    return kCommandLine;
}

Result<void> AuthService::Audit(const workflow::Actor& by, TenantId tenant, std::string action, std::string type,
                                std::int64_t id, std::string detail) {
    if (!audit_) return {};
    workflow::Actor actor = by;
    actor.tenant = tenant;
    return audit_->Record({std::move(actor), std::move(action), std::move(type), id, std::move(detail)});
}

Result<identity::Tenant> AuthService::AddTenant(const std::string& name, const workflow::Actor& by) {
    if (!identity::IsValidName(name)) {
        return Fail(ErrorCode::kInvalidArgument, "tenant names are 1–64 characters of A-Z a-z 0-9 . _ @ -", "name");
    }
    auto tenant = store_.AddTenant(name, clock_.Now());
    if (!tenant) return tenant;
    if (auto ok = Audit(by, tenant->id, "tenant.created", "tenant", tenant->id.value, "name=" + name); !ok) {
        return tl::unexpected(ok.error());
    }
    return tenant;
}

Result<identity::Tenant> AuthService::FindTenant(const std::string& name) { return store_.FindTenant(name); }

Result<std::vector<identity::Tenant>> AuthService::Tenants() { return store_.Tenants(); }

Result<identity::User> AuthService::AddUser(TenantId tenant, const std::string& username, const std::string& password,
                                            workflow::Role role, const std::string& team, const workflow::Actor& by,
                                            const std::string& email) {
    if (!identity::IsValidName(username)) {
        return Fail(ErrorCode::kInvalidArgument, "usernames are 1–64 characters of A-Z a-z 0-9 . _ @ -", "username");
    }
    if (password.size() < kMinPasswordLength) {
        return Fail(ErrorCode::kInvalidArgument, "passwords need at least 10 characters", "password");
    }
    if (role == workflow::Role::kSystem) return Fail(ErrorCode::kInvalidArgument, "system is not a user role", "role");
    if (!email.empty() && !notify::IsPlainEmailAddress(email)) {
        return Fail(ErrorCode::kInvalidArgument, "email must be one plain address such as name@example.com", "email");
    }
    if (by.role != workflow::Role::kAdmin && by.role != workflow::Role::kSystem) {
        return Fail(ErrorCode::kPermissionDenied, "only admins add users");
    }
    auto hash = crypto_.HashPassword(password);
    if (!hash) return tl::unexpected(hash.error());
    identity::User user{{}, tenant, username, role, team, std::move(*hash), false, clock_.Now(), email};
    auto added = store_.AddUser(std::move(user));
    if (!added) return added;
    if (auto ok = Audit(by, tenant, "user.created", "user", added->id.value,
                        "username=" + username + " role=" + std::string(workflow::ToString(role)) + " team=" + team +
                            (email.empty() ? "" : " email=" + email));
        !ok) {
        return tl::unexpected(ok.error());
    }
    return added;
}

Result<std::vector<identity::User>> AuthService::Users(const workflow::Actor& by) {
    if (by.role == workflow::Role::kCustomer) return Fail(ErrorCode::kPermissionDenied, "customers do not list users");
    auto users = store_.Users(by.tenant);
    if (!users) return users;
    for (auto& u : *users) u.password_hash.clear();
    return users;
}

Result<identity::User> AuthService::ChangeUser(const workflow::Actor& by, const std::string& username,
                                               const UserChange& change) {
    if (by.role != workflow::Role::kAdmin && by.role != workflow::Role::kSystem) {
        return Fail(ErrorCode::kPermissionDenied, "only admins change users");
    }
    auto user = store_.FindUser(by.tenant, username);
    if (!user) return user;
    if (username == by.name && by.role == workflow::Role::kAdmin &&
        ((change.role && *change.role != user->role) || change.disabled.value_or(false))) {
        return Fail(ErrorCode::kInvalidArgument, "admins cannot change their own role or disable themselves", "username");
    }
    std::string detail = "username=" + username;
    if (change.role) {
        if (*change.role == workflow::Role::kSystem) return Fail(ErrorCode::kInvalidArgument, "system is not a user role", "role");
        user->role = *change.role;
        detail += " role=" + std::string(workflow::ToString(*change.role));
    }
    if (change.team) {
        user->team = *change.team;
        detail += " team=" + *change.team;
    }
    if (change.disabled) {
        user->disabled = *change.disabled;
        detail += std::string(" disabled=") + (*change.disabled ? "yes" : "no");
    }
    if (change.email) {
        if (!change.email->empty() && !notify::IsPlainEmailAddress(*change.email)) {
            return Fail(ErrorCode::kInvalidArgument, "email must be one plain address such as name@example.com",
                        "email");
        }
        user->email = *change.email;
        detail += " email=" + (change.email->empty() ? std::string("(none)") : *change.email);
    }
    if (change.password) {
        if (change.password->size() < kMinPasswordLength) {
            return Fail(ErrorCode::kInvalidArgument, "passwords need at least 10 characters", "password");
        }
        auto hash = crypto_.HashPassword(*change.password);
        if (!hash) return tl::unexpected(hash.error());
        user->password_hash = std::move(*hash);
        detail += " password=changed";
    }
    // Recorded first: a change that cannot be audited is not made.
    if (auto ok = Audit(by, by.tenant, "user.changed", "user", user->id.value, detail); !ok) return tl::unexpected(ok.error());
    if (auto ok = store_.UpdateUser(*user); !ok) return tl::unexpected(ok.error());
    user->password_hash.clear();
    return user;
}

Result<NewToken> AuthService::CreateToken(TenantId tenant, workflow::Role role, const std::string& name,
                                          std::optional<std::chrono::hours> ttl, const workflow::Actor& by) {
    if (!identity::IsValidName(name)) {
        return Fail(ErrorCode::kInvalidArgument, "token names are 1–64 characters of A-Z a-z 0-9 . _ @ -", "name");
    }
    if (role == workflow::Role::kSystem) return Fail(ErrorCode::kInvalidArgument, "system is not a token role", "role");
    Instant now = clock_.Now();
    std::string secret = crypto_.NewTokenSecret();
    identity::ApiToken token{{}, tenant, name, role, crypto_.DigestToken(secret), now, {}, {}};
    if (ttl) token.expires_at = now + *ttl;
    auto stored = store_.AddToken(std::move(token));
    if (!stored) return tl::unexpected(stored.error());
    if (auto ok = Audit(by, tenant, "token.created", "token", stored->id.value,
                        "name=" + name + " role=" + std::string(workflow::ToString(role)) + " expires=" +
                            (stored->expires_at ? FormatIso8601(*stored->expires_at) : std::string("never")));
        !ok) {
        return tl::unexpected(ok.error());
    }
    return NewToken{std::move(*stored), std::move(secret)};
}

Result<void> AuthService::RevokeToken(TenantId tenant, identity::TokenId id, const workflow::Actor& by) {
    auto revoked = store_.RevokeToken(tenant, id, clock_.Now());
    if (!revoked) return revoked;
    return Audit(by, tenant, "token.revoked", "token", id.value, "");
}

Result<workflow::Actor> AuthService::AuthenticateBearer(const std::string& header) {
    if (header.size() <= kBearer.size() || header.compare(0, kBearer.size(), kBearer) != 0) return Unauthenticated();
    std::string secret = header.substr(kBearer.size());
    if (secret.size() > 200) return Unauthenticated();
    auto token = store_.FindToken(crypto_.DigestToken(secret));
    if (!token) return token.error().code == ErrorCode::kNotFound ? Unauthenticated() : tl::unexpected(token.error());
    Instant now = clock_.Now();
    if (token->revoked_at || (token->expires_at && *token->expires_at <= now)) return Unauthenticated();
    return workflow::Actor{token->tenant, token->name, token->role};
}

Result<workflow::Actor> AuthService::AuthenticatePassword(TenantId tenant, const std::string& username,
                                                          const std::string& password) {
    auto user = store_.FindUser(tenant, username);
    if (!user) {
        // Spend the same time as a real check, so response times do not reveal which usernames exist.
        (void)crypto_.VerifyPassword(password, "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG");
        return Unauthenticated();
    }
    bool verified = crypto_.VerifyPassword(password, user->password_hash);  // also for disabled users: same time
    if (!verified || user->disabled) return Unauthenticated();
    return workflow::Actor{tenant, user->username, user->role, user->team};
}

Result<SignedIn> AuthService::SignIn(const std::string& tenant_name, const std::string& username,
                                     const std::string& password, std::chrono::minutes lifetime) {
    auto tenant = store_.FindTenant(tenant_name);
    if (!tenant) {
        if (tenant.error().code != ErrorCode::kNotFound) return tl::unexpected(tenant.error());
        (void)AuthenticatePassword(TenantId{0}, username, password);  // same time as a real attempt
        return Unauthenticated();
    }
    auto actor = AuthenticatePassword(tenant->id, username, password);
    if (!actor) return tl::unexpected(actor.error());
    auto user = store_.FindUser(tenant->id, username);
    if (!user) return tl::unexpected(user.error());
    Instant now = clock_.Now();
    std::string secret = crypto_.NewTokenSecret();
    identity::Session session{crypto_.DigestToken(secret), tenant->id, user->id, now, now + lifetime};
    if (auto ok = store_.AddSession(session, now); !ok) return tl::unexpected(ok.error());
    user->password_hash.clear();
    std::string csrf = CsrfTokenFor(secret);
    return SignedIn{std::move(secret), std::move(csrf), std::move(*user), tenant->name, session.expires_at};
}

Result<SessionActor> AuthService::AuthenticateSession(const std::string& secret) {
    if (secret.empty() || secret.size() > 200) return Unauthenticated();
    auto found = store_.FindSession(crypto_.DigestToken(secret));
    if (!found) return found.error().code == ErrorCode::kNotFound ? Unauthenticated() : tl::unexpected(found.error());
    const auto& [session, user] = *found;
    if (session.expires_at <= clock_.Now() || user.disabled) return Unauthenticated();
    return SessionActor{workflow::Actor{session.tenant, user.username, user.role, user.team}, CsrfTokenFor(secret),
                        session.expires_at};
}

Result<void> AuthService::SignOut(const std::string& secret) {
    auto deleted = store_.DeleteSession(crypto_.DigestToken(secret));
    if (!deleted && deleted.error().code == ErrorCode::kNotFound) return Unauthenticated();
    return deleted;
}

std::string AuthService::CsrfTokenFor(const std::string& secret) {
    return crypto_.Mac("heed-csrf\x1f" + secret).substr(0, 43);
}

}  // namespace heed::core::services
