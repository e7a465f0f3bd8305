#pragma once
// Business calendars (SPEC §4): when the SLA clocks count. A calendar is working hours per weekday (several
// intervals a day, e.g. a lunch break), holidays, make-up working days (调休) and a time zone; 24×7 is a calendar too.
//
// Time zones: `time_zone` is the IANA name; `utc_offset` is its offset and `offset_changes` its daylight-saving
// transitions, filled from the name by a ports::TimeZones adapter (ICU) when the calendar is loaded. With no changes
// the offset is fixed, which is exact for Asia/Shanghai, Hong_Kong, Taipei and Singapore.

#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace heed::core::sla {

// [begin, end) as time since local midnight; end may be 24:00 (an interval running to midnight).
struct WorkingInterval {
    std::chrono::minutes begin{0};
    std::chrono::minutes end{0};
    auto operator<=>(const WorkingInterval&) const = default;
};

// A date that is a working day although its weekday is not (调休: the Saturday worked to make up for a long
// holiday). It keeps the hours of another weekday, Monday unless told.
struct ExtraWorkingDay {
    std::chrono::year_month_day date;
    std::chrono::weekday hours_of = std::chrono::Monday;
};

// From `at` (UTC) on, local = UTC + offset.
struct OffsetChange {
    Instant at;
    std::chrono::minutes offset{0};
    auto operator<=>(const OffsetChange&) const = default;
};

struct BusinessCalendar {
    std::string name;
    std::string time_zone = "UTC";       // IANA name
    std::chrono::minutes utc_offset{0};  // local = UTC + offset; Asia/Shanghai = +480; before the first change
    std::vector<OffsetChange> offset_changes;  // sorted by `at`; empty for a fixed offset
    // Indexed by weekday::c_encoding(): [0] = Sunday … [6] = Saturday. Intervals sorted and disjoint.
    std::array<std::vector<WorkingInterval>, 7> week;
    std::vector<std::chrono::year_month_day> holidays;  // local dates without working time; beat the weekly hours
    std::vector<ExtraWorkingDay> extra_working_days;    // local dates with working time; never also a holiday
};

// Every hour of every day in UTC, no holidays: the default until a tenant sets its own calendar.
BusinessCalendar Calendar24x7();

// Refuses, naming the field: an empty name; an offset beyond ±14 h; an interval that is empty, outside 00:00–24:00,
// unsorted or overlapping another; a week without any working time (deadlines would never come); a date that is both
// a holiday and an extra working day; offset changes out of order.
Result<void> ValidateCalendar(const BusinessCalendar& calendar);

// The instant at which `duration` of working time has elapsed after `start`. Working time that ends exactly at the
// end of an interval is due then (Monday 09:00 + 9 h on a 09:00–18:00 calendar is Monday 18:00, not Tuesday 09:00).
// A duration ≤ 0 returns `start` unchanged, even outside working hours. REQUIRES ValidateCalendar(calendar) — a
// calendar whose week has no working time returns Instant::max() once its extra working days run out.
Instant AddBusinessTime(const BusinessCalendar& calendar, Instant start, std::chrono::milliseconds duration);

// Working time in [a, b); negative when b < a, so BusinessTimeBetween(a, b) == -BusinessTimeBetween(b, a).
std::chrono::milliseconds BusinessTimeBetween(const BusinessCalendar& calendar, Instant a, Instant b);

// The offset in effect at an instant.
std::chrono::minutes OffsetAt(const BusinessCalendar& calendar, Instant instant);

// The local calendar date of an instant in the calendar's zone.
std::chrono::year_month_day LocalDate(const BusinessCalendar& calendar, Instant instant);

}  // namespace heed::core::sla
