#pragma once
// Holidays from an iCalendar file (RFC 5545), the form public-holiday feeds and office calendars export.

#include <chrono>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace heed::core::sla {

// The all-day dates covered by the VEVENTs of `text`, sorted and without repeats.
//
// Reads DTSTART;VALUE=DATE:YYYYMMDD with an exclusive DTEND (or DURATION:PnD / PnW; neither = one day), as the RFC
// defines all-day events. Tolerates CRLF or LF, folded lines (a line starting with a space or tab continues the one
// before), a UTF-8 byte-order mark, blank lines, other components (VTIMEZONE, VALARM) and properties it does not need.
// Skips events with STATUS:CANCELLED. Refuses, as kInvalidArgument on field "ics" with the line number: anything but
// VCALENDAR objects with balanced BEGIN/END (empty input included), a line without "NAME:value", an event without
// DTSTART, a date-time where a date belongs (a timed meeting is not a holiday), an impossible date, DTEND not after
// DTSTART, both DTEND and DURATION, an event longer than 366 days, more than 36 600 distinct dates, and recurring events (RRULE, RDATE) — those must be
// exported expanded, since guessing a recurrence is worse than refusing it.
//
// A feed that marks make-up working days (调休 "班") as events looks like holidays here: split such a feed first.
Result<std::vector<std::chrono::year_month_day>> ParseIcsHolidays(std::string_view text);

}  // namespace heed::core::sla
