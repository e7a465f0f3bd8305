#include "core/services/retention_sweeper.hpp"

namespace heed::core::services {

RetentionSweeper::RetentionSweeper(PrivacyService& privacy, AuthService& auth, Report report)
    : privacy_(privacy), auth_(auth), report_(std::move(report)), thread_([this](std::stop_token stop) { Run(stop); }) {}

RetentionSweeper::~RetentionSweeper() {
    thread_.request_stop();
    wake_.notify_all();
}

void RetentionSweeper::Run(std::stop_token stop) {
    auto wait = std::chrono::minutes(1);
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait_for(lock, stop, wait, [] { return false; });  // returns early only when stopping
        if (stop.stop_requested()) return;
        wait = std::chrono::hours(24);
        auto tenants = auth_.Tenants();
        if (!tenants) continue;
        for (const auto& tenant : *tenants) {
            auto policy = privacy_.Retention(tenant.id);
            if (!policy || policy->years == 0) continue;
            workflow::Actor system{tenant.id, "retention", workflow::Role::kSystem, {}};
            report_(tenant.name, privacy_.ApplyRetention(system, *policy, false));
        }
    }
}

}  // namespace heed::core::services
