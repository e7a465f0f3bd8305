#pragma once
// Automatic assignment at intake, off the request path: intake hands each new complaint to Submit (a push onto a
// queue), and a background thread assigns it with RoutingService when the tenant has routing.auto_assign on. The
// answer to intake therefore shows the complaint as filed; the assignment follows within moments as its own
// events. Whether a tenant has it on is read at most every kSettingCacheSeconds.
// Thread-safety: Submit may be called from any thread. Stops (and joins) when destroyed; queued work is dropped
// (the complaints stay unassigned, as if auto-assignment had been off).

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "core/services/routing_service.hpp"

namespace heed::core::services {

class AutoAssigner {
public:
    static constexpr int kSettingCacheSeconds = 5;
    static constexpr std::size_t kMaxQueued = 100000;  // beyond this, intake is not slowed: the work is dropped

    using Report = std::function<void(const complaint::Complaint&, const Result<AssignOutcome>&)>;

    // `report` hears every attempt (assigned, nobody qualified, or failed); may be empty.
    AutoAssigner(RoutingService& routing, Report report);
    ~AutoAssigner();

    void Submit(const complaint::Complaint& filed);

    // Submit as a function that is safe to call after this assigner is gone (it then does nothing): for intake
    // observers, whose copies may still be running on the store's writer thread while the server shuts down.
    std::function<void(const complaint::Complaint&)> Observer();

    // Blocks until everything submitted so far has been handled (tests, the demo).
    void WaitIdle();

private:
    void Run(std::stop_token stop);
    bool Enabled(TenantId tenant);

    RoutingService& routing_;
    Report report_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::condition_variable idle_;
    std::deque<complaint::Complaint> queue_;  // GUARDED_BY(mutex_)
    bool busy_ = false;                       // GUARDED_BY(mutex_)
    struct CachedSetting {
        bool enabled = false;
        std::chrono::steady_clock::time_point read;
    };
    std::map<std::int64_t, CachedSetting> settings_;  // used by the worker thread only
    // Tenants last read with auto-assignment off, until when that reading holds: Submit does not even queue their
    // complaints (intake calls it on the store's writer thread, where a copy of every complaint is not free).
    std::map<std::int64_t, std::chrono::steady_clock::time_point> off_until_;  // GUARDED_BY(mutex_)
    // What Observer() closures reach; the destructor clears `target` under `mutex` before anything is torn down.
    struct Gate {
        std::mutex mutex;
        AutoAssigner* target = nullptr;  // GUARDED_BY(mutex)
    };
    std::shared_ptr<Gate> gate_ = std::make_shared<Gate>();
    std::jthread thread_;                             // last: started once everything it uses exists
};

}  // namespace heed::core::services
