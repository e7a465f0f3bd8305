#pragma once
// Business calendars (SPEC §4): when the SLA clocks count. A calendar is working hours per weekday (several
// intervals a day, e.g. a lunch break), holidays, make-up working days (调休) and a time zone; 24×7 is a calendar too.
//
// Time zones are a fixed UTC offset. libstdc++ 12 (Debian 12) ships std::chrono::locate_zone without the runtime
// tzdb, and the zones Heed's users need first (Asia/Shanghai, Asia/Hong_Kong, Asia/Taipei, Asia/Singapore) have had
// no daylight saving for decades. A zone with DST (Europe/*, America/*) needs a tzdb-backed adapter that yields the
// offset per date; until then such a calendar is off by the DST hour for part of the year. `time_zone` keeps the IANA
// name so that adapter can take over without a data migration.

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

struct BusinessCalendar {
    std::string name;
    std::string time_zone = "UTC";       // IANA name, informational until a tzdb adapter exists (see above)
    std::chrono::minutes utc_offset{0};  // local = UTC + offset; Asia/Shanghai = +480
    // Indexed by weekday::c_encoding(): [0] = Sunday … [6] = Saturday. Intervals sorted and disjoint.
    std::array<std::vector<WorkingInterval>, 7> week;
    std::vector<std::chrono::year_month_day> holidays;  // local dates without working time; beat the weekly hours
    std::vector<ExtraWorkingDay> extra_working_days;    // local dates with working time; never also a holiday
};

// Every hour of every day in UTC, no holidays: the default until a tenant sets its own calendar.
BusinessCalendar Calendar24x7();

// Refuses, naming the field: an empty name; an offset beyond ±14 h; an interval that is empty, outside 00:00–24:00,
// unsorted or overlapping another; a week without any working time (deadlines would never come); a date that is both
// a holiday and an extra working day.
Result<void> ValidateCalendar(const BusinessCalendar& calendar);

// The instant at which `duration` of working time has elapsed after `start`. Working time that ends exactly at the
// end of an interval is due then (Monday 09:00 + 9 h on a 09:00–18:00 calendar is Monday 18:00, not Tuesday 09:00).
// A duration ≤ 0 returns `start` unchanged, even outside working hours. REQUIRES ValidateCalendar(calendar) — a
// calendar whose week has no working time returns Instant::max() once its extra working days run out.
Instant AddBusinessTime(const BusinessCalendar& calendar, Instant start, std::chrono::milliseconds duration);

// Working time in [a, b); negative when b < a, so BusinessTimeBetween(a, b) == -BusinessTimeBetween(b, a).
std::chrono::milliseconds BusinessTimeBetween(const BusinessCalendar& calendar, Instant a, Instant b);

// The local calendar date of an instant in the calendar's zone.
std::chrono::year_month_day LocalDate(const BusinessCalendar& calendar, Instant instant);

}  // namespace heed::core::sla
