#pragma once
// Slows down password guessing. Each key (a tenant-qualified username, or a client address) may fail a limited number
// of times within a window; after that it is locked out until the window has passed since the oldest counted failure.
// A success clears the key. Time comes from the caller, so the policy is tested without waiting.
// Thread-safety: safe to call from many threads.

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/common/time.hpp"

namespace heed::core::services {

class LoginThrottle {
public:
    struct Limits {
        int max_failures = 5;                    // within `window`, then locked
        std::chrono::minutes window{15};
    };

    explicit LoginThrottle(Limits limits) : limits_(limits) {}

    // How long `key` must still wait, or nullopt when it may try now.
    std::optional<std::chrono::seconds> Blocked(const std::string& key, Instant now);
    void Failed(const std::string& key, Instant now);
    void Succeeded(const std::string& key);

private:
    void Prune(Instant now);  // REQUIRES(mutex_)

    Limits limits_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<Instant>> failures_;  // GUARDED_BY(mutex_)
};

}  // namespace heed::core::services
