// The Crypto port: HMAC-SHA-256 of the audit log against RFC 4231's vectors and libsodium's own HMAC (the MACs the
// audit log already holds must stay valid whichever library computes them), tokens and passwords.

#include "security/sodium_crypto.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <random>
#include <string>

namespace heed::security {
namespace {

std::string Hex(const unsigned char* bytes, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, n);
    out.pop_back();
    return out;
}

TEST(SodiumCrypto, MacIsHmacSha256AsRfc4231Gives) {
    auto crypto = SodiumCrypto::Create(std::string(20, '\x0b'));
    ASSERT_TRUE(crypto);
    EXPECT_EQ((*crypto)->Mac("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    auto long_key = SodiumCrypto::Create(std::string(131, '\xaa'));  // longer than a block: hashed first
    ASSERT_TRUE(long_key);
    EXPECT_EQ((*long_key)->Mac("Test Using Larger Than Block-Size Key - Hash Key First"),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(SodiumCrypto, MacEqualsLibsodiumsForEveryLength) {
    const std::string key = "a server key of thirty-two bytes";
    auto crypto = SodiumCrypto::Create(key);
    ASSERT_TRUE(crypto);
    std::mt19937 random(7);
    std::string message;
    for (std::size_t length = 0; length <= 9000; length += length < 200 ? 1 : 97) {
        message.resize(length);
        for (auto& c : message) c = static_cast<char>(random());
        unsigned char expected[crypto_auth_hmacsha256_BYTES];
        crypto_auth_hmacsha256_state state;
        crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
        crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
        crypto_auth_hmacsha256_final(&state, expected);
        ASSERT_EQ((*crypto)->Mac(message), Hex(expected, sizeof expected)) << "length " << length;
    }
}

TEST(SodiumCrypto, RefusesAShortKeyAndDigestsTokensByKey) {
    EXPECT_FALSE(SodiumCrypto::Create("too short"));
    auto a = SodiumCrypto::Create(std::string(32, 'a'));
    auto b = SodiumCrypto::Create(std::string(32, 'b'));
    ASSERT_TRUE(a && b);
    std::string secret = (*a)->NewTokenSecret();
    EXPECT_EQ(secret.rfind("heed_", 0), 0u);
    EXPECT_NE(secret, (*a)->NewTokenSecret());
    EXPECT_EQ((*a)->DigestToken(secret), (*a)->DigestToken(secret));
    EXPECT_NE((*a)->DigestToken(secret), (*b)->DigestToken(secret));
    EXPECT_NE((*a)->Mac("x"), (*b)->Mac("x"));
}

}  // namespace
}  // namespace heed::security
