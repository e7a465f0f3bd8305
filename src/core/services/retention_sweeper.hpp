#pragma once
// Applies each tenant's retention policy in the background while the server runs: a first pass a minute after
// start, then daily. Stops (and joins) when destroyed. `report` is told the outcome per tenant with a policy.
// Thread-safety: the services it uses must be safe to call from another thread (they are).

#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "core/services/auth_service.hpp"
#include "core/services/privacy_service.hpp"

namespace heed::core::services {

class RetentionSweeper {
public:
    using Report = std::function<void(const std::string& tenant, const Result<PrivacyReport>& outcome)>;

    RetentionSweeper(PrivacyService& privacy, AuthService& auth, Report report);
    ~RetentionSweeper();

private:
    void Run(std::stop_token stop);

    PrivacyService& privacy_;
    AuthService& auth_;
    Report report_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;  // last: started once everything it uses exists
};

}  // namespace heed::core::services
