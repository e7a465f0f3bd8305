#pragma once
// Where a tenant's SLA set-up (calendars, policies, regulatory clock) is kept. Implementations: storage/memory and
// storage/sqlite. Thread-safety: safe to call from many threads.

#include <optional>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/sla/config.hpp"

namespace heed::core::ports {

class SlaConfigStore {
public:
    virtual ~SlaConfigStore() = default;
    // nullopt when the tenant never saved one (it then runs on sla::DefaultConfig()).
    virtual Result<std::optional<sla::SlaConfig>> LoadSla(TenantId tenant) = 0;
    virtual Result<void> SaveSla(TenantId tenant, const sla::SlaConfig& config) = 0;
};

// Offsets of IANA time zones over time (daylight saving), so calendars outside fixed-offset zones count correctly.
// Implementation: an ICU adapter. Thread-safety: safe to call from many threads.
class TimeZones {
public:
    virtual ~TimeZones() = default;
    // Fills calendar.utc_offset (the offset now) and calendar.offset_changes from calendar.time_zone; kInvalidArgument
    // on field time_zone when the zone is unknown.
    virtual Result<void> Resolve(sla::BusinessCalendar& calendar) const = 0;
};

}  // namespace heed::core::ports
