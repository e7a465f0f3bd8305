#include "core/services/sla_sweeper.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace heed::core::services {

namespace {
// A complaint is rechecked in batches of this many; the store hands them out earliest first.
constexpr int kBatch = 500;
// Even with nothing due the thread looks once in this long, so a missed notification costs at most this delay.
constexpr auto kLongestSleep = std::chrono::minutes(5);
}  // namespace

SlaSweeper::SlaSweeper(ports::ComplaintStore& store, ComplaintService& complaints, const ports::Clock& clock,
                       Report report, bool start_thread)
    : store_(store), complaints_(complaints), clock_(clock), report_(std::move(report)) {
    if (start_thread) thread_ = std::jthread([this](std::stop_token stop) { Run(stop); });
}

SlaSweeper::~SlaSweeper() {
    if (thread_.joinable()) {
        thread_.request_stop();
        wake_.notify_all();
    }
}

void SlaSweeper::Notify(Instant at) {
    std::lock_guard lock(mutex_);
    if (planned_ && at >= *planned_) return;  // the cheap common case: nothing earlier than planned
    planned_ = at;
    notified_ = true;
    wake_.notify_all();
}

std::int64_t SlaSweeper::SweepOnce() {
    std::int64_t handled = 0;
    std::set<std::pair<std::int64_t, std::int64_t>> seen;  // a complaint whose check did not advance is not retried
    for (;;) {
        Instant now = clock_.Now();
        auto due = store_.SlaChecksDue(now, kBatch);
        if (!due) {
            report_("cannot read SLA checks: " + due.error().message);
            return handled;
        }
        std::size_t fresh = 0;
        for (const auto& check : *due) {
            if (!seen.insert({check.tenant.value, check.id.value}).second) continue;
            ++fresh;
            auto rechecked = complaints_.RecheckSla(check.tenant, check.id);
            ++handled;
            if (!rechecked) {
                report_("SLA check of complaint " + std::to_string(check.id.value) + " failed: " +
                        rechecked.error().message);
                continue;
            }
        }
        if (static_cast<int>(due->size()) < kBatch || fresh == 0) return handled;
    }
}

void SlaSweeper::Run(std::stop_token stop) {
    for (;;) {
        SweepOnce();
        if (stop.stop_requested()) return;
        auto next = store_.NextSlaCheck();
        Instant now = clock_.Now();
        Instant wake = now + kLongestSleep;
        if (next && *next) wake = std::clamp(**next, now, wake);
        std::unique_lock lock(mutex_);
        if (!notified_) planned_ = wake;
        notified_ = false;
        while (!stop.stop_requested() && !notified_) {
            Instant target = *planned_;
            now = clock_.Now();
            if (now >= target) break;
            wake_.wait_for(lock, stop, target - now, [&] { return notified_; });
        }
        if (stop.stop_requested()) return;
        notified_ = false;
        planned_.reset();
    }
}

}  // namespace heed::core::services
