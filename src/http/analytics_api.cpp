#include "http/analytics_api.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;
namespace analytics = core::analytics;

namespace analytics_query {

core::Error Bad(std::string message, std::string field) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

core::Result<void> OnlyParams(const Request& request, const std::set<std::string>& known) {
    for (const auto& [key, value] : request.query) {
        if (!known.count(key)) return tl::unexpected(Bad("unknown query parameter " + key, key));
    }
    return {};
}

std::string Param(const Request& request, const char* key) {
    auto it = request.query.find(key);
    return it == request.query.end() ? std::string() : it->second;
}

core::Result<double> NumberParam(const Request& request, const char* key, double fallback, double low, double high) {
    auto text = Param(request, key);
    if (text.empty()) return fallback;
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(value) || value < low || value > high) {
        char range[64];
        std::snprintf(range, sizeof range, " must be a number %g … %g", low, high);
        return tl::unexpected(Bad(std::string(key) + range, key));
    }
    return value;
}

// from/to as ISO 8601 (a date means its midnight UTC); default: the last 30 days up to now.
core::Result<analytics::Period> PeriodParams(const Request& request) {
    analytics::Period period;
    auto to = Param(request, "to"), from = Param(request, "from");
    auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    if (to.empty()) {
        period.to = now;
    } else if (auto parsed = core::ParseIso8601(to)) {
        period.to = *parsed;
    } else {
        return tl::unexpected(Bad("to must be ISO 8601", "to"));
    }
    if (from.empty()) {
        period.from = period.to - std::chrono::days(30);
    } else if (auto parsed = core::ParseIso8601(from)) {
        period.from = *parsed;
    } else {
        return tl::unexpected(Bad("from must be ISO 8601", "from"));
    }
    if (period.to <= period.from) return tl::unexpected(Bad("to must be after from", "to"));
    return period;
}

core::Result<std::optional<analytics::Dimension>> GroupParam(const Request& request) {
    auto text = Param(request, "group_by");
    if (text.empty()) return std::optional<analytics::Dimension>();
    auto dimension = core::ValueOf(analytics::kDimensionNames, text);
    if (!dimension) {
        return tl::unexpected(Bad("group_by must be category, channel, team, agent, product or tier", "group_by"));
    }
    return std::optional<analytics::Dimension>(*dimension);
}

// ±HH:MM (or Z); local days, weeks and hours are counted in this offset from UTC.
core::Result<std::chrono::minutes> OffsetParam(const Request& request) {
    auto text = Param(request, "utc_offset");
    if (text.empty() || text == "Z") return std::chrono::minutes(0);
    int hours = 0, minutes = 0;
    char sign = 0, colon = 0, rest = 0;
    if (text.size() != 6 || std::sscanf(text.c_str(), "%c%2d%c%2d%c", &sign, &hours, &colon, &minutes, &rest) != 4 ||
        (sign != '+' && sign != '-') || colon != ':' || hours > 14 || minutes > 59 || hours * 60 + minutes > 14 * 60) {
        return tl::unexpected(Bad("utc_offset must be ±HH:MM, at most 14 hours (e.g. +08:00)", "utc_offset"));
    }
    return std::chrono::minutes((sign == '-' ? -1 : 1) * (hours * 60 + minutes));
}

}  // namespace analytics_query

using namespace analytics_query;

