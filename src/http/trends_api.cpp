// GET /api/v1/analytics/pareto   problem types by frequency and cumulative share, top-3 core problems
// GET /api/v1/analytics/trends   day / week / month series of volume and chosen KPIs, hour × weekday heat map
// Both over any period (from, to) and filters (category, channel, team, agent, product, tier), from the roll-up.

#include <algorithm>
#include <cstdio>

#include "core/analytics/alerts.hpp"
#include "core/analytics/trends.hpp"
#include "http/analytics_api.hpp"
#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"

namespace heed::http {

using nlohmann::json;
namespace analytics = core::analytics;
using namespace analytics_query;

namespace {

const std::set<std::string> kFilterNames{"category", "channel", "team", "agent", "product", "tier"};

std::set<std::string> With(std::set<std::string> names) {
    names.insert(kFilterNames.begin(), kFilterNames.end());
    return names;
}

analytics::Filters FilterParams(const Request& request) {
    analytics::Filters filters;
    for (const auto& [dimension, name] : analytics::kDimensionNames) {
        auto it = request.query.find(std::string(name));
        if (it != request.query.end()) filters.equal.emplace_back(dimension, it->second);
    }
    return filters;
}

json FiltersJson(const analytics::Filters& filters) {
    json out = json::object();
    for (const auto& [dimension, value] : filters.equal) out[std::string(core::NameOf(analytics::kDimensionNames, dimension))] = value;
    return out;
}

json ParetoItemJson(const analytics::ParetoItem& item) {
    return {{"name", item.name},           {"count", item.count},
            {"share", item.share},         {"cumulative_share", item.cumulative_share},
            {"customers", item.customers}, {"mean_severity", item.mean_severity},
            {"priority", item.priority}};
}

json AlertJson(const analytics::Alert& a) {
    json complaints = json::array();
    for (std::size_t i = 0; i < a.complaint_ids.size(); ++i) {
        complaints.push_back({{"id", a.complaint_ids[i]}, {"number", a.numbers[i]}});
    }
    json out{{"kind", std::string(core::NameOf(analytics::kAlertKindNames, a.kind))},
             {"dimension", a.dimension},
             {"key", a.key},
             {"raised_at", core::FormatIso8601(a.raised_at)},
             {"window", {{"from", core::FormatIso8601(a.window.from)}, {"to", core::FormatIso8601(a.window.to)}}},
             {"observed", a.observed},
             {"complaints", complaints}};
    if (a.kind == analytics::AlertKind::kSurge) {
        out["expected"] = a.expected;
        out["p_value"] = a.score;
    } else if (a.kind == analytics::AlertKind::kSentimentDrift) {
        out["baseline_sentiment"] = a.expected;
        out["sentiment"] = a.score;
    }
    return out;
}

}  // namespace

void AddTrendsApi(Router& router, analytics::AnalyticsService& service, std::shared_ptr<Authenticate> who) {
    auto& s = service;

    router.Add("GET", "/api/v1/analytics/pareto", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (auto ok = OnlyParams(request, With({"from", "to", "by"})); !ok) return ErrorResponse(ok.error());
        auto period = PeriodParams(request);
        if (!period) return ErrorResponse(period.error());
        auto by_text = Param(request, "by").empty() ? std::string("category") : Param(request, "by");
        auto by = core::ValueOf(analytics::kDimensionNames, by_text);
        if (!by) return ErrorResponse(Bad("by must be category, channel, team, agent, product or tier", "by"));
        auto filters = FilterParams(request);
        analytics::Pareto pareto;
        auto read = s.Read(*actor, [&](const auto& rows) { pareto = analytics::ComputePareto(rows, *period, *by, filters); });
        if (!read) return ErrorResponse(read.error());
        json items = json::array(), core_problems = json::array();
        for (const auto& item : pareto.items) items.push_back(ParetoItemJson(item));
        for (const auto& item : pareto.core) core_problems.push_back(ParetoItemJson(item));
        json body{{"from", core::FormatIso8601(period->from)},
                  {"to", core::FormatIso8601(period->to)},
                  {"by", by_text},
                  {"filters", FiltersJson(filters)},
                  {"total", pareto.total},
                  {"items", items},
                  {"core_problems", core_problems}};
        if (actor->role == core::workflow::Role::kTeamLead && !actor->team.empty()) body["team"] = actor->team;
        return JsonResponse(200, body);
    });

