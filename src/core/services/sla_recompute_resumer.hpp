#pragma once
// Resumes SLA recomputations cut short. A change of calendars or policies sets the tenant's durable recompute mark
// before the new set-up is stored (SlaService::SetConfig), and ComplaintService::RecomputeSla clears it once every
// open complaint carries the new due times. A server killed in between finds the mark at its next start: this runs
// the tenant's recomputation again on a background thread while the server answers requests, and the finished
// recomputation clears the mark. A failed one keeps it (the next start tries again).
//
// Thread-safety: Start and Stop from the thread that owns the resumer; RunOnce from one thread at a time.

#include <functional>
#include <stop_token>
#include <string>
#include <thread>

#include "core/services/complaint_service.hpp"
#include "core/services/sla_service.hpp"

namespace heed::core::services {

class SlaRecomputeResumer {
public:
    using Log = std::function<void(const std::string&)>;
    struct Options {
        Log info;   // a recomputation starts or ends
        Log error;  // one failed or could not start
    };

    // `complaints` and `sla` must outlive the resumer (or its Stop).
    SlaRecomputeResumer(ComplaintService& complaints, SlaService& sla, Options options);
    ~SlaRecomputeResumer();  // Stop()

    // Starts the background thread, which calls RunOnce and ends.
    void Start();
    // Asks a running recomputation to stop (between batches; its mark stays) and joins the thread.
    void Stop();

    // Recomputes every tenant with a mark, in turn; returns how many finished (their marks are cleared).
    int RunOnce(std::stop_token stop = {});

private:
    ComplaintService& complaints_;
    SlaService& sla_;
    Options options_;
    std::jthread thread_;
};

}  // namespace heed::core::services
