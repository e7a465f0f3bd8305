#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/services/auth_service.hpp"
#include "http/session_api.hpp"
#include "http/static_files.hpp"
#include "storage/memory/memory_identity_store.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_crypto.hpp"

namespace heed::http {
namespace {

using core::workflow::Role;
using nlohmann::json;

class SessionApiTest : public ::testing::Test {
protected:
    SessionApiTest() {
        EXPECT_TRUE(auth_.AddUser(core::kDefaultTenant, "agent.liu", "correct horse", Role::kAgent, "east"));
        AddSessionApi(router_, {.auth = &auth_,
                                .user_throttle = &user_throttle_,
                                .address_throttle = &address_throttle_,
                                .address_limit = &address_limit_,
                                .now = [this] { return clock_.Now(); },
                                .lifetime = std::chrono::minutes(60),
                                .secure_cookie = true,
                                .record = [this](const core::workflow::Actor& actor, const std::string& action,
                                                 const std::string&) { recorded_.push_back(action + " " + actor.name); }});
        router_.Add("POST", "/api/v1/echo", [this](const Request& request) {
            auto actor = AuthenticateRequest(auth_, request);
            if (!actor) return Response{actor.error().code == core::ErrorCode::kPermissionDenied ? 403 : 401, "", "", {}};
            return Response{200, "text/plain", actor->name, {}};
        });
    }

    Response Call(std::string method, std::string path, std::string body = {},
                  std::map<std::string, std::string> headers = {}, std::string address = "192.0.2.7") {
        Request request;
        request.method = std::move(method);
        request.path = std::move(path);
        request.body = std::move(body);
        request.headers = std::move(headers);
        request.remote_address = std::move(address);
        return router_.Handle(std::move(request));
    }

    static std::string Header(const Response& response, const std::string& name) {
        for (const auto& [key, value] : response.headers) {
            if (key == name) return value;
        }
        return {};
    }

    Response SignIn(const std::string& password, std::string address = "192.0.2.7") {
        return Call("POST", "/api/v1/session",
                    json{{"username", "agent.liu"}, {"password", password}}.dump(), {}, std::move(address));
    }

