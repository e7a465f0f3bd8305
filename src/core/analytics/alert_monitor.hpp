#pragma once
// The early-warning evaluator: a background thread that every `interval` (default 5 minutes) runs the surge,
// sentiment-drift and cluster checks (alerts.hpp) of every tenant that names alert recipients on the KPI roll-up as
// of now, and sends each new
// alert — one per kind and key within the cooldown — to the tenant's managers through the notification outbox
// (kind "alert", to the addresses of the tenant setting `alerts.recipients`, see docs/metrics.md). It runs beside
// intake, not in it: filing a complaint costs nothing more (the roll-up row is kept current by the store wrapper
// either way), and a surge is seen at most one interval after the complaint that makes it one.
//
// Restart: the cooldown is in memory, so an alert still current when the server restarts is sent once more.
// Thread-safety: EvaluateOnce and Raised may be called from any thread.

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <stop_token>
#include <thread>
#include <tuple>

#include "core/analytics/alerts.hpp"
#include "core/analytics/facts_cache.hpp"
#include "core/ports/identity_store.hpp"
#include "core/ports/outbox.hpp"

namespace heed::core::analytics {

inline constexpr const char* kAlertRecipientsSetting = "alerts.recipients";

struct AlertMonitorOptions {
    std::chrono::seconds interval{300};
    std::function<AlertOptions(TenantId)> alert_options;  // null: the defaults
    std::function<void(const std::string&)> log;
    bool start_thread = true;  // false: tests call EvaluateOnce
};

// The alert as the e-mail to managers says it (subject and text), in Chinese or English.
std::pair<std::string, std::string> DescribeAlert(const Alert& alert, bool zh);

class AlertMonitor {
public:
    AlertMonitor(FactsCache& cache, ports::IdentityStore& identity, ports::Outbox& outbox, const ports::Clock& clock,
                 AlertMonitorOptions options);
    ~AlertMonitor();

    // Every tenant as of now; new alerts are queued in the outbox and returned.
    std::vector<Alert> EvaluateOnce();
    // The tenant's alerts raised since the start, newest first (at most 500 are kept).
    std::vector<Alert> Raised(TenantId tenant) const;

private:
    void Run(std::stop_token stop);

    FactsCache& cache_;
    ports::IdentityStore& identity_;
    ports::Outbox& outbox_;
    const ports::Clock& clock_;
    AlertMonitorOptions options_;
    mutable std::mutex mutex_;
    std::map<std::tuple<std::int64_t, AlertKind, std::string, std::string>, Instant> last_;  // GUARDED_BY(mutex_)
    std::map<std::int64_t, std::deque<Alert>> raised_;                                      // GUARDED_BY(mutex_)
    std::mutex evaluating_;  // one evaluation at a time
    std::condition_variable_any wake_;
    std::jthread thread_;  // last
};

}  // namespace heed::core::analytics
