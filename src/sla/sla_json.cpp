#include "sla/sla_json.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <initializer_list>

namespace heed::sla_adapters {

using core::ErrorCode;
using core::Fail;
using core::Result;
using nlohmann::json;
namespace sla = core::sla;
using namespace std::chrono;

namespace {

constexpr std::array<const char*, 7> kDays{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

core::Error Bad(std::string message, std::string field) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

Result<void> OnlyKeys(const json& object, std::initializer_list<const char*> allowed, const std::string& where) {
    if (!object.is_object()) return tl::unexpected(Bad(where + " must be an object", where));
    for (const auto& [key, value] : object.items()) {
        bool known = false;
        for (const char* a : allowed) known |= key == a;
        if (!known) return tl::unexpected(Bad("unknown field " + key + " in " + where, key));
    }
    return {};
}

std::string Clock(minutes m) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(m.count() / 60), static_cast<int>(m.count() % 60));
    return text;
}

std::optional<minutes> ParseClock(std::string_view text) {
    int h = 0;
    int m = 0;
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (std::size_t i : {0U, 1U, 3U, 4U}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    }
    h = (text[0] - '0') * 10 + (text[1] - '0');
    m = (text[3] - '0') * 10 + (text[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return minutes{h * 60 + m};
}

std::string Date(year_month_day d) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return text;
}

std::optional<year_month_day> ParseDate(const json& value) {
    if (!value.is_string()) return std::nullopt;
    std::string text = value.get<std::string>();
    int y = 0;
    unsigned mo = 0;
    unsigned d = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &mo, &d, &tail) != 3) return std::nullopt;
    year_month_day date{year{y}, month{mo}, day{d}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::optional<weekday> ParseDay(const json& value) {
    if (!value.is_string()) return std::nullopt;
    for (unsigned i = 0; i < kDays.size(); ++i) {
        if (value.get<std::string>() == kDays[i]) return weekday{i};
    }
    return std::nullopt;
}

std::string Offset(minutes offset) {
    char sign = offset < minutes{0} ? '-' : '+';
    return sign + Clock(abs(offset));
}

template <typename E, std::size_t N>
Result<std::vector<E>> EnumList(const json& value, const core::EnumNames<E, N>& names, const std::string& field) {
    std::vector<E> out;
    if (!value.is_array()) return tl::unexpected(Bad(field + " must be a list", field));
    for (const auto& item : value) {
        auto parsed = item.is_string() ? core::ValueOf(names, item.get<std::string>()) : std::nullopt;
        if (!parsed) return tl::unexpected(Bad(field + " has an unknown value", field));
        out.push_back(*parsed);
    }
    return out;
}

template <typename E, std::size_t N>
json EnumJson(const std::vector<E>& values, const core::EnumNames<E, N>& names) {
    json out = json::array();
    for (E v : values) out.push_back(core::NameOf(names, v));
    return out;
}

json Minutes(const std::optional<milliseconds>& target) {
    if (!target) return nullptr;
    return duration_cast<minutes>(*target).count();
}

Result<std::optional<milliseconds>> TargetFrom(const json& targets, const char* key) {
    auto it = targets.find(key);
    if (it == targets.end() || it->is_null()) return std::optional<milliseconds>{};
    if (!it->is_number_integer() || it->get<std::int64_t>() <= 0 || it->get<std::int64_t>() > 525600) {
        return tl::unexpected(Bad(std::string(key) + " must be a whole number of minutes, 1 to 525600", key));
    }
    return std::optional<milliseconds>{minutes{it->get<std::int64_t>()}};
}

}  // namespace

json CalendarToJson(const sla::BusinessCalendar& calendar) {
    json week = json::object();
    for (unsigned i = 0; i < 7; ++i) {
        json day = json::array();
        for (const auto& interval : calendar.week[i]) day.push_back(Clock(interval.begin) + "-" + Clock(interval.end));
        week[kDays[i]] = std::move(day);
    }
    json holidays = json::array();
    for (const auto& date : calendar.holidays) holidays.push_back(Date(date));
    json extra = json::array();
    for (const auto& e : calendar.extra_working_days) {
        extra.push_back({{"date", Date(e.date)}, {"hours_of", kDays[e.hours_of.c_encoding()]}});
    }
    return {{"name", calendar.name},       {"time_zone", calendar.time_zone},
            {"utc_offset", Offset(calendar.utc_offset)}, {"week", week},
            {"holidays", holidays},        {"extra_working_days", extra}};
}

Result<sla::BusinessCalendar> CalendarFromJson(const json& value) {
    if (auto ok = OnlyKeys(value, {"name", "time_zone", "utc_offset", "week", "holidays", "extra_working_days"},
                           "calendar");
        !ok) {
        return tl::unexpected(ok.error());
    }
    sla::BusinessCalendar calendar;
    if (!value.contains("name") || !value["name"].is_string()) return tl::unexpected(Bad("name is required", "name"));
    calendar.name = value["name"].get<std::string>();
    if (calendar.name.size() > 100) return tl::unexpected(Bad("name is longer than 100 bytes", "name"));
    if (value.contains("time_zone")) {
        if (!value["time_zone"].is_string()) return tl::unexpected(Bad("time_zone must be text", "time_zone"));
        calendar.time_zone = value["time_zone"].get<std::string>();
    }
    if (value.contains("utc_offset")) {
        const json& offset = value["utc_offset"];
        std::string text = offset.is_string() ? offset.get<std::string>() : "";
        auto clock = text.size() == 6 && (text[0] == '+' || text[0] == '-') ? ParseClock(text.substr(1)) : std::nullopt;
        if (!clock) return tl::unexpected(Bad("utc_offset must look like +08:00", "utc_offset"));
        calendar.utc_offset = text[0] == '-' ? -*clock : *clock;
    }
    if (!value.contains("week")) return tl::unexpected(Bad("week is required", "week"));
    const json& week = value["week"];
    if (auto ok = OnlyKeys(week, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}, "week"); !ok) {
        return tl::unexpected(ok.error());
    }
    for (unsigned i = 0; i < 7; ++i) {
        auto day = week.find(kDays[i]);
        if (day == week.end() || day->is_null()) continue;
        if (!day->is_array()) return tl::unexpected(Bad(std::string("week.") + kDays[i] + " must be a list", "week"));
        for (const auto& item : *day) {
            std::string text = item.is_string() ? item.get<std::string>() : "";
            auto begin = text.size() == 11 && text[5] == '-' ? ParseClock(text.substr(0, 5)) : std::nullopt;
            auto end = begin ? ParseClock(text.substr(6)) : std::nullopt;
            if (!begin || !end) {
                return tl::unexpected(
                    Bad(std::string("week.") + kDays[i] + ": a working interval looks like 09:00-18:00", "week"));
            }
            calendar.week[i].push_back({*begin, *end});
        }
    }
    if (value.contains("holidays")) {
        if (!value["holidays"].is_array()) return tl::unexpected(Bad("holidays must be a list", "holidays"));
        for (const auto& item : value["holidays"]) {
            auto date = ParseDate(item);
            if (!date) return tl::unexpected(Bad("a holiday must be a date like 2024-05-01", "holidays"));
            calendar.holidays.push_back(*date);
        }
        if (calendar.holidays.size() > 5000) return tl::unexpected(Bad("at most 5000 holidays", "holidays"));
    }
    if (value.contains("extra_working_days")) {
        if (!value["extra_working_days"].is_array()) {
            return tl::unexpected(Bad("extra_working_days must be a list", "extra_working_days"));
        }
        for (const auto& item : value["extra_working_days"]) {
            if (auto ok = OnlyKeys(item, {"date", "hours_of"}, "extra_working_days"); !ok) {
                return tl::unexpected(ok.error());
            }
            auto date = item.contains("date") ? ParseDate(item["date"]) : std::nullopt;
            if (!date) return tl::unexpected(Bad("an extra working day needs a date", "extra_working_days"));
            sla::ExtraWorkingDay extra{*date, Monday};
            if (item.contains("hours_of")) {
                auto day = ParseDay(item["hours_of"]);
                if (!day) return tl::unexpected(Bad("hours_of must be mon … sun", "extra_working_days"));
                extra.hours_of = *day;
            }
            calendar.extra_working_days.push_back(extra);
        }
    }
    return calendar;
}

