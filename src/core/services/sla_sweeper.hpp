#pragma once
// The SLA scheduler: a background thread that wakes when the next SLA clock warns or falls due — not by polling
// every complaint — and re-applies the SLA to the complaints concerned (ComplaintService::RecheckSla), which records
// warnings and breaches and escalates. Every complaint keeps its next check time (Complaint::sla.check_at, indexed by
// the store), so the sweeper asks the store for what is due and sleeps until the earliest check; a write that sets an
// earlier one wakes it (Notify).
//
// Restart-safe: the first pass at start handles everything that fell due while the server was down. Never twice:
// SlaService::Apply adds only events the complaint's history does not hold, and writes are optimistic (a complaint
// changed meanwhile is re-read).
//
// Thread-safety: Notify and SweepOnce may be called from any thread.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "core/ports/clock.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/services/complaint_service.hpp"

namespace heed::core::services {

class SlaSweeper {
public:
    using Report = std::function<void(const std::string& problem)>;

    // `start_thread` false: no thread; tests call SweepOnce with a fake clock.
    SlaSweeper(ports::ComplaintStore& store, ComplaintService& complaints, const ports::Clock& clock, Report report,
               bool start_thread = true);
    ~SlaSweeper();

    // A complaint now needs a look at `at`; wakes the thread when that is earlier than it planned.
    void Notify(Instant at);

    // Handles every complaint whose check time is ≤ now; returns how many it looked at.
    std::int64_t SweepOnce();

private:
    void Run(std::stop_token stop);

    ports::ComplaintStore& store_;
    ComplaintService& complaints_;
    const ports::Clock& clock_;
    Report report_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::optional<Instant> planned_;  // when the thread means to wake next
    bool notified_ = false;
    std::jthread thread_;  // last: started once everything it uses exists
};

}  // namespace heed::core::services
