#include "core/services/login_throttle.hpp"

namespace heed::core::services {

namespace {
constexpr std::size_t kPruneAbove = 100'000;  // keys kept before stale ones are dropped (bounded memory)
}

std::optional<std::chrono::seconds> LoginThrottle::Blocked(const std::string& key, Instant now) {
    std::lock_guard lock(mutex_);
    auto it = failures_.find(key);
    if (it == failures_.end()) return std::nullopt;
    auto& times = it->second;
    while (!times.empty() && times.front() + limits_.window <= now) times.pop_front();
    if (static_cast<int>(times.size()) < limits_.max_failures) return std::nullopt;
    auto wait = std::chrono::ceil<std::chrono::seconds>(times.front() + limits_.window - now);
    return std::max(wait, std::chrono::seconds(1));
}

void LoginThrottle::Failed(const std::string& key, Instant now) {
    std::lock_guard lock(mutex_);
    if (failures_.size() > kPruneAbove) Prune(now);
    auto& times = failures_[key];
    times.push_back(now);
    // Only the last max_failures matter for the lockout; older ones would only use memory.
    while (static_cast<int>(times.size()) > limits_.max_failures) times.pop_front();
}

void LoginThrottle::Succeeded(const std::string& key) {
    std::lock_guard lock(mutex_);
    failures_.erase(key);
}

void LoginThrottle::Prune(Instant now) {
    std::erase_if(failures_, [&](const auto& entry) {
        return entry.second.empty() || entry.second.back() + limits_.window <= now;
    });
}

}  // namespace heed::core::services