json PolicyToJson(const sla::SlaPolicy& policy) {
    const auto& c = policy.conditions;
    return {{"name", policy.name},
            {"conditions",
             {{"urgency", EnumJson(c.urgencies, core::complaint::kUrgencyNames)},
              {"min_severity", c.min_severity ? json(*c.min_severity) : json(nullptr)},
              {"tier", EnumJson(c.tiers, core::complaint::kCustomerTierNames)},
              {"category", c.categories},
              {"channel", EnumJson(c.channels, core::complaint::kChannelNames)}}},
            {"calendar", policy.calendar},
            {"targets",
             {{"first_response_minutes", Minutes(policy.targets.first_response)},
              {"next_update_minutes", Minutes(policy.targets.next_update)},
              {"resolution_minutes", Minutes(policy.targets.resolution)}}},
            {"warn_share", policy.warn_share}};
}

Result<sla::SlaPolicy> PolicyFromJson(const json& value) {
    if (auto ok = OnlyKeys(value, {"name", "conditions", "calendar", "targets", "warn_share"}, "policy"); !ok) {
        return tl::unexpected(ok.error());
    }
    sla::SlaPolicy policy;
    if (!value.contains("name") || !value["name"].is_string()) return tl::unexpected(Bad("name is required", "name"));
    policy.name = value["name"].get<std::string>();
    if (value.contains("calendar")) {
        if (!value["calendar"].is_string()) return tl::unexpected(Bad("calendar must be text", "calendar"));
        policy.calendar = value["calendar"].get<std::string>();
    }
    if (value.contains("conditions")) {
        const json& c = value["conditions"];
        if (auto ok = OnlyKeys(c, {"urgency", "min_severity", "tier", "category", "channel"}, "conditions"); !ok) {
            return tl::unexpected(ok.error());
        }
        if (c.contains("urgency")) {
            auto list = EnumList(c["urgency"], core::complaint::kUrgencyNames, "urgency");
            if (!list) return tl::unexpected(list.error());
            policy.conditions.urgencies = *list;
        }
        if (c.contains("tier")) {
            auto list = EnumList(c["tier"], core::complaint::kCustomerTierNames, "tier");
            if (!list) return tl::unexpected(list.error());
            policy.conditions.tiers = *list;
        }
        if (c.contains("channel")) {
            auto list = EnumList(c["channel"], core::complaint::kChannelNames, "channel");
            if (!list) return tl::unexpected(list.error());
            policy.conditions.channels = *list;
        }
        if (c.contains("category")) {
            if (!c["category"].is_array()) return tl::unexpected(Bad("category must be a list", "category"));
            for (const auto& item : c["category"]) {
                if (!item.is_string()) return tl::unexpected(Bad("category must be a list of names", "category"));
                policy.conditions.categories.push_back(item.get<std::string>());
            }
        }
        if (c.contains("min_severity") && !c["min_severity"].is_null()) {
            if (!c["min_severity"].is_number_integer()) {
                return tl::unexpected(Bad("min_severity must be 1 to 5", "min_severity"));
            }
            policy.conditions.min_severity = c["min_severity"].get<int>();
        }
    }
    if (value.contains("targets")) {
        const json& t = value["targets"];
        if (auto ok = OnlyKeys(t, {"first_response_minutes", "next_update_minutes", "resolution_minutes"}, "targets");
            !ok) {
            return tl::unexpected(ok.error());
        }
        auto first = TargetFrom(t, "first_response_minutes");
        auto next = first ? TargetFrom(t, "next_update_minutes") : first;
        auto resolution = next ? TargetFrom(t, "resolution_minutes") : next;
        if (!resolution) return tl::unexpected(resolution.error());
        policy.targets = {*first, *next, *resolution};
    }
    if (value.contains("warn_share")) {
        if (!value["warn_share"].is_number()) return tl::unexpected(Bad("warn_share must be a number", "warn_share"));
        policy.warn_share = value["warn_share"].get<double>();
        if (!std::isfinite(policy.warn_share)) return tl::unexpected(Bad("warn_share must be finite", "warn_share"));
    }
    return policy;
}

