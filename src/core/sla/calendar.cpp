#include "core/sla/calendar.hpp"

#include <algorithm>
#include <iterator>

namespace heed::core::sla {
namespace {

using namespace std::chrono;

constexpr minutes kDay{24 * 60};

bool Contains(const std::vector<year_month_day>& dates, year_month_day date) {
    return std::find(dates.begin(), dates.end(), date) != dates.end();
}

// The hours worked on one local date: holidays first, then make-up days, then the week.
const std::vector<WorkingInterval>& HoursOn(const BusinessCalendar& calendar, sys_days local_date) {
    static const std::vector<WorkingInterval> kNone;
    year_month_day date{local_date};
    if (Contains(calendar.holidays, date)) return kNone;
    for (const ExtraWorkingDay& extra : calendar.extra_working_days) {
        if (extra.date == date) return calendar.week[extra.hours_of.c_encoding()];
    }
    return calendar.week[weekday{local_date}.c_encoding()];
}

bool IsAlwaysOpen(const BusinessCalendar& calendar) {
    if (!calendar.holidays.empty()) return false;
    return std::all_of(calendar.week.begin(), calendar.week.end(), [](const auto& day) {
        return day.size() == 1 && day.front().begin == minutes{0} && day.front().end == kDay;
    });
}

// The UTC instant of a local wall-clock time. In a daylight-saving gap (02:30 that never happened) this is the
// instant an hour later by the new offset; in an overlap (01:30 twice) the first of the two. Working hours do not
// usually start in either.
Instant LocalToUtc(const BusinessCalendar& calendar, Instant local) {
    if (calendar.offset_changes.empty()) return local - calendar.utc_offset;
    minutes guess = OffsetAt(calendar, local - calendar.utc_offset);
    minutes offset = OffsetAt(calendar, local - guess);
    if (offset != guess) {
        // Across a transition: take the offset that maps back to this wall-clock time, else the earlier one.
        if (local - offset + OffsetAt(calendar, local - offset) != local) offset = guess;
    }
    return local - offset;
}

// Visits the working stretches [begin, end) that end after `from`, in order, the first clipped to begin at `from`,
// until `visit` returns false. Day by day: a few hundred days at most in practice, and simpler to trust than
// arithmetic over weeks with holidays in them.
template <typename Visit>
void ForEachWorkingStretch(const BusinessCalendar& calendar, Instant from, Visit visit) {
    const bool week_works =
        std::any_of(calendar.week.begin(), calendar.week.end(), [](const auto& day) { return !day.empty(); });
    sys_days last_extra{};
    for (const ExtraWorkingDay& extra : calendar.extra_working_days) {
        last_extra = std::max(last_extra, sys_days{extra.date});
    }

    for (sys_days day = floor<days>(from + OffsetAt(calendar, from));; day += days{1}) {
        if (!week_works && day > last_extra) return;  // nothing will ever be worked again
        for (const WorkingInterval& interval : HoursOn(calendar, day)) {
            Instant begin = LocalToUtc(calendar, Instant{day} + interval.begin);
            Instant end = LocalToUtc(calendar, Instant{day} + interval.end);
            begin = std::max(begin, from);
            if (end <= begin) continue;
            if (!visit(begin, end)) return;
        }
    }
}

}  // namespace

BusinessCalendar Calendar24x7() {
    BusinessCalendar calendar;
    calendar.name = "24x7";
    calendar.time_zone = "UTC";
    for (auto& day : calendar.week) day = {WorkingInterval{minutes{0}, kDay}};
    return calendar;
}

Result<void> ValidateCalendar(const BusinessCalendar& calendar) {
    if (calendar.name.empty()) return Fail(ErrorCode::kInvalidArgument, "a calendar needs a name", "name");
    if (abs(calendar.utc_offset) > hours{14}) {
        return Fail(ErrorCode::kInvalidArgument, "the UTC offset must lie between -14:00 and +14:00", "utc_offset");
    }
    bool any = false;
    for (const auto& day : calendar.week) {
        minutes previous_end{0};
        for (const WorkingInterval& interval : day) {
            if (interval.begin < minutes{0} || interval.end > kDay || interval.begin >= interval.end) {
                return Fail(ErrorCode::kInvalidArgument,
                            "a working interval must begin before it ends, within 00:00-24:00", "week");
            }
            if (interval.begin < previous_end) {
                return Fail(ErrorCode::kInvalidArgument, "working intervals must be sorted and must not overlap",
                            "week");
            }
            previous_end = interval.end;
            any = true;
        }
    }
    if (!any) return Fail(ErrorCode::kInvalidArgument, "the week has no working hours", "week");
    if (!std::is_sorted(calendar.offset_changes.begin(), calendar.offset_changes.end())) {
        return Fail(ErrorCode::kInvalidArgument, "offset changes must be in time order", "time_zone");
    }
    for (const auto& date : calendar.holidays) {
        if (!date.ok()) return Fail(ErrorCode::kInvalidArgument, "a holiday is not a valid date", "holidays");
    }
    for (const ExtraWorkingDay& extra : calendar.extra_working_days) {
        if (!extra.date.ok() || !extra.hours_of.ok()) {
            return Fail(ErrorCode::kInvalidArgument, "an extra working day is not a valid date", "extra_working_days");
        }
        if (Contains(calendar.holidays, extra.date)) {
            return Fail(ErrorCode::kInvalidArgument, "a date cannot be both a holiday and an extra working day",
                        "extra_working_days");
        }
    }
    return {};
}

Instant AddBusinessTime(const BusinessCalendar& calendar, Instant start, milliseconds duration) {
    if (duration <= milliseconds{0}) return start;
    if (IsAlwaysOpen(calendar)) return start + duration;
    Instant due = Instant::max();
    milliseconds left = duration;
    ForEachWorkingStretch(calendar, start, [&](Instant begin, Instant end) {
        // `<=`: a duration that uses up a stretch exactly is due at its end, not at the next opening.
        if (left <= end - begin) {
            due = begin + left;
            return false;
        }
        left -= end - begin;
        return true;
    });
    return due;
}

milliseconds BusinessTimeBetween(const BusinessCalendar& calendar, Instant a, Instant b) {
    if (b < a) return -BusinessTimeBetween(calendar, b, a);
    if (IsAlwaysOpen(calendar)) return b - a;
    milliseconds total{0};
    ForEachWorkingStretch(calendar, a, [&](Instant begin, Instant end) {
        if (begin >= b) return false;
        total += std::min(end, b) - begin;
        return end < b;
    });
    return total;
}

minutes OffsetAt(const BusinessCalendar& calendar, Instant instant) {
    const auto& changes = calendar.offset_changes;
    auto after = std::upper_bound(changes.begin(), changes.end(), instant,
                                  [](Instant at, const OffsetChange& change) { return at < change.at; });
    return after == changes.begin() ? calendar.utc_offset : std::prev(after)->offset;
}

year_month_day LocalDate(const BusinessCalendar& calendar, Instant instant) {
    return year_month_day{floor<days>(instant + OffsetAt(calendar, instant))};
}

}  // namespace heed::core::sla