namespace {

// weekday (mon … sun) and hour (0 … 23) together name one cell of the trends' heat map, in utc_offset.
core::Result<std::optional<analytics::HeatCell>> HeatCellParams(const Request& request) {
    bool has_weekday = request.query.count("weekday") > 0, has_hour = request.query.count("hour") > 0;
    if (!has_weekday && !has_hour) {
        if (request.query.count("utc_offset")) return tl::unexpected(Bad("utc_offset needs weekday and hour", "utc_offset"));
        return std::optional<analytics::HeatCell>{};
    }
    if (!has_weekday) return tl::unexpected(Bad("hour needs weekday", "weekday"));
    if (!has_hour) return tl::unexpected(Bad("weekday needs hour", "hour"));
    static const std::array<std::string_view, 7> kWeekdays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    auto day = std::find(kWeekdays.begin(), kWeekdays.end(), Param(request, "weekday"));
    if (day == kWeekdays.end()) return tl::unexpected(Bad("weekday must be mon, tue, wed, thu, fri, sat or sun", "weekday"));
    auto hour = Param(request, "hour");
    if (hour.empty() || hour.size() > 2 || !std::all_of(hour.begin(), hour.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(hour) > 23) {
        return tl::unexpected(Bad("hour must be 0 … 23", "hour"));
    }
    auto offset = OffsetParam(request);
    if (!offset) return tl::unexpected(offset.error());
    return analytics::HeatCell{static_cast<int>(day - kWeekdays.begin()), std::stoi(hour), *offset};
}

json Optional(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json RateJson(const analytics::Rate& r) {
    return {{"value", Optional(r.value())}, {"numerator", r.numerator}, {"denominator", r.denominator}};
}

json DurationsJson(const analytics::Durations& d) {
    return {{"n", d.n}, {"median_hours", Optional(d.median_hours)}, {"p90_hours", Optional(d.p90_hours)}};
}

json Target(const char* comparison, double target, const std::optional<double>& value) {
    json t{{"target", target}, {"comparison", comparison}};
    if (!value) {
        t["met"] = nullptr;
    } else {
        t["met"] = std::string(comparison) == ">=" ? *value >= target : *value <= target;
    }
    return t;
}

}  // namespace

json KpiSetJson(const analytics::KpiSet& k, const analytics::Targets& targets) {
    json out{{"received", k.received},
             {"first_response_time", DurationsJson(k.first_response)},
             {"handling_time", DurationsJson(k.handling)},
             {"first_response_time_business", DurationsJson(k.first_response_business)},
             {"handling_time_business", DurationsJson(k.handling_business)},
             {"sla_first_response", RateJson(k.sla_first_response)},
             {"sla_resolution", RateJson(k.sla_resolution)},
             {"resolution_rate", RateJson(k.resolution)},
             {"first_contact_resolution", RateJson(k.first_contact_resolution)},
             {"repeat_rate", RateJson(k.repeat)},
             {"escalation_rate", RateJson(k.escalation)},
             {"reopen_rate", RateJson(k.reopen)}};
    analytics::Rate sla{k.sla_first_response.numerator + k.sla_resolution.numerator,
                        k.sla_first_response.denominator + k.sla_resolution.denominator};
    out["sla_compliance"] = RateJson(sla);
    out["sla_compliance"]["target"] = Target(">=", targets.sla_compliance, sla.value());
    out["resolution_rate"]["target"] = Target(">=", targets.resolution_rate, k.resolution.value());
    out["repeat_rate"]["target"] = Target("<=", targets.repeat_rate, k.repeat.value());
    auto response_rate = k.csat.sent ? std::optional<double>(static_cast<double>(k.csat.n) / k.csat.sent) : std::nullopt;
    auto satisfied = k.csat.n ? std::optional<double>(static_cast<double>(k.csat.satisfied) / k.csat.n) : std::nullopt;
    out["csat"] = {{"mean", Optional(k.csat.mean())}, {"share_4_5", Optional(satisfied)}, {"n", k.csat.n},
                   {"surveys_sent", k.csat.sent}, {"response_rate", Optional(response_rate)},
                   {"target", Target(">=", targets.csat, k.csat.mean())}};
    auto interval = k.nps.interval95();
    out["nps"] = {{"value", Optional(k.nps.value())}, {"n", k.nps.n}, {"promoters", k.nps.promoters},
                  {"detractors", k.nps.detractors},
                  {"interval95", interval ? json::array({interval->first, interval->second}) : json(nullptr)},
                  {"target", Target(">=", targets.nps, k.nps.value())}};
    out["compensation"] = {{"complaints", k.compensated_complaints}, {"approved", k.compensations_approved},
                           {"per_complaint", k.received ? json(static_cast<double>(k.compensations_approved) / k.received)
                                                        : json(nullptr)}};
    return out;
}

namespace {

std::string Date(analytics::Day day) {
    return core::FormatIso8601(std::chrono::time_point_cast<std::chrono::milliseconds>(
                                   std::chrono::sys_time<std::chrono::days>(day.time_since_epoch())))
        .substr(0, 10);
}

}  // namespace

json MonthlyReportJson(const analytics::MonthlyReport& r) {
    json problems = json::array(), daily = json::array();
    for (const auto& p : r.problems) {
        problems.push_back({{"category", p.category}, {"count", p.count}, {"share", p.share},
                            {"customers", p.customers}, {"mean_severity", p.mean_severity},
                            {"previous_count", p.previous_count}, {"priority", p.customers * std::max(p.mean_severity, 1.0)}});
    }
    for (const auto& d : r.daily) daily.push_back({{"date", d.date}, {"count", d.count}});
    char month[16];
    std::snprintf(month, sizeof month, "%04d-%02u", r.year, r.month);
    json out{{"month", month},
             {"from", core::FormatIso8601(r.period.from)},
             {"to", core::FormatIso8601(r.period.to)},
             {"sample_size", r.kpis.received},
             {"average_satisfaction", Optional(r.kpis.csat.mean())},
             {"satisfaction_n", r.kpis.csat.n},
             {"top_problems", json(problems.begin(), problems.begin() + std::min<std::ptrdiff_t>(3, problems.size()))},
             {"problems", problems},
             {"kpis", KpiSetJson(r.kpis, r.targets)},
             {"previous_month_kpis", KpiSetJson(r.previous, r.targets)},
             {"business_calendar", r.business_calendar.empty() ? json(nullptr) : json(r.business_calendar)},
             {"daily", daily},
             {"measures", {{"done", json::array()}, {"in_progress", json::array()}, {"not_started", json::array()}}},
             {"next_month_focus", r.focus},
             {"reporter", r.reporter},
             {"date", core::FormatIso8601(r.generated_at).substr(0, 10)}};
    if (!r.team_scope.empty()) out["team"] = r.team_scope;
    return out;
}

void AddAnalyticsApi(Router& router, analytics::AnalyticsService& service,
                     std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate,
                     XlsxRenderer xlsx) {
    auto who = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    auto& s = service;

    router.Add("GET", "/api/v1/analytics/kpis", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (auto ok = OnlyParams(request, {"from", "to", "group_by", "calendar"}); !ok) return ErrorResponse(ok.error());
        auto period = PeriodParams(request);
        if (!period) return ErrorResponse(period.error());
        auto group_by = GroupParam(request);
        if (!group_by) return ErrorResponse(group_by.error());
        auto answer = s.Kpis(*actor, *period, *group_by, Param(request, "calendar"));
        if (!answer) return ErrorResponse(answer.error());
        json body{{"from", core::FormatIso8601(period->from)},
                  {"to", core::FormatIso8601(period->to)},
                  {"business_calendar", answer->calendar},
                  {"total", KpiSetJson(answer->report.total, answer->targets)}};
        if (!answer->team_scope.empty()) body["team"] = answer->team_scope;
        if (*group_by) {
            body["group_by"] = std::string(core::NameOf(analytics::kDimensionNames, **group_by));
            json groups = json::array();
            for (const auto& [name, set] : answer->report.groups) {
                json g = KpiSetJson(set, answer->targets);
                g["group"] = name;
                groups.push_back(std::move(g));
            }
            body["groups"] = std::move(groups);
        }
        return JsonResponse(200, body);
    });

    router.Add("GET", "/api/v1/analytics/kpis/drill", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (auto ok = OnlyParams(request, {"kpi", "from", "to", "group_by", "group", "limit", "weekday", "hour",
                                           "utc_offset"});
            !ok) {
            return ErrorResponse(ok.error());
        }
        auto kpi = core::ValueOf(analytics::kKpiNames, Param(request, "kpi"));
        if (!kpi) return ErrorResponse(Bad("kpi must be one of the names in docs/metrics.md", "kpi"));
        auto period = PeriodParams(request);
        if (!period) return ErrorResponse(period.error());
        auto group_by = GroupParam(request);
        if (!group_by) return ErrorResponse(group_by.error());
        if (!*group_by && request.query.count("group")) return ErrorResponse(Bad("group needs group_by", "group"));
        auto limit = NumberParam(request, "limit", 100, 1, 10000);
        if (!limit) return ErrorResponse(limit.error());
        auto cell = HeatCellParams(request);
        if (!cell) return ErrorResponse(cell.error());
        auto drill = s.DrillDown(*actor, *period, *kpi, *group_by, Param(request, "group"), static_cast<int>(*limit),
                                 *cell);
        if (!drill) return ErrorResponse(drill.error());
        json items = json::array();
        for (const auto& item : drill->items) {
            items.push_back({{"id", item.id}, {"number", item.number}, {"counted", item.counted}});
        }
        return JsonResponse(200, {{"kpi", Param(request, "kpi")}, {"total", drill->total}, {"items", items}});
    });

