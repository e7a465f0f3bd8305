#include "core/services/sla_recompute_resumer.hpp"

namespace heed::core::services {

SlaRecomputeResumer::SlaRecomputeResumer(ComplaintService& complaints, SlaService& sla, Options options)
    : complaints_(complaints), sla_(sla), options_(std::move(options)) {}

SlaRecomputeResumer::~SlaRecomputeResumer() { Stop(); }

void SlaRecomputeResumer::Start() {
    if (thread_.joinable()) return;
    thread_ = std::jthread([this](std::stop_token stop) { RunOnce(stop); });
}

void SlaRecomputeResumer::Stop() {
    if (!thread_.joinable()) return;
    thread_.request_stop();
    thread_.join();
}

int SlaRecomputeResumer::RunOnce(std::stop_token stop) {
    auto log = [](const Log& to, const std::string& text) {
        if (to) to(text);
    };
    auto tenants = sla_.TenantsToRecompute();
    if (!tenants) {
        log(options_.error, "sla: cannot list the tenants whose SLA recomputation is pending: " +
                                tenants.error().message);
        return 0;
    }
    int finished = 0;
    for (TenantId tenant : *tenants) {
        if (stop.stop_requested()) break;
        const std::string which = "tenant " + std::to_string(tenant.value);
        log(options_.info, "sla: " + which + ": resuming the recomputation of open complaints a restart interrupted");
        auto changed = complaints_.RecomputeSla(tenant, stop);
        if (!changed && stop.stop_requested()) {
            log(options_.info, "sla: " + which + ": recomputation stopped at shutdown; it runs again at the next start");
            break;
        }
        if (!changed) {
            log(options_.error, "sla: " + which + ": the recomputation did not finish (it runs again at the next " +
                                    "start): " + changed.error().message);
            continue;
        }
        ++finished;
        log(options_.info, "sla: " + which + ": recomputation finished, " + std::to_string(*changed) +
                               " complaints changed");
    }
    return finished;
}

}  // namespace heed::core::services
