#pragma once
// A transparent stand-in for the Crypto port in core tests (no secrecy at all; never use outside tests).

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "core/ports/crypto.hpp"

namespace heed::testing {

class FakeCrypto final : public core::ports::Crypto {
public:
    core::Result<std::string> HashPassword(const std::string& password) override { return "fake$" + password; }
    bool VerifyPassword(const std::string& password, const std::string& hash) override {
        return hash == "fake$" + password;
    }
    std::string NewTokenSecret() override { return "secret-" + std::to_string(++counter_); }
    std::string DigestToken(const std::string& secret) override { return "digest(" + secret + ")"; }
    std::string Mac(std::string_view message) override { return TestMac(message); }

    // Not a MAC: a plain hash, enough for tests of the chain's structure.
    static std::string TestMac(std::string_view message) {
        return std::to_string(std::hash<std::string_view>{}(message));
    }

private:
    std::atomic<int> counter_{0};
};

}  // namespace heed::testing
