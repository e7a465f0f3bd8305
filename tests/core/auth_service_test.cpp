#include <gtest/gtest.h>

#include "core/services/auth_service.hpp"
#include "storage/memory/memory_identity_store.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_crypto.hpp"

namespace heed::core::services {
namespace {

using workflow::Role;

class AuthServiceTest : public ::testing::Test {
protected:
    storage::memory::MemoryIdentityStore store_;
    testing::FakeCrypto crypto_;
    testing::FakeClock clock_{*ParseIso8601("2024-05-10T02:00:00Z")};
    AuthService auth_{store_, crypto_, clock_};
};

TEST_F(AuthServiceTest, ATokenActsForItsTenantWithItsRoleAndName) {
    auto acme = auth_.AddTenant("acme");
    ASSERT_TRUE(acme);
    auto token = auth_.CreateToken(acme->id, Role::kTeamLead, "lead.chen", std::nullopt);
    ASSERT_TRUE(token);
    EXPECT_NE(token->token.digest, token->secret);  // the secret itself is never stored
    auto actor = auth_.AuthenticateBearer("Bearer " + token->secret);
    ASSERT_TRUE(actor);
    EXPECT_EQ(actor->tenant, acme->id);
    EXPECT_EQ(actor->role, Role::kTeamLead);
    EXPECT_EQ(actor->name, "lead.chen");
}

TEST_F(AuthServiceTest, RefusesMissingMalformedUnknownExpiredAndRevokedTokensAlike) {
    auto token = auth_.CreateToken(kDefaultTenant, Role::kAgent, "temp", std::chrono::hours(24));
    ASSERT_TRUE(token);
    for (const std::string& header : std::vector<std::string>{"", "Bearer", "Basic abc", "Bearer nope", "bearer " + token->secret}) {
        auto actor = auth_.AuthenticateBearer(header);
        ASSERT_FALSE(actor) << header;
        EXPECT_EQ(actor.error().code, ErrorCode::kUnauthenticated);
    }
    EXPECT_TRUE(auth_.AuthenticateBearer("Bearer " + token->secret));
    clock_.Advance(std::chrono::hours(24));
    EXPECT_FALSE(auth_.AuthenticateBearer("Bearer " + token->secret));  // expired exactly at expires_at

    auto other = auth_.CreateToken(kDefaultTenant, Role::kAgent, "other", std::nullopt);
    ASSERT_TRUE(auth_.RevokeToken(kDefaultTenant, other->token.id));
    auto revoked = auth_.AuthenticateBearer("Bearer " + other->secret);
    ASSERT_FALSE(revoked);
    EXPECT_EQ(revoked.error().message, "missing, invalid or expired credentials");
}

TEST_F(AuthServiceTest, ATokenCannotBeRevokedFromAnotherTenant) {
    auto acme = auth_.AddTenant("acme");
    auto token = auth_.CreateToken(kDefaultTenant, Role::kAgent, "mine", std::nullopt);
    auto revoked = auth_.RevokeToken(acme->id, token->token.id);
    ASSERT_FALSE(revoked);
    EXPECT_EQ(revoked.error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(auth_.AuthenticateBearer("Bearer " + token->secret));
}

TEST_F(AuthServiceTest, UsersSignInWithTheirPasswordOnly) {
    ASSERT_TRUE(auth_.AddUser(kDefaultTenant, "wang.fang", "correct horse battery", Role::kAgent, "一线客服组"));
    auto actor = auth_.AuthenticatePassword(kDefaultTenant, "wang.fang", "correct horse battery");
    ASSERT_TRUE(actor);
    EXPECT_EQ(actor->role, Role::kAgent);
    EXPECT_FALSE(auth_.AuthenticatePassword(kDefaultTenant, "wang.fang", "wrong password!"));
    EXPECT_FALSE(auth_.AuthenticatePassword(kDefaultTenant, "nobody", "correct horse battery"));
    EXPECT_EQ(auth_.AddUser(kDefaultTenant, "wang.fang", "another password", Role::kAgent, "").error().code,
              ErrorCode::kConflict);
    EXPECT_EQ(auth_.AddUser(kDefaultTenant, "li", "short", Role::kAgent, "").error().field, "password");
    EXPECT_EQ(auth_.AddUser(kDefaultTenant, "bad name", "long enough pw", Role::kAgent, "").error().field, "username");
}

TEST_F(AuthServiceTest, UsersHaveAnEmailAddressOnlyWhenItIsOnePlainAddress) {
    const auto& admin = AuthService::CommandLine();
    EXPECT_EQ(auth_.AddUser(kDefaultTenant, "lead.li", "long enough pw", Role::kTeamLead, "", admin,
                            "lead.li@example.com>, other@example.com")
                  .error()
                  .field,
              "email");
    EXPECT_FALSE(store_.FindUser(kDefaultTenant, "lead.li"));  // nothing half-made
    ASSERT_TRUE(auth_.AddUser(kDefaultTenant, "lead.li", "long enough pw", Role::kTeamLead, "", admin,
                              "lead.li@example.com"));
    EXPECT_EQ(store_.FindUser(kDefaultTenant, "lead.li")->email, "lead.li@example.com");
    const workflow::Actor tenant_admin{kDefaultTenant, "admin", Role::kAdmin, {}};
    UserChange bad;
    bad.email = "lead li@example.com";
    EXPECT_EQ(auth_.ChangeUser(tenant_admin, "lead.li", bad).error().field, "email");
    EXPECT_EQ(store_.FindUser(kDefaultTenant, "lead.li")->email, "lead.li@example.com");
    UserChange cleared;
    cleared.email = "";
    ASSERT_TRUE(auth_.ChangeUser(tenant_admin, "lead.li", cleared));
    EXPECT_EQ(store_.FindUser(kDefaultTenant, "lead.li")->email, "");
}

TEST_F(AuthServiceTest, ASessionActsAsItsUserUntilItExpiresOrTheUserSignsOut) {
    ASSERT_TRUE(auth_.AddUser(kDefaultTenant, "agent.liu", "correct horse", Role::kAgent, "east"));
    auto session = auth_.SignIn("default", "agent.liu", "correct horse", std::chrono::minutes(60));
    ASSERT_TRUE(session);
    EXPECT_TRUE(session->user.password_hash.empty());  // never handed out
    EXPECT_FALSE(session->csrf_token.empty());
    EXPECT_NE(session->csrf_token, session->secret);
    auto actor = auth_.AuthenticateSession(session->secret);
    ASSERT_TRUE(actor);
    EXPECT_EQ(actor->actor.name, "agent.liu");
    EXPECT_EQ(actor->actor.role, Role::kAgent);
    EXPECT_EQ(actor->actor.team, "east");
    EXPECT_EQ(actor->csrf_token, session->csrf_token);

    clock_.Advance(std::chrono::minutes(61));
    EXPECT_EQ(auth_.AuthenticateSession(session->secret).error().code, ErrorCode::kUnauthenticated);

    auto second = auth_.SignIn("default", "agent.liu", "correct horse", std::chrono::minutes(60));
    ASSERT_TRUE(second);
    ASSERT_TRUE(auth_.SignOut(second->secret));
    EXPECT_EQ(auth_.AuthenticateSession(second->secret).error().code, ErrorCode::kUnauthenticated);
    EXPECT_FALSE(auth_.SignOut(second->secret));
}

TEST_F(AuthServiceTest, SignInRefusesWrongPasswordUnknownUserAndUnknownTenantAlike) {
    ASSERT_TRUE(auth_.AddUser(kDefaultTenant, "agent.liu", "correct horse", Role::kAgent, ""));
    for (auto [tenant, user, password] : {std::tuple{"default", "agent.liu", "wrong horse"},
                                          std::tuple{"default", "nobody", "correct horse"},
                                          std::tuple{"elsewhere", "agent.liu", "correct horse"}}) {
        auto session = auth_.SignIn(tenant, user, password, std::chrono::minutes(60));
        ASSERT_FALSE(session) << tenant << " " << user;
        EXPECT_EQ(session.error().code, ErrorCode::kUnauthenticated);
        EXPECT_EQ(session.error().message, "missing, invalid or expired credentials");
    }
    EXPECT_FALSE(auth_.AuthenticateSession(""));
    EXPECT_FALSE(auth_.AuthenticateSession("heed_made_up"));
}

TEST_F(AuthServiceTest, SessionsOfOneTenantAreScopedToIt) {
    auto acme = auth_.AddTenant("acme");
    ASSERT_TRUE(acme);
    ASSERT_TRUE(auth_.AddUser(acme->id, "sam", "correct horse", Role::kManager, ""));
    EXPECT_FALSE(auth_.SignIn("default", "sam", "correct horse", std::chrono::minutes(5)));
    auto session = auth_.SignIn("acme", "sam", "correct horse", std::chrono::minutes(5));
    ASSERT_TRUE(session);
    EXPECT_EQ(auth_.AuthenticateSession(session->secret)->actor.tenant, acme->id);
}

}  // namespace
}  // namespace heed::core::services
