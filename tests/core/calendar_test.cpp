#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/sla/calendar.hpp"
#include "core/sla/ics.hpp"
#include "core/sla_calendars.hpp"

namespace heed::core::sla {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using testing::At;
using testing::NewYorkOffice;
using testing::ShanghaiOffice;

enum class Which { kOffice, k24x7, kNewYork };

BusinessCalendar CalendarFor(Which which) {
    switch (which) {
        case Which::kOffice:
            return ShanghaiOffice();
        case Which::kNewYork:
            return NewYorkOffice();
        default:
            return Calendar24x7();
    }
}

struct AddCase {
    const char* what;
    Which calendar;
    const char* start;
    milliseconds duration;
    const char* due;
};

// 2024-05-06 is a Monday. Every due instant is exact: off by one millisecond fails.
const AddCase kAddCases[] = {
    {"within the morning", Which::kOffice, "2024-05-06T09:30+08:00", 2h, "2024-05-06T11:30+08:00"},
    {"across the lunch break", Which::kOffice, "2024-05-06T11:00+08:00", 2h, "2024-05-06T14:30+08:00"},
    {"starting in the lunch break", Which::kOffice, "2024-05-06T12:30+08:00", 1h, "2024-05-06T14:30+08:00"},
    {"starting before opening", Which::kOffice, "2024-05-06T07:00+08:00", 1h, "2024-05-06T10:00+08:00"},
    {"starting after closing", Which::kOffice, "2024-05-07T20:00+08:00", 1h, "2024-05-08T10:00+08:00"},
    {"across a night", Which::kOffice, "2024-05-06T17:00+08:00", 2h, "2024-05-07T10:00+08:00"},
    {"a working day ends at closing, not next morning", Which::kOffice, "2024-05-06T09:00+08:00", 7h + 30min,
     "2024-05-06T18:00+08:00"},
    {"across a weekend", Which::kOffice, "2024-05-17T17:00+08:00", 2h, "2024-05-20T10:00+08:00"},
    {"a whole working week", Which::kOffice, "2024-05-13T09:00+08:00", 37h + 30min, "2024-05-17T18:00+08:00"},
    {"across the Labour Day holiday", Which::kOffice, "2024-04-30T17:00+08:00", 2h, "2024-05-06T10:00+08:00"},
    {"starting on a holiday", Which::kOffice, "2024-05-01T10:00+08:00", 1h, "2024-05-06T10:00+08:00"},
    {"onto the make-up Saturday", Which::kOffice, "2024-05-10T17:00+08:00", 2h, "2024-05-11T10:00+08:00"},
    {"onto the make-up Sunday", Which::kOffice, "2024-04-26T17:30+08:00", 1h, "2024-04-28T09:30+08:00"},
    {"zero duration outside hours is the start", Which::kOffice, "2024-05-18T10:00+08:00", 0ms,
     "2024-05-18T10:00+08:00"},
    {"to the millisecond across lunch", Which::kOffice, "2024-05-06T11:59:59.999+08:00", 2ms,
     "2024-05-06T13:30:00.001+08:00"},
    {"24x7 runs through the weekend", Which::k24x7, "2024-05-17T17:00+08:00", 48h, "2024-05-19T17:00+08:00"},
    {"New York across a night", Which::kNewYork, "2024-05-06T16:00-05:00", 2h, "2024-05-07T10:00-05:00"},
    {"Saturday in UTC is Friday evening in New York", Which::kNewYork, "2024-05-11T01:00Z", 1h,
     "2024-05-13T10:00-05:00"},
};

TEST(CalendarBusinessTime, AddsWorkingTimeCaseByCase) {
    for (const AddCase& c : kAddCases) {
        SCOPED_TRACE(c.what);
        Instant due = AddBusinessTime(CalendarFor(c.calendar), At(c.start), c.duration);
        EXPECT_EQ(FormatIso8601(due), FormatIso8601(At(c.due)));
    }
}

struct BetweenCase {
    const char* what;
    Which calendar;
    const char* a;
    const char* b;
    milliseconds expected;
};

const BetweenCase kBetweenCases[] = {
    {"Friday evening to Monday morning", Which::kOffice, "2024-05-17T17:00+08:00", "2024-05-20T10:00+08:00", 2h},
    {"reversed is negative", Which::kOffice, "2024-05-20T10:00+08:00", "2024-05-17T17:00+08:00", -2h},
    {"the lunch break is not working time", Which::kOffice, "2024-05-06T12:00+08:00", "2024-05-06T13:30+08:00", 0ms},
    {"around the Labour Day holiday", Which::kOffice, "2024-04-30T09:00+08:00", "2024-05-06T18:00+08:00", 15h},
    {"the make-up Saturday works Monday's hours", Which::kOffice, "2024-05-11T00:00+08:00", "2024-05-12T00:00+08:00",
     7h + 30min},
    {"an ordinary Saturday does not work", Which::kOffice, "2024-05-18T00:00+08:00", "2024-05-19T00:00+08:00", 0ms},
    {"a week", Which::kOffice, "2024-05-13T00:00+08:00", "2024-05-20T00:00+08:00", 37h + 30min},
    {"24x7 is wall time", Which::k24x7, "2024-05-17T17:00+08:00", "2024-05-21T00:30+08:00", 79h + 30min},
    {"New York morning", Which::kNewYork, "2024-05-06T08:00-05:00", "2024-05-06T12:00-05:00", 3h},
};

TEST(CalendarBusinessTime, MeasuresWorkingTimeBetweenInstants) {
    for (const BetweenCase& c : kBetweenCases) {
        SCOPED_TRACE(c.what);
        EXPECT_EQ(BusinessTimeBetween(CalendarFor(c.calendar), At(c.a), At(c.b)).count(), c.expected.count());
    }
}

// The two functions are inverses: whatever Add schedules, Between measures back exactly, from any start.
TEST(CalendarBusinessTime, BetweenMeasuresBackWhatAddSchedules) {
    const BusinessCalendar office = ShanghaiOffice();
    const char* starts[] = {"2024-04-26T17:59+08:00", "2024-04-30T23:00+08:00", "2024-05-06T12:15+08:00",
                            "2024-05-10T18:00+08:00", "2024-05-12T03:00+08:00", "2024-05-17T09:00+08:00"};
    const milliseconds durations[] = {1ms, 1min, 2h, 7h + 30min, 15h, 24h, 48h, 200h};
    for (const char* start : starts) {
        for (milliseconds duration : durations) {
            SCOPED_TRACE(std::string(start) + " + " + std::to_string(duration.count()) + " ms");
            Instant due = AddBusinessTime(office, At(start), duration);
            EXPECT_EQ(BusinessTimeBetween(office, At(start), due).count(), duration.count());
        }
    }
}

TEST(CalendarBusinessTime, LocalDateUsesTheCalendarsOffset) {
    EXPECT_EQ(LocalDate(ShanghaiOffice(), At("2024-05-10T16:30Z")), 2024y / May / 11d);
    EXPECT_EQ(LocalDate(NewYorkOffice(), At("2024-05-11T01:00Z")), 2024y / May / 10d);
}

struct ValidationCase {
    const char* what;
    void (*change)(BusinessCalendar&);
    const char* field;  // nullptr: valid
};

const ValidationCase kValidationCases[] = {
    {"the office is valid", [](BusinessCalendar&) {}, nullptr},
    {"24x7 is valid", [](BusinessCalendar& c) { c = Calendar24x7(); }, nullptr},
    {"a name is required", [](BusinessCalendar& c) { c.name.clear(); }, "name"},
    {"offsets stop at 14 hours", [](BusinessCalendar& c) { c.utc_offset = 15h; }, "utc_offset"},
    {"intervals may not overlap",
     [](BusinessCalendar& c) {
         c.week[1] = {{9h, 13h}, {12h, 18h}};
     },
     "week"},
    {"intervals must be sorted",
     [](BusinessCalendar& c) {
         c.week[1] = {{13h, 18h}, {9h, 12h}};
     },
     "week"},
    {"intervals end by 24:00",
     [](BusinessCalendar& c) {
         c.week[1] = {{20h, 25h}};
     },
     "week"},
    {"intervals begin before they end",
     [](BusinessCalendar& c) {
         c.week[1] = {{12h, 12h}};
     },
     "week"},
    {"a week without hours never comes due", [](BusinessCalendar& c) { c.week = {}; }, "week"},
    {"a date cannot be both holiday and working day",
     [](BusinessCalendar& c) { c.holidays.push_back(2024y / May / 11d); }, "extra_working_days"},
};

TEST(CalendarValidation, RefusesInconsistentCalendarsNamingTheField) {
    for (const ValidationCase& c : kValidationCases) {
        SCOPED_TRACE(c.what);
        BusinessCalendar calendar = ShanghaiOffice();
        c.change(calendar);
        auto result = ValidateCalendar(calendar);
        ASSERT_EQ(result.has_value(), c.field == nullptr) << (result ? "" : result.error().message);
        if (c.field) {
            EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
            EXPECT_EQ(result.error().field, c.field);
        }
    }
}

// A calendar without working hours (refused by ValidateCalendar) must still answer rather than loop forever.
TEST(CalendarBusinessTime, ACalendarWithoutHoursIsNeverDue) {
    BusinessCalendar calendar = ShanghaiOffice();
    calendar.week = {};
    EXPECT_EQ(AddBusinessTime(calendar, At("2024-05-10T09:00+08:00"), 1h), Instant::max());
    EXPECT_EQ(BusinessTimeBetween(calendar, At("2024-05-10T09:00+08:00"), At("2024-06-10T09:00+08:00")).count(), 0);
}

std::string Ics(std::initializer_list<const char*> lines, const char* end = "\r\n") {
    std::string text;
    for (const char* line : lines) text += std::string(line) + end;
    return text;
}

struct IcsCase {
    const char* what;
    std::string text;
    std::vector<year_month_day> dates;
    const char* error = nullptr;  // a substring of the message; nullptr: must parse
};

const std::vector<IcsCase>& IcsCases() {
    static const std::vector<IcsCase> cases = {
        {"one all-day holiday, CRLF",
         Ics({"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Heed//Test//EN", "BEGIN:VEVENT", "UID:1@heed",
              "DTSTART;VALUE=DATE:20241001", "SUMMARY:国庆节", "END:VEVENT", "END:VCALENDAR"}),
         {2024y / October / 1d}},
        {"DTEND is exclusive",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240501", "DTEND;VALUE=DATE:20240506",
              "END:VEVENT", "END:VCALENDAR"}),
         {2024y / May / 1d, 2024y / May / 2d, 2024y / May / 3d, 2024y / May / 4d, 2024y / May / 5d}},
        {"folded lines with LF endings",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DA", " TE:2024", "\t0910", "SUMMARY:教师", " 节",
              "END:VEVENT", "END:VCALENDAR"},
             "\n"),
         {2024y / September / 10d}},
        {"DURATION in days",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240215", "DURATION:P2D", "END:VEVENT",
              "END:VCALENDAR"}),
         {2024y / February / 15d, 2024y / February / 16d}},
        {"time zones and alarms are ignored, cancelled events skipped",
         Ics({"BEGIN:VCALENDAR",
              "BEGIN:VTIMEZONE",
              "TZID:Asia/Shanghai",
              "BEGIN:STANDARD",
              "DTSTART:19700101T000000",
              "TZOFFSETFROM:+0800",
              "TZOFFSETTO:+0800",
              "END:STANDARD",
              "END:VTIMEZONE",
              "BEGIN:VEVENT",
              "DTSTART;VALUE=DATE:20240604",
              "BEGIN:VALARM",
              "TRIGGER:-PT15M",
              "ACTION:DISPLAY",
              "END:VALARM",
              "END:VEVENT",
              "BEGIN:VEVENT",
              "DTSTART;VALUE=DATE:20240605",
              "STATUS:CANCELLED",
              "END:VEVENT",
              "END:VCALENDAR"}),
         {2024y / June / 4d}},
        {"repeats merged and sorted",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20241003", "DTEND;VALUE=DATE:20241005",
              "END:VEVENT", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20241001", "DTEND;VALUE=DATE:20241004", "END:VEVENT",
              "END:VCALENDAR"}),
         {2024y / October / 1d, 2024y / October / 2d, 2024y / October / 3d, 2024y / October / 4d}},
        {"byte-order mark, blank lines, lower case",
         "\xEF\xBB\xBF" +
             Ics({"begin:vcalendar", "", "begin:vevent", "dtstart;value=date:20240101", "end:vevent", "end:vcalendar"}),
         {2024y / January / 1d}},
        {"a date without VALUE=DATE is still a date",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20240404", "END:VEVENT", "END:VCALENDAR"}),
         {2024y / April / 4d}},
        {"a calendar without events has no holidays", Ics({"BEGIN:VCALENDAR", "END:VCALENDAR"}), {}},

        {"empty input", "", {}, "no BEGIN:VCALENDAR"},
        {"not iCalendar at all", "hello world\r\n", {}, "line 1: expected NAME:value"},
        {"a property before the calendar",
         Ics({"SUMMARY:x", "BEGIN:VCALENDAR", "END:VCALENDAR"}),
         {},
         "line 1: SUMMARY outside BEGIN:VCALENDAR"},
        {"a folded line with nothing before it", " DTSTART:20240101\r\n", {}, "line 1: a folded continuation"},
        {"never closed",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240101", "END:VEVENT"}),
         {},
         "line 1: BEGIN:VCALENDAR is never closed"},
        {"END closes the wrong component",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240101", "END:VTODO", "END:VCALENDAR"}),
         {},
         "line 4: END:VTODO does not close BEGIN:VEVENT"},
        {"an event without DTSTART",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "SUMMARY:x", "END:VEVENT", "END:VCALENDAR"}),
         {},
         "line 2: the event has no DTSTART"},
        {"a timed event is not a holiday",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20240501T090000Z", "END:VEVENT", "END:VCALENDAR"}),
         {},
         "line 3: DTSTART is a date-time"},
        {"an impossible date",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20230229", "END:VEVENT", "END:VCALENDAR"}),
         {},
         "line 3: DTSTART is not a real date: 20230229"},
        {"a date with dashes",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:2024-05-01", "END:VEVENT", "END:VCALENDAR"}),
         {},
         "line 3: DTSTART must be a date YYYYMMDD"},
        {"DTEND before DTSTART",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240105", "DTEND;VALUE=DATE:20240105",
              "END:VEVENT", "END:VCALENDAR"}),
         {},
         "line 2: DTEND must come after DTSTART"},
        {"DTEND and DURATION together",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240105", "DTEND;VALUE=DATE:20240106",
              "DURATION:P1D", "END:VEVENT", "END:VCALENDAR"}),
         {},
         "both DTEND and DURATION"},
        {"a year-long event",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240101", "DTEND;VALUE=DATE:20250102",
              "END:VEVENT", "END:VCALENDAR"}),
         {},
         "longer than 366 days"},
        {"a recurring event",
         Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240101", "RRULE:FREQ=YEARLY", "END:VEVENT",
              "END:VCALENDAR"}),
         {},
         "line 4: recurring events (RRULE) are not supported"},
    };
    return cases;
}