    router.Add("GET", "/api/v1/reports/monthly", [who, &s, xlsx](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (auto ok = OnlyParams(request, {"month", "format", "lang", "calendar"}); !ok) return ErrorResponse(ok.error());
        auto month = Param(request, "month");
        auto period = analytics::MonthPeriod(month);
        if (!period) return ErrorResponse(period.error());
        auto format = Param(request, "format").empty() ? std::string("json") : Param(request, "format");
        if (format != "json" && format != "html" && !(format == "xlsx" && xlsx)) {
            return ErrorResponse(Bad(xlsx ? "format must be html, json or xlsx" : "format must be html or json", "format"));
        }
        auto lang = Param(request, "lang").empty() ? std::string("zh") : Param(request, "lang");
        if (lang != "zh" && lang != "en") return ErrorResponse(Bad("lang must be zh or en", "lang"));
        auto language = lang == "zh" ? analytics::Language::kZh : analytics::Language::kEn;
        auto report = s.Monthly(*actor, month, *period, language, Param(request, "calendar"));
        if (!report) return ErrorResponse(report.error());
        if (format == "json") return JsonResponse(200, MonthlyReportJson(*report));
        Response response;
        if (format == "xlsx") {
            auto bytes = xlsx(*report, language);
            if (!bytes) return ErrorResponse(bytes.error());
            response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            response.body = std::move(*bytes);
            response.headers.emplace_back("Content-Disposition", "attachment; filename=\"report-" + month + ".xlsx\"");
            return response;
        }
        response.content_type = "text/html; charset=utf-8";
        response.body = analytics::RenderMonthlyHtml(*report, language);
        response.headers.emplace_back("Content-Disposition", "inline; filename=\"report-" + month + ".html\"");
        return response;
    });

