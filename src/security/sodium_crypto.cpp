#include "security/sodium_crypto.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <memory>

namespace heed::security {

using core::ErrorCode;
using core::Fail;

core::Result<std::unique_ptr<SodiumCrypto>> SodiumCrypto::Create(const std::string& token_key) {
    if (sodium_init() < 0) return Fail(ErrorCode::kInternal, "libsodium could not start");
    if (token_key.size() < 16) return Fail(ErrorCode::kInvalidArgument, "the server key needs at least 16 bytes");
    return std::unique_ptr<SodiumCrypto>(new SodiumCrypto(token_key));
}

core::Result<std::string> SodiumCrypto::HashPassword(const std::string& password) {
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return Fail(ErrorCode::kResourceExhausted, "out of memory while hashing the password");
    }
    return std::string(hash);
}

bool SodiumCrypto::VerifyPassword(const std::string& password, const std::string& hash) {
    if (hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string SodiumCrypto::NewTokenSecret() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string("heed_") + text;
}

std::string SodiumCrypto::DigestToken(const std::string& secret) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                       reinterpret_cast<const unsigned char*>(key_.data()),
                       std::min<std::size_t>(key_.size(), crypto_generichash_KEYBYTES_MAX));
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

std::string SodiumCrypto::Mac(std::string_view message) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&state, mac);
    char hex[sizeof mac * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

core::Result<std::string> LoadOrCreateKey(const std::string& path) {
    if (std::ifstream in(path, std::ios::binary); in) {
        std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (key.size() < 16) return Fail(ErrorCode::kFailedPrecondition, "server key " + path + " is too short");
        return key;
    }
    if (sodium_init() < 0) return Fail(ErrorCode::kInternal, "libsodium could not start");
    std::string key(32, '\0');
    randombytes_buf(key.data(), key.size());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out.write(key.data(), static_cast<std::streamsize>(key.size())) || !out.flush()) {
        return Fail(ErrorCode::kUnavailable, "cannot write the server key " + path);
    }
    ::chmod(path.c_str(), 0600);
    return key;
}

}  // namespace heed::security
