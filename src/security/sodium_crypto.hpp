#pragma once
// The Crypto port on libsodium: argon2id password hashes (crypto_pwhash_str, interactive limits), random token
// secrets, and BLAKE2b digests of token secrets keyed with a server key so a stolen database alone cannot be used to
// test guesses offline. The audit log's HMAC-SHA-256 is computed by OpenSSL (faster with SHA instructions).

#include <memory>
#include <string>

#include "core/ports/crypto.hpp"

using EVP_MAC = struct evp_mac_st;  // OpenSSL's, as <openssl/types.h> declares it

namespace heed::security {

class SodiumCrypto final : public core::ports::Crypto {
public:
    // `token_key` is any server-held secret (at least 16 bytes); the same key must be used for the life of the
    // database's tokens. Fails when libsodium cannot start.
    static core::Result<std::unique_ptr<SodiumCrypto>> Create(const std::string& token_key);

    core::Result<std::string> HashPassword(const std::string& password) override;
    bool VerifyPassword(const std::string& password, const std::string& hash) override;
    std::string NewTokenSecret() override;
    std::string DigestToken(const std::string& secret) override;
    std::string Mac(std::string_view message) override;

private:
    struct FreeMac {
        void operator()(EVP_MAC* mac) const;
    };
    explicit SodiumCrypto(std::string key);
    std::string key_;
    std::unique_ptr<EVP_MAC, FreeMac> hmac_;  // OpenSSL's HMAC, fetched once (null: libsodium's alone)
};

// Reads the server key from `path`, creating it with 32 random bytes (mode 0600) when it does not exist.
core::Result<std::string> LoadOrCreateKey(const std::string& path);

}  // namespace heed::security
