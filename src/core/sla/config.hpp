#pragma once
// A tenant's SLA set-up: its business calendars, its policies in selection order and the regulatory clock.

#include <chrono>
#include <optional>
#include <vector>

#include "core/common/result.hpp"
#include "core/sla/calendar.hpp"
#include "core/sla/policy.hpp"

namespace heed::core::sla {

struct SlaConfig {
    // The tenant's calendars; "24x7" (Calendar24x7) always exists besides them and cannot be redefined.
    std::vector<BusinessCalendar> calendars;
    // In selection order (the first match applies). A tenant that never set its own has DefaultPolicies().
    std::vector<SlaPolicy> policies;
    // The calendar-day regulatory clock (e.g. 15, 30 or 60 days; 8 weeks = 56). None: no regulatory clock.
    std::optional<std::chrono::days> regulatory_period;
    // The calendar whose time zone the regulatory clock counts local days in; "24x7" = UTC.
    std::string regulatory_calendar = "24x7";
};

// The defaults: no calendars of its own, DefaultPolicies() on 24×7, no regulatory clock.
SlaConfig DefaultConfig();

// Refuses, naming the field: an invalid calendar (ValidateCalendar), two calendars of one name or one named "24x7",
// an invalid policy, two policies of one name, a policy or the regulatory clock on a calendar that does not exist,
// a regulatory period outside 1–3650 days, more than 100 calendars or policies.
Result<void> ValidateConfig(const SlaConfig& config);

// The calendar of that name (the built-in 24×7 included); nullptr when there is none.
const BusinessCalendar* FindCalendar(const SlaConfig& config, std::string_view name);

}  // namespace heed::core::sla