    router.Add("GET", "/api/v1/analytics/trends", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (auto ok = OnlyParams(request, With({"from", "to", "granularity", "kpis", "utc_offset", "calendar"})); !ok) {
            return ErrorResponse(ok.error());
        }
        auto period = PeriodParams(request);
        if (!period) return ErrorResponse(period.error());
        auto granularity_text = Param(request, "granularity").empty() ? std::string("day") : Param(request, "granularity");
        auto granularity = core::ValueOf(analytics::kGranularityNames, granularity_text);
        if (!granularity) return ErrorResponse(Bad("granularity must be day, week or month", "granularity"));
        auto offset = OffsetParam(request);
        if (!offset) return ErrorResponse(offset.error());
        std::vector<std::string> kpis;  // names of KpiSetJson's figures
        auto list = Param(request, "kpis");
        for (std::size_t at = 0; !list.empty() && at <= list.size();) {
            auto comma = list.find(',', at);
            auto name = list.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
            if (!core::ValueOf(analytics::kKpiNames, name) && name != "sla_compliance" &&
                name != "first_response_time_business" && name != "handling_time_business") {
                return ErrorResponse(Bad("kpis must be KPI names from docs/metrics.md, comma-separated (unknown: " +
                                             name + ")",
                                         "kpis"));
            }
            kpis.push_back(name);
            if (comma == std::string::npos) break;
            at = comma + 1;
        }
        auto filters = FilterParams(request);
        auto calendar = s.CalendarOf(actor->tenant, Param(request, "calendar"));
        if (!calendar) return ErrorResponse(calendar.error());
        // Working time is only measured when a business-hours figure is asked for.
        const bool business = std::any_of(kpis.begin(), kpis.end(), [](const std::string& name) {
            return name == "first_response_time_business" || name == "handling_time_business";
        });
        core::Result<analytics::Trends> trends = analytics::Trends{};
        auto read = s.Read(*actor, [&](const auto& rows) {
            trends = analytics::ComputeTrends(rows, *period, *granularity, *offset, filters, 1500,
                                              business ? &*calendar : nullptr);
        });
        if (!read) return ErrorResponse(read.error());
        if (!trends) return ErrorResponse(trends.error());
        json series = json::array();
        analytics::Targets targets;
        for (const auto& bucket : trends->buckets) {
            json point{{"date", bucket.label},
                       {"from", core::FormatIso8601(bucket.period.from)},
                       {"to", core::FormatIso8601(bucket.period.to)},
                       {"received", bucket.kpis.received}};
            if (!kpis.empty()) {
                json all = KpiSetJson(bucket.kpis, targets);
                for (const auto& name : kpis) point[name] = all[name];
            }
            series.push_back(std::move(point));
        }
        json heat = json::array();
        for (const auto& day : trends->heat) heat.push_back(day);
        char offset_text[8];
        std::snprintf(offset_text, sizeof offset_text, "%c%02d:%02d", offset->count() < 0 ? '-' : '+',
                      static_cast<int>(std::abs(offset->count()) / 60), static_cast<int>(std::abs(offset->count()) % 60));
        json body{{"from", core::FormatIso8601(period->from)},
                  {"to", core::FormatIso8601(period->to)},
                  {"granularity", granularity_text},
                  {"utc_offset", offset_text},
                  {"filters", FiltersJson(filters)},
                  {"kpis", kpis},
                  {"series", series},
                  {"heat_map", {{"weekdays", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}},
                                {"hours", 24},
                                {"counts", heat}}}};
        if (business) body["business_calendar"] = calendar->name;
        if (actor->role == core::workflow::Role::kTeamLead && !actor->team.empty()) body["team"] = actor->team;
        return JsonResponse(200, body);
    });

    router.Add("GET", "/api/v1/analytics/alerts", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (auto ok = OnlyParams(request, {"from", "to", "step_minutes", "kind"}); !ok) return ErrorResponse(ok.error());
        analytics::Period period;
        auto to = Param(request, "to"), from = Param(request, "from");
        auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
        auto parsed_to = to.empty() ? std::optional<core::Instant>(now) : core::ParseIso8601(to);
        if (!parsed_to) return ErrorResponse(Bad("to must be ISO 8601", "to"));
        auto parsed_from = from.empty() ? std::optional<core::Instant>(*parsed_to - std::chrono::hours(24))
                                        : core::ParseIso8601(from);
        if (!parsed_from) return ErrorResponse(Bad("from must be ISO 8601", "from"));
        period = {*parsed_from, *parsed_to};
        auto step = NumberParam(request, "step_minutes", 5, 1, 60);
        if (!step) return ErrorResponse(step.error());
        std::optional<analytics::AlertKind> kind;
        if (!Param(request, "kind").empty()) {
            kind = core::ValueOf(analytics::kAlertKindNames, Param(request, "kind"));
            if (!kind) return ErrorResponse(Bad("kind must be surge, sentiment_drift or duplicate_cluster", "kind"));
        }
        auto alerts = s.Alerts(*actor, period, std::chrono::minutes(static_cast<int>(*step)));
        if (!alerts) return ErrorResponse(alerts.error());
        json items = json::array();
        for (const auto& alert : *alerts) {
            if (!kind || alert.kind == *kind) items.push_back(AlertJson(alert));
        }
        json body{{"from", core::FormatIso8601(period.from)},
                  {"to", core::FormatIso8601(period.to)},
                  {"step_minutes", static_cast<int>(*step)},
                  {"alerts", items}};
        if (actor->role == core::workflow::Role::kTeamLead && !actor->team.empty()) body["team"] = actor->team;
        return JsonResponse(200, body);
    });
}

}  // namespace heed::http
