#pragma once
// Working time between instants on a business calendar, for KPIs in business hours (docs/metrics.md). Working time
// is additive — working time in [a, b) = W(b) − W(a), W(t) being the working time from any fixed instant up to t —
// so this keeps W at each UTC hour boundary it has needed (sla::BusinessTimeBetween hour by hour) and answers a
// duration with two lookups, however long it is: within an hour that is all working time W grows with t, within one
// without any it stands still, and only an hour a working interval starts or ends in (09:30, a lunch break at
// 12:30) asks sla::BusinessTimeBetween for the part of the hour before t. Exactly sla::BusinessTimeBetween(a, b).
//
// Not thread-safe: one per query.

#include <chrono>
#include <cstdint>
#include <deque>

#include "core/common/time.hpp"
#include "core/sla/calendar.hpp"

namespace heed::core::analytics {

class BusinessClock {
public:
    // REQUIRES sla::ValidateCalendar(calendar); `calendar` must outlive the clock.
    explicit BusinessClock(const sla::BusinessCalendar& calendar);

    std::chrono::milliseconds Between(Instant a, Instant b);
    const sla::BusinessCalendar& calendar() const { return calendar_; }

private:
    using Hour = std::chrono::sys_time<std::chrono::hours>;
    std::int64_t Total(Instant t);  // W(t) in ms, relative to the first hour asked for
    std::int64_t AtHour(Hour hour);

    const sla::BusinessCalendar& calendar_;
    bool always_open_ = false;
    Hour first_{};
    std::deque<std::int64_t> hours_;  // W at first_, first_ + 1 h, …
};

}  // namespace heed::core::analytics
