#pragma once
// Calendars and instants shared by the SLA tests.

#include <gtest/gtest.h>

#include <chrono>

#include "core/common/time.hpp"
#include "core/sla/calendar.hpp"

namespace heed::core::sla::testing {

using namespace std::chrono_literals;

inline Instant At(const char* text) {
    auto parsed = ParseIso8601(text);
    EXPECT_TRUE(parsed.has_value()) << text;
    return parsed.value_or(Instant{});
}

// A Shanghai office: 09:00–12:00 and 13:30–18:00 on weekdays (7.5 working hours a day). Labour Day 2024 as the
// State Council set it: 1–5 May off (Wednesday to Sunday), made up on Sunday 28 April and Saturday 11 May.
inline BusinessCalendar ShanghaiOffice() {
    using namespace std::chrono;
    BusinessCalendar calendar;
    calendar.name = "shanghai-office";
    calendar.time_zone = "Asia/Shanghai";
    calendar.utc_offset = 8h;
    for (weekday day : {Monday, Tuesday, Wednesday, Thursday, Friday}) {
        calendar.week[day.c_encoding()] = {{9h, 12h}, {13h + 30min, 18h}};
    }
    for (unsigned d = 1; d <= 5; ++d) calendar.holidays.push_back(2024y / May / std::chrono::day{d});
    calendar.extra_working_days = {{2024y / April / 28d}, {2024y / May / 11d}};
    return calendar;
}

// New York office hours on a fixed UTC−05:00 (no DST: see calendar.hpp), to prove local days are not UTC days.
inline BusinessCalendar NewYorkOffice() {
    using namespace std::chrono;
    BusinessCalendar calendar;
    calendar.name = "new-york";
    calendar.time_zone = "America/New_York";
    calendar.utc_offset = -5h;
    for (weekday day : {Monday, Tuesday, Wednesday, Thursday, Friday}) calendar.week[day.c_encoding()] = {{9h, 17h}};
    return calendar;
}

}  // namespace heed::core::sla::testing
