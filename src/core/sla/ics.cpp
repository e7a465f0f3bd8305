#include "core/sla/ics.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace heed::core::sla {
namespace {

using namespace std::chrono;

constexpr days kLongestEvent{366};
constexpr std::size_t kMostDates = 36600;  // a century of holidays is more than any tenant needs

struct Line {
    std::string text;
    int number = 0;  // the physical line it starts on, for error messages
};

struct Property {
    std::string name;                 // upper case
    std::vector<std::string> params;  // upper case, "VALUE=DATE"
    std::string value;
};

struct PendingEvent {
    int begin_line = 0;
    std::optional<sys_days> start;
    std::optional<sys_days> end;
    std::optional<days> duration;
    bool cancelled = false;
};

tl::unexpected<Error> Refuse(int line, const std::string& message) {
    return Fail(ErrorCode::kInvalidArgument, "line " + std::to_string(line) + ": " + message, "ics");
}

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// RFC 5545 §3.1: a line starting with a space or tab continues the previous one, minus that one character.
Result<std::vector<Line>> Unfold(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<Line> lines;
    int number = 0;
    while (!text.empty()) {
        std::size_t newline = text.find('\n');
        std::string_view physical = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        ++number;
        if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
        if (!physical.empty() && (physical.front() == ' ' || physical.front() == '\t')) {
            if (lines.empty()) return Refuse(number, "a folded continuation line with no line before it");
            lines.back().text.append(physical.substr(1));
        } else if (!physical.empty()) {
            lines.push_back({std::string(physical), number});
        }
    }
    return lines;
}

Result<Property> ParseProperty(const Line& line) {
    const std::string& text = line.text;
    std::size_t pos = 0;
    while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '-')) ++pos;
    if (pos == 0 || pos == text.size() || (text[pos] != ':' && text[pos] != ';')) {
        return Refuse(line.number, "expected NAME:value, found \"" + text.substr(0, 40) + "\"");
    }
    Property property{Upper(text.substr(0, pos)), {}, {}};
    // Parameters run to the first ':' outside double quotes (a quoted parameter value may contain ':' and ';').
    bool quoted = false;
    std::string param;
    for (; pos < text.size(); ++pos) {
        char c = text[pos];
        if (c == '"') quoted = !quoted;
        if (!quoted && (c == ';' || c == ':')) {
            if (!param.empty()) property.params.push_back(Upper(param));
            param.clear();
            if (c == ':') break;
            continue;
        }
        param += c;
    }
    if (pos >= text.size()) return Refuse(line.number, property.name + " has no ':' before its value");
    property.value = text.substr(pos + 1);
    return property;
}

bool HasParam(const Property& property, std::string_view param) {
    return std::find(property.params.begin(), property.params.end(), param) != property.params.end();
}

Result<sys_days> ParseDate(const Line& line, const Property& property) {
    const std::string& v = property.value;
    if (HasParam(property, "VALUE=DATE-TIME") || v.find('T') != std::string::npos) {
        return Refuse(line.number, property.name + " is a date-time; a holiday must be an all-day date (" +
                                       property.name + ";VALUE=DATE:YYYYMMDD)");
    }
    bool digits = v.size() == 8 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return Refuse(line.number, property.name + " must be a date YYYYMMDD, found \"" + v + "\"");
    year_month_day date{year{std::stoi(v.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(v.substr(4, 2)))},
                        day{static_cast<unsigned>(std::stoi(v.substr(6, 2)))}};
    if (!date.ok()) return Refuse(line.number, property.name + " is not a real date: " + v);
    return sys_days{date};
}