    router.Add("GET", "/api/v1/analytics/forecast", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (auto ok = OnlyParams(request, {"horizon", "category", "aht_minutes", "answer_within_minutes",
                                           "service_level", "staffed_hours"});
            !ok) {
            return ErrorResponse(ok.error());
        }
        auto horizon = NumberParam(request, "horizon", 28, 1, 366);
        auto aht = NumberParam(request, "aht_minutes", 0, 0, 1440);
        auto within = NumberParam(request, "answer_within_minutes", 30, 0, 100000);
        auto level = NumberParam(request, "service_level", 0.8, 0.01, 0.99);
        auto hours = NumberParam(request, "staffed_hours", 8, 0.5, 24);
        for (const auto* r : {&horizon, &aht, &within, &level, &hours}) {
            if (!*r) return ErrorResponse(r->error());
        }
        std::optional<analytics::StaffingTarget> staffing;
        if (*aht > 0) {
            staffing = analytics::StaffingTarget{
                .handling_time = std::chrono::seconds(static_cast<long>(*aht * 60)),
                .answer_within = std::chrono::seconds(static_cast<long>(*within * 60)),
                .service_level = *level,
                .staffed_hours_per_day = *hours};
        }
        auto result = s.ForecastVolume(*actor, {.horizon = static_cast<int>(*horizon)}, Param(request, "category"),
                                       staffing);
        if (!result) return ErrorResponse(result.error());
        json history = json::array(), points = json::array();
        for (const auto& h : result->history) history.push_back({{"date", Date(h.day)}, {"count", h.count}});
        for (std::size_t i = 0; i < result->forecast.points.size(); ++i) {
            const auto& p = result->forecast.points[i];
            json point{{"date", Date(p.day)}, {"forecast", p.forecast}, {"lower", p.lower}, {"upper", p.upper}};
            if (i < result->agents.size()) point["agents"] = result->agents[i];
            points.push_back(std::move(point));
        }
        return JsonResponse(200, {{"history", history},
                                  {"forecast", points},
                                  {"coverage", 0.8},
                                  {"weekday_factors", result->forecast.weekday_factors},
                                  {"level", result->forecast.level}});
    });

    AddTrendsApi(router, service, who);
}

}  // namespace heed::http
