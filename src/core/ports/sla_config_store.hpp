#pragma once
// Where a tenant's SLA set-up (calendars, policies, regulatory clock) is kept, with its "recompute pending" mark.
// Implementation: sla/settings_sla_store (tenant settings of the SQLite identity store, or of its in-memory twin).
// Thread-safety: safe to call from many threads.

#include <cstdint>
#include <optional>
#include <vector>

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

    // The durable mark "the set-up changed and the open complaints may not all carry its due times yet": a
    // generation number, written before the set-up and cleared once the recomputation finished, so one cut short by
    // a crash is resumed at the next start. nullopt: no mark.
    virtual Result<std::optional<std::int64_t>> LoadRecomputeMark(TenantId tenant) = 0;
    // nullopt clears the mark.
    virtual Result<void> SaveRecomputeMark(TenantId tenant, std::optional<std::int64_t> generation) = 0;
    // Every tenant that holds a mark.
    virtual Result<std::vector<TenantId>> TenantsWithRecomputeMark() = 0;
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