Result<days> ParseDuration(const Line& line, const Property& property) {
    std::string_view v = property.value;
    if (!v.empty() && v.front() == '+') v.remove_prefix(1);
    bool ok = v.size() >= 3 && v.size() <= 6 && v.front() == 'P' && (v.back() == 'D' || v.back() == 'W') &&
              std::all_of(v.begin() + 1, v.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
    if (!ok) return Refuse(line.number, "DURATION of an all-day event must be whole days (PnD or PnW)");
    int count = std::stoi(std::string(v.substr(1, v.size() - 2)));
    if (count < 1) return Refuse(line.number, "DURATION must be at least one day");
    return days{v.back() == 'W' ? count * 7 : count};
}

Result<void> TakeEventProperty(PendingEvent& event, const Line& line, const Property& property) {
    if (property.name == "DTSTART" || property.name == "DTEND") {
        auto& slot = property.name == "DTSTART" ? event.start : event.end;
        if (slot) return Refuse(line.number, property.name + " appears twice in one event");
        auto date = ParseDate(line, property);
        if (!date) return tl::unexpected(date.error());
        slot = *date;
    } else if (property.name == "DURATION") {
        auto duration = ParseDuration(line, property);
        if (!duration) return tl::unexpected(duration.error());
        event.duration = *duration;
    } else if (property.name == "RRULE" || property.name == "RDATE") {
        return Refuse(line.number, "recurring events (" + property.name +
                                       ") are not supported; export the calendar with the dates expanded");
    } else if (property.name == "STATUS") {
        event.cancelled = Upper(property.value) == "CANCELLED";
    }
    return {};
}

Result<void> FinishEvent(const PendingEvent& event, std::vector<year_month_day>& out) {
    if (event.cancelled) return {};
    if (!event.start) return Refuse(event.begin_line, "the event has no DTSTART");
    if (event.end && event.duration) return Refuse(event.begin_line, "the event has both DTEND and DURATION");
    sys_days end = event.end ? *event.end : *event.start + event.duration.value_or(days{1});
    if (end <= *event.start) return Refuse(event.begin_line, "DTEND must come after DTSTART (DTEND is exclusive)");
    if (end - *event.start > kLongestEvent) return Refuse(event.begin_line, "the event is longer than 366 days");
    for (sys_days d = *event.start; d < end; d += days{1}) out.emplace_back(d);
    // Overlapping events repeat dates: merge before judging the size, so only distinct dates count.
    if (out.size() > kMostDates) {
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        if (out.size() > kMostDates) {
            return Refuse(event.begin_line, "more than " + std::to_string(kMostDates) + " holiday dates");
        }
    }
    return {};
}

}  // namespace

Result<std::vector<year_month_day>> ParseIcsHolidays(std::string_view text) {
    auto lines = Unfold(text);
    if (!lines) return tl::unexpected(lines.error());
    std::vector<year_month_day> dates;
    std::vector<std::pair<std::string, int>> open;  // components begun and not yet ended, with their lines
    std::optional<PendingEvent> event;
    bool seen_calendar = false;

    for (const Line& line : *lines) {
        auto property = ParseProperty(line);
        if (!property) return tl::unexpected(property.error());
        std::string value = Upper(property->value);
        if (property->name == "BEGIN") {
            if (open.empty() && value != "VCALENDAR") return Refuse(line.number, "expected BEGIN:VCALENDAR");
            if (value == "VCALENDAR" && !open.empty()) return Refuse(line.number, "VCALENDAR inside another component");
            if (value == "VEVENT") {
                if (open.back().first != "VCALENDAR") return Refuse(line.number, "VEVENT inside " + open.back().first);
                event = PendingEvent{line.number, {}, {}, {}, false};
            }
            seen_calendar = true;
            open.emplace_back(value, line.number);
        } else if (property->name == "END") {
            if (open.empty() || open.back().first != value) {
                return Refuse(line.number, "END:" + value + " does not close " +
                                               (open.empty() ? std::string("anything") : "BEGIN:" + open.back().first));
            }
            open.pop_back();
            if (value == "VEVENT") {
                if (auto finished = FinishEvent(*event, dates); !finished) return tl::unexpected(finished.error());
                event.reset();
            }
        } else if (open.empty()) {
            return Refuse(line.number, property->name + " outside BEGIN:VCALENDAR ... END:VCALENDAR");
        } else if (open.back().first == "VEVENT") {
            if (auto taken = TakeEventProperty(*event, line, *property); !taken) return tl::unexpected(taken.error());
        }
    }
    if (!seen_calendar) return Fail(ErrorCode::kInvalidArgument, "not an iCalendar file: no BEGIN:VCALENDAR", "ics");
    if (!open.empty()) {
        return Refuse(open.back().second,
                      "BEGIN:" + open.back().first + " is never closed by END:" + open.back().first);
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    return dates;
}

}  // namespace heed::core::sla
