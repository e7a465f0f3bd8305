#include "core/services/auto_assigner.hpp"

namespace heed::core::services {

AutoAssigner::AutoAssigner(RoutingService& routing, Report report)
    : routing_(routing), report_(std::move(report)), thread_([this](std::stop_token stop) { Run(stop); }) {}

AutoAssigner::~AutoAssigner() {
    {
        std::lock_guard lock(gate_->mutex);
        gate_->target = nullptr;
    }
    thread_.request_stop();
    wake_.notify_all();
}

void AutoAssigner::Submit(const complaint::Complaint& filed) {
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() >= kMaxQueued) return;
        if (auto off = off_until_.find(filed.tenant.value);
            off != off_until_.end() && std::chrono::steady_clock::now() < off->second) {
            return;  // the worker would read the same cached setting and skip it
        }
        queue_.push_back(filed);
    }
    wake_.notify_one();
}

std::function<void(const complaint::Complaint&)> AutoAssigner::Observer() {
    {
        std::lock_guard lock(gate_->mutex);
        gate_->target = this;
    }
    return [gate = gate_](const complaint::Complaint& filed) {
        std::lock_guard lock(gate->mutex);
        if (gate->target) gate->target->Submit(filed);
    };
}

void AutoAssigner::WaitIdle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

bool AutoAssigner::Enabled(TenantId tenant) {
    auto now = std::chrono::steady_clock::now();
    auto cached = settings_.find(tenant.value);
    if (cached != settings_.end() && now - cached->second.read < std::chrono::seconds(kSettingCacheSeconds)) {
        return cached->second.enabled;
    }
    bool enabled = routing_.AutoAssignEnabled(tenant).value_or(false);
    settings_[tenant.value] = {enabled, now};
    {
        std::lock_guard lock(mutex_);
        if (enabled) {
            off_until_.erase(tenant.value);
        } else {
            off_until_[tenant.value] = now + std::chrono::seconds(kSettingCacheSeconds);
        }
    }
    return enabled;
}

void AutoAssigner::Run(std::stop_token stop) {
    const workflow::Actor kRouter{{}, "routing", workflow::Role::kSystem, {}};
    for (;;) {
        complaint::Complaint next;
        {
            std::unique_lock lock(mutex_);
            busy_ = false;
            if (queue_.empty()) idle_.notify_all();
            if (!wake_.wait(lock, stop, [this] { return !queue_.empty(); })) return;
            next = std::move(queue_.front());
            queue_.pop_front();
            busy_ = true;
        }
        if (!Enabled(next.tenant)) continue;
        // Escalated at intake (severity 5, a risk flag…): it already has the owner the escalation chain chose.
        if (!next.assignee.empty()) continue;
        workflow::Actor actor = kRouter;
        actor.tenant = next.tenant;
        auto outcome = routing_.Assign(actor, next.id, {.automatic = true});
        if (report_) report_(next, outcome);
    }
}

}  // namespace heed::core::services