json RegulatoryToJson(const sla::SlaConfig& config) {
    return {{"days", config.regulatory_period ? json(config.regulatory_period->count()) : json(nullptr)},
            {"calendar", config.regulatory_calendar}};
}

Result<void> RegulatoryFromJson(const json& value, sla::SlaConfig& config) {
    if (value.is_null()) {
        config.regulatory_period.reset();
        return {};
    }
    if (auto ok = OnlyKeys(value, {"days", "calendar"}, "regulatory"); !ok) return ok;
    if (value.contains("days") && !value["days"].is_null()) {
        if (!value["days"].is_number_integer()) {
            return tl::unexpected(Bad("regulatory.days must be a whole number of days", "regulatory_days"));
        }
        config.regulatory_period = days{value["days"].get<std::int64_t>()};
    } else {
        config.regulatory_period.reset();
    }
    if (value.contains("calendar")) {
        if (!value["calendar"].is_string()) return tl::unexpected(Bad("regulatory.calendar must be text", "calendar"));
        config.regulatory_calendar = value["calendar"].get<std::string>();
    }
    return {};
}

json ConfigToJson(const sla::SlaConfig& config) {
    json calendars = json::array();
    for (const auto& c : config.calendars) calendars.push_back(CalendarToJson(c));
    json policies = json::array();
    for (const auto& p : config.policies) policies.push_back(PolicyToJson(p));
    return {{"calendars", calendars}, {"policies", policies}, {"regulatory", RegulatoryToJson(config)}};
}

Result<sla::SlaConfig> ConfigFromJson(const json& value) {
    if (auto ok = OnlyKeys(value, {"calendars", "policies", "regulatory"}, "sla"); !ok) {
        return tl::unexpected(ok.error());
    }
    sla::SlaConfig config;
    if (value.contains("calendars")) {
        if (!value["calendars"].is_array()) return tl::unexpected(Bad("calendars must be a list", "calendars"));
        for (const auto& item : value["calendars"]) {
            auto calendar = CalendarFromJson(item);
            if (!calendar) return tl::unexpected(calendar.error());
            config.calendars.push_back(std::move(*calendar));
        }
    }
    if (value.contains("policies")) {
        if (!value["policies"].is_array()) return tl::unexpected(Bad("policies must be a list", "policies"));
        for (const auto& item : value["policies"]) {
            auto policy = PolicyFromJson(item);
            if (!policy) return tl::unexpected(policy.error());
            config.policies.push_back(std::move(*policy));
        }
    }
    if (value.contains("regulatory")) {
        if (auto ok = RegulatoryFromJson(value["regulatory"], config); !ok) return tl::unexpected(ok.error());
    }
    return config;
}

}  // namespace heed::sla_adapters
