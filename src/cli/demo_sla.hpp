#pragma once
// `heed demo`, SLA part: the demo tenant's office calendar (Asia/Shanghai, Monday to Friday 09:00–18:00, the Chinese
// public holidays of 2025 and 2026 with the 2025 make-up working days) and its policies, set before the complaints
// are filed so every demo complaint gets its clocks from them; afterwards a count of the open clocks by state and of
// the escalations, and two escalations on request so the chain's owners show.

#include <map>
#include <string>

#include "core/ports/clock.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/sla_service.hpp"

namespace heed::cli {

struct SlaDemoReport {
    int holidays = 0;
    int policies = 0;
    std::map<std::string, int> open_by_state;  // open and waiting complaints by SLA state
    int escalated = 0;                         // complaints above the agent level
    int requested = 0;                         // escalations on request made by the demo
    int paused = 0;                            // complaints the demo put to waiting for the customer
};

// The demo's "now" as a clock that moves on from it, so the clocks of demo complaints are computed as of that day.
class DemoClock final : public core::ports::Clock {
public:
    explicit DemoClock(core::Instant now) : shift_(now - core::ports::SystemClock{}.Now()) {}
    core::Instant Now() const override { return core::ports::SystemClock{}.Now() + shift_; }

private:
    std::chrono::milliseconds shift_;
};

// The office calendar and the policies "urgent" (2 h / 4 h / 9 h), "vip" (4 h / 8 h / 18 h) and "general" (9 h / 18 h
// / 45 h of office time), with a 15-day regulatory clock.
core::Result<SlaDemoReport> SeedSlaDemo(core::services::SlaService& sla, core::TenantId tenant);

// Puts two answered complaints in progress to waiting for the customer (their clocks pause), escalates two more on
// request (one for the customer), then counts the tenant's open clocks.
core::Result<void> FinishSlaDemo(core::services::ComplaintService& complaints, core::ports::ComplaintStore& store,
                                 core::TenantId tenant, SlaDemoReport& report);

}  // namespace heed::cli