TEST(CalendarIcs, ReadsHolidaysAndRefusesMalformedFilesCaseByCase) {
    for (const IcsCase& c : IcsCases()) {
        SCOPED_TRACE(c.what);
        auto result = ParseIcsHolidays(c.text);
        if (c.error == nullptr) {
            ASSERT_TRUE(result.has_value()) << result.error().message;
            EXPECT_EQ(*result, c.dates);
        } else {
            ASSERT_FALSE(result.has_value());
            EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
            EXPECT_EQ(result.error().field, "ics");
            EXPECT_NE(result.error().message.find(c.error), std::string::npos) << result.error().message;
        }
    }
}

// Whatever an upload contains, the parser answers (dates or an error) without crashing; run under ASan and UBSan.
TEST(CalendarIcs, SurvivesMangledInput) {
    const std::string valid = IcsCases().front().text + IcsCases()[1].text;
    const char alphabet[] = "BEGIN:VCALENDAREVTDSARTUO;=\"\r\n \t0123456789PWD-+";
    std::mt19937 random(11);
    for (int round = 0; round < 3000; ++round) {
        std::string text = valid;
        int edits = 1 + static_cast<int>(random() % 8);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            std::size_t at = random() % text.size();
            switch (random() % 3) {
                case 0:
                    text.erase(at, 1 + random() % 12);
                    break;
                case 1:
                    text.insert(at, 1, alphabet[random() % (sizeof alphabet - 1)]);
                    break;
                default:
                    text[at] = static_cast<char>(random() % 256);
                    break;
            }
        }
        auto result = ParseIcsHolidays(text);
        if (result) {
            EXPECT_TRUE(std::is_sorted(result->begin(), result->end()));
        } else {
            EXPECT_EQ(result.error().field, "ics");
        }
    }
}

