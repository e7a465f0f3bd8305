#pragma once
// The cryptography the core needs, behind a port (the adapter is security/sodium_crypto, on libsodium).
// Thread-safety: implementations are safe to call from many threads.

#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace heed::core::ports {

class Crypto {
public:
    virtual ~Crypto() = default;

    // argon2id with interactive limits; the result embeds salt and parameters.
    virtual Result<std::string> HashPassword(const std::string& password) = 0;
    virtual bool VerifyPassword(const std::string& password, const std::string& hash) = 0;

    // A new random secret for an API token, URL-safe text with at least 256 bits of entropy.
    virtual std::string NewTokenSecret() = 0;

    // A digest of a token secret for storage and lookup (the secret cannot be recovered from it).
    virtual std::string DigestToken(const std::string& secret) = 0;

    // HMAC-SHA-256 of `message` under the server key, as lowercase hex (the audit chain).
    virtual std::string Mac(std::string_view message) = 0;
};

}  // namespace heed::core::ports