    storage::memory::MemoryIdentityStore store_;
    testing::FakeCrypto crypto_;
    testing::FakeClock clock_{*core::ParseIso8601("2024-05-10T02:00:00Z")};
    core::services::AuthService auth_{store_, crypto_, clock_};
    core::services::LoginThrottle user_throttle_{{3, std::chrono::minutes(15)}};
    core::services::LoginThrottle address_throttle_{{10, std::chrono::minutes(15)}};
    RateLimiter address_limit_{100, 100};
    Router router_;
    std::vector<std::string> recorded_;
};

TEST_F(SessionApiTest, SignInSetsAnHttpOnlyStrictSecureCookieAndReturnsTheCsrfToken) {
    Response response = SignIn("correct horse");
    ASSERT_EQ(response.status, 200) << response.body;
    std::string cookie = Header(response, "Set-Cookie");
    EXPECT_EQ(cookie.rfind("heed_session=secret-", 0), 0u) << cookie;
    for (const char* attribute : {"; HttpOnly", "; SameSite=Strict", "; Secure", "; Path=/", "; Max-Age=3600"}) {
        EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute << " in " << cookie;
    }
    auto body = json::parse(response.body);
    EXPECT_EQ(body["user"]["username"], "agent.liu");
    EXPECT_EQ(body["user"]["role"], "agent");
    EXPECT_EQ(body["user"]["team"], "east");
    EXPECT_EQ(body["user"]["tenant"], "default");
    EXPECT_EQ(recorded_, std::vector<std::string>{"session.created agent.liu"});

    std::string session = cookie.substr(0, cookie.find(';'));
    Response me = Call("GET", "/api/v1/session", {}, {{"cookie", "theme=dark; " + session}});
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(json::parse(me.body)["csrf_token"], body["csrf_token"]);
}

TEST_F(SessionApiTest, UnsafeRequestsWithTheCookieNeedTheCsrfTokenButBearerTokensDoNot) {
    Response response = SignIn("correct horse");
    std::string cookie = Header(response, "Set-Cookie");
    std::string session = cookie.substr(0, cookie.find(';'));
    std::string csrf = json::parse(response.body)["csrf_token"];
    EXPECT_EQ(Call("POST", "/api/v1/echo", "{}", {{"cookie", session}}).status, 403);
    EXPECT_EQ(Call("POST", "/api/v1/echo", "{}", {{"cookie", session}, {"x-csrf-token", csrf + "x"}}).status, 403);
    EXPECT_EQ(Call("POST", "/api/v1/echo", "{}", {{"cookie", session}, {"x-csrf-token", csrf}}).status, 200);
    EXPECT_EQ(Call("POST", "/api/v1/echo", "{}", {{"cookie", "heed_session=heed_forged"}, {"x-csrf-token", csrf}}).status, 401);
    auto token = auth_.CreateToken(core::kDefaultTenant, Role::kAgent, "script", std::nullopt);
    ASSERT_TRUE(token);
    EXPECT_EQ(Call("POST", "/api/v1/echo", "{}", {{"authorization", "Bearer " + token->secret}}).status, 200);
}

TEST_F(SessionApiTest, SignOutEndsTheSessionAndClearsTheCookie) {
    Response response = SignIn("correct horse");
    std::string cookie = Header(response, "Set-Cookie");
    std::string session = cookie.substr(0, cookie.find(';'));
    std::string csrf = json::parse(response.body)["csrf_token"];
    EXPECT_EQ(Call("DELETE", "/api/v1/session", {}, {{"cookie", session}}).status, 403) << "sign-out needs CSRF too";
    Response out = Call("DELETE", "/api/v1/session", {}, {{"cookie", session}, {"x-csrf-token", csrf}});
    EXPECT_EQ(out.status, 204);
    EXPECT_NE(Header(out, "Set-Cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(Call("GET", "/api/v1/session", {}, {{"cookie", session}}).status, 401);
}

TEST_F(SessionApiTest, RepeatedWrongPasswordsLockTheUsernameWith429AndRetryAfter) {
    for (int i = 0; i < 3; ++i) {
        Response wrong = SignIn("wrong horse");
        EXPECT_EQ(wrong.status, 401);
        EXPECT_EQ(json::parse(wrong.body)["error"]["message"], "wrong tenant, username or password");
    }
    Response locked = SignIn("correct horse");  // even the right password waits: the guesser learns nothing
    EXPECT_EQ(locked.status, 429);
    EXPECT_EQ(Header(locked, "Retry-After"), "900");
    EXPECT_EQ(SignIn("correct horse", "198.51.100.9").status, 429) << "locked per username, from any address";
    clock_.Advance(std::chrono::minutes(15));
    EXPECT_EQ(SignIn("correct horse").status, 200);
}

TEST_F(SessionApiTest, RefusesMalformedSignInBodies) {
    EXPECT_EQ(Call("POST", "/api/v1/session", "not json").status, 400);
    EXPECT_EQ(Call("POST", "/api/v1/session", R"({"username":"agent.liu"})").status, 400);
    EXPECT_EQ(Call("POST", "/api/v1/session", R"({"username":"a","password":"b","admin":true})").status, 400);
    EXPECT_EQ(Call("POST", "/api/v1/session", R"({"username":1,"password":"b"})").status, 400);
}

TEST(RateLimiterTest, AllowsABurstThenRefillsAtTheRate) {
    RateLimiter limiter(3, 60);  // one per second after a burst of three
    auto t = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.Take("a", t));
    auto wait = limiter.Take("a", t);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, std::chrono::seconds(2));  // rounded up to whole seconds, never 0
    EXPECT_FALSE(limiter.Take("b", t)) << "per key";
    EXPECT_FALSE(limiter.Take("a", t + std::chrono::milliseconds(1001)));
    EXPECT_TRUE(limiter.Take("a", t + std::chrono::milliseconds(1002)));
}

TEST(CookieValueTest, FindsTheNamedCookieAmongOthers) {
    Request request;
    request.headers["cookie"] = "a=1; heed_session=xyz;b=2";
    EXPECT_EQ(CookieValue(request, "heed_session"), "xyz");
    EXPECT_EQ(CookieValue(request, "b"), "2");
    EXPECT_EQ(CookieValue(request, "heed"), "");
}

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = std::filesystem::temp_directory_path() / ("heed-static-" + std::to_string(::getpid()));
        std::filesystem::create_directories(root_ / "assets");
        std::ofstream(root_ / "index.html") << "<!doctype html><div id=app></div>";
        std::ofstream(root_ / "assets" / "app-3f2a.js") << "console.log(1)";
        std::ofstream(root_ / "assets" / "app-3f2a.js.gz") << "GZ";
    }
    void TearDown() override { std::filesystem::remove_all(root_); }
    std::filesystem::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithCachingCompressionAndAnSpaFallback) {
    auto files = StaticFiles::Load(root_.string());
    ASSERT_TRUE(files) << files.error().message;
    Request request;
    request.method = "GET";
    request.path = "/assets/app-3f2a.js";
    Response js = files->Serve(request);
    EXPECT_EQ(js.status, 200);
    EXPECT_EQ(js.body, "console.log(1)");
    EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
    request.headers["accept-encoding"] = "gzip, br";
    Response gz = files->Serve(request);
    EXPECT_EQ(gz.body, "GZ");
    bool immutable = false, encoded = false;
    std::string etag;
    for (const auto& [k, v] : gz.headers) {
        immutable |= k == "Cache-Control" && v.find("immutable") != std::string::npos;
        encoded |= k == "Content-Encoding" && v == "gzip";
        if (k == "ETag") etag = v;
    }
    EXPECT_TRUE(immutable);
    EXPECT_TRUE(encoded);
    request.headers["if-none-match"] = etag;
    EXPECT_EQ(files->Serve(request).status, 304);

    Request route;
    route.method = "GET";
    route.path = "/queue/mine";
    Response page = files->Serve(route);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("id=app"), std::string::npos);
    route.path = "/assets/missing.js";
    EXPECT_EQ(files->Serve(route).status, 404);
    EXPECT_FALSE(StaticFiles::Load((root_ / "assets").string())) << "no index.html there";
}

}  // namespace
}  // namespace heed::http