TEST(CalendarIcs, RefusesMoreDatesThanACentury) {
    std::string text = "BEGIN:VCALENDAR\r\n";
    for (int y = 1900; y < 2010; ++y) {
        text += "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:" + std::to_string(y) + "0101\r\nDURATION:P52W\r\nEND:VEVENT\r\n";
    }
    text += "END:VCALENDAR\r\n";
    auto result = ParseIcsHolidays(text);
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().message.find("more than 36600 holiday dates"), std::string::npos)
        << result.error().message;
}

// Imported holidays plug straight into a calendar: the office's Labour Day, read from a feed, moves a deadline.
TEST(CalendarIcs, ImportedHolidaysMoveDeadlines) {
    auto holidays = ParseIcsHolidays(Ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240501",
                                          "DTEND;VALUE=DATE:20240506", "END:VEVENT", "END:VCALENDAR"}));
    ASSERT_TRUE(holidays.has_value());
    BusinessCalendar calendar = ShanghaiOffice();
    calendar.holidays = *holidays;
    EXPECT_EQ(FormatIso8601(AddBusinessTime(calendar, At("2024-04-30T17:00+08:00"), 2h)),
              FormatIso8601(At("2024-05-06T10:00+08:00")));
}

}  // namespace
}  // namespace heed::core::sla
