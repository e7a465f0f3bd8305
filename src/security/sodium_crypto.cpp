#include "security/sodium_crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <memory>

namespace heed::security {

using core::ErrorCode;
using core::Fail;

void SodiumCrypto::FreeMac::operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }

SodiumCrypto::SodiumCrypto(std::string key) : key_(std::move(key)), hmac_(EVP_MAC_fetch(nullptr, "HMAC", nullptr)) {}

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
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    // HMAC-SHA-256 by OpenSSL, which uses the processor's SHA instructions where it has them (3–4 times libsodium's
    // speed on the few kilobytes of a complaint's audit record); libsodium computes the same MAC should OpenSSL fail.
    std::size_t length = 0;
    bool done = false;
    if (hmac_) {
        EVP_MAC_CTX* context = EVP_MAC_CTX_new(hmac_.get());
        char digest[] = "SHA256";
        const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                     OSSL_PARAM_construct_end()};
        done = context &&
               EVP_MAC_init(context, reinterpret_cast<const unsigned char*>(key_.data()), key_.size(), params) == 1 &&
               EVP_MAC_update(context, reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1 &&
               EVP_MAC_final(context, mac, &length, sizeof mac) == 1 && length == sizeof mac;
        EVP_MAC_CTX_free(context);
    }
    if (!done) {
        crypto_auth_hmacsha256_state state;
        crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
        crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
        crypto_auth_hmacsha256_final(&state, mac);
    }
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
