#pragma once
// A token bucket per key (a client address): `burst` requests at once, refilled at `per_minute`. Used on the public
// endpoints — intake from the web form, tracking, sign-in — so one client cannot flood them or enumerate numbers.
// Time comes from the caller. Memory is bounded: full buckets are dropped when the table grows large.
// Thread-safety: safe to call from many threads.

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace heed::http {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    RateLimiter(double burst, double per_minute) : burst_(burst), per_second_(per_minute / 60.0) {}

    // nullopt when the request may go ahead (and is counted); otherwise how long until one would be allowed.
    std::optional<std::chrono::seconds> Take(const std::string& key, Clock::time_point now) {
        std::lock_guard lock(mutex_);
        if (buckets_.size() > kMaxKeys) Prune(now);
        auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
        Bucket& bucket = it->second;
        double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
        bucket.tokens = std::min(burst_, bucket.tokens + elapsed * per_second_);
        bucket.updated = now;
        if (bucket.tokens >= 1.0) {
            bucket.tokens -= 1.0;
            return std::nullopt;
        }
        double wait = (1.0 - bucket.tokens) / per_second_;
        return std::chrono::seconds(static_cast<long>(wait) + 1);
    }

private:
    static constexpr std::size_t kMaxKeys = 100'000;
    struct Bucket {
        double tokens;
        Clock::time_point updated;
    };
    void Prune(Clock::time_point now) {
        std::erase_if(buckets_, [&](const auto& entry) {
            double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
            return entry.second.tokens + elapsed * per_second_ >= burst_;
        });
    }

    double burst_;
    double per_second_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;  // GUARDED_BY(mutex_)
};

}  // namespace heed::http
