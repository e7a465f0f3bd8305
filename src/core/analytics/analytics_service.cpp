#include "core/analytics/analytics_service.hpp"

#include <algorithm>

namespace heed::core::analytics {

using workflow::Role;

bool MayReadAnalytics(Role role) {
    return role == Role::kAnalyst || role == Role::kTeamLead || role == Role::kManager || role == Role::kDirector ||
           role == Role::kAdmin || role == Role::kSystem;
}

Result<sla::BusinessCalendar> ReportingCalendar(const sla::SlaConfig& config, const std::string& name) {
    if (name.empty()) return config.calendars.empty() ? sla::Calendar24x7() : config.calendars.front();
    const sla::BusinessCalendar* found = sla::FindCalendar(config, name);
    if (!found) return Fail(ErrorCode::kInvalidArgument, "no business calendar is named " + name, "calendar");
    return *found;
}

Result<sla::BusinessCalendar> AnalyticsService::CalendarOf(TenantId tenant, const std::string& name) const {
    if (!sla_config_) return ReportingCalendar(sla::DefaultConfig(), name);
    auto config = sla_config_(tenant);
    if (!config) return tl::unexpected(config.error());
    return ReportingCalendar(**config, name);
}

Result<void> AnalyticsService::Read(const workflow::Actor& actor,
                                    const std::function<void(const FactsRows&)>& read) {
    if (!MayReadAnalytics(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied, "analytics are for analysts, team leads, managers and admins");
    }
    if (actor.role == Role::kTeamLead && !actor.team.empty()) {
        return cache_.Read(actor.tenant, [&](const FactsRows& rows) {
            std::vector<const ComplaintFacts*> team;
            for (const auto* r : rows) {
                if (r->dimensions[static_cast<std::size_t>(Dimension::kTeam)] == actor.team) team.push_back(r);
            }
            read(team);
        }, read_wait_);
    }
    return cache_.Read(actor.tenant, read, read_wait_);
}

Result<KpiAnswer> AnalyticsService::Kpis(const workflow::Actor& actor, const Period& period,
                                         std::optional<Dimension> group_by, const std::string& calendar_name) {
    if (period.to <= period.from) return Fail(ErrorCode::kInvalidArgument, "to must be after from", "to");
    auto calendar = CalendarOf(actor.tenant, calendar_name);
    if (!calendar) return tl::unexpected(calendar.error());
    KpiAnswer answer;
    answer.calendar = calendar->name;
    auto read = Read(actor, [&](const auto& rows) { answer.report = ComputeKpis(rows, period, group_by, &*calendar); });
    if (!read) return tl::unexpected(read.error());
    if (actor.role == Role::kTeamLead) answer.team_scope = actor.team;
    auto targets = TargetsOf(actor.tenant);
    if (!targets) return tl::unexpected(targets.error());
    answer.targets = *targets;
    return answer;
}

Result<DrillResult> AnalyticsService::DrillDown(const workflow::Actor& actor, const Period& period, Kpi kpi,
                                                std::optional<Dimension> group_by, const std::string& group,
                                                int limit, std::optional<HeatCell> cell) {
    if (period.to <= period.from) return Fail(ErrorCode::kInvalidArgument, "to must be after from", "to");
    if (limit < 1 || limit > 10000) return Fail(ErrorCode::kInvalidArgument, "limit must be 1 … 10000", "limit");
    DrillResult result;
    auto read = Read(actor, [&](const FactsRows& rows) {
        if (!cell) {
            result = Drill(rows, period, kpi, group_by, group, limit);
            return;
        }
        std::vector<const ComplaintFacts*> in_cell;
        for (const auto* r : rows) {
            if (cell->Holds(r->received)) in_cell.push_back(r);
        }
        result = Drill(in_cell, period, kpi, group_by, group, limit);
    });
    if (!read) return tl::unexpected(read.error());
    return result;
}

Result<MonthlyReport> AnalyticsService::Monthly(const workflow::Actor& actor, const std::string& month,
                                                const Period& period, Language language,
                                                const std::string& calendar_name) {
    auto calendar = CalendarOf(actor.tenant, calendar_name);
    if (!calendar) return tl::unexpected(calendar.error());
    MonthlyReport report;
    auto targets = TargetsOf(actor.tenant);
    if (!targets) return tl::unexpected(targets.error());
    auto read = Read(actor, [&](const auto& rows) {
        report = BuildMonthlyReport(rows, month, period, actor.name, clock_.Now(), language, *targets, &*calendar);
    });
    if (!read) return tl::unexpected(read.error());
    if (actor.role == Role::kTeamLead) report.team_scope = actor.team;
    return report;
}

Result<std::vector<Alert>> AnalyticsService::Alerts(const workflow::Actor& actor, const Period& period,
                                                    std::chrono::minutes step) {
    if (period.to <= period.from) return Fail(ErrorCode::kInvalidArgument, "to must be after from", "to");
    if (period.to - period.from > std::chrono::days(92)) {
        return Fail(ErrorCode::kInvalidArgument, "the period is at most 92 days", "from");
    }
    if (step < std::chrono::minutes(1) || step > std::chrono::minutes(60)) {
        return Fail(ErrorCode::kInvalidArgument, "step must be 1 … 60 minutes", "step_minutes");
    }
    std::vector<Alert> alerts;
    auto options = AlertOptionsOf(actor.tenant);
    auto read = Read(actor, [&](const auto& rows) { alerts = SurgeDetector(rows, period, options).Replay(step); });
    if (!read) return tl::unexpected(read.error());
    return alerts;
}

Result<VolumeForecast> AnalyticsService::ForecastVolume(const workflow::Actor& actor, const ForecastOptions& options,
                                                        const std::string& category,
                                                        std::optional<StaffingTarget> staffing) {
    const Day today = std::chrono::floor<std::chrono::days>(clock_.Now());
    std::vector<double> counts;  // per day, oldest first, ending yesterday
    std::optional<Day> first;
    auto read = Read(actor, [&](const auto& rows) {
        for (const auto* r : rows) {
            if (!category.empty() && r->dimensions[static_cast<std::size_t>(Dimension::kCategory)] != category) continue;
            Day day = std::chrono::floor<std::chrono::days>(r->received);
            if (day >= today) continue;
            if (!first || day < *first) first = day;
        }
        if (!first) return;
        first = std::max(*first, today - std::chrono::days(366));
        counts.assign(static_cast<std::size_t>((today - *first).count()), 0.0);
        for (const auto* r : rows) {
            if (!category.empty() && r->dimensions[static_cast<std::size_t>(Dimension::kCategory)] != category) continue;
            Day day = std::chrono::floor<std::chrono::days>(r->received);
            if (day < *first || day >= today) continue;
            counts[static_cast<std::size_t>((day - *first).count())] += 1;
        }
    });
    if (!read) return tl::unexpected(read.error());
    if (counts.empty()) return Fail(ErrorCode::kFailedPrecondition, "no intake before today to forecast from");
    std::vector<DailyCount> series;
    for (std::size_t i = 0; i < counts.size(); ++i) series.push_back({*first + std::chrono::days(i), counts[i]});
    auto forecast = ForecastDaily(series, options);
    if (!forecast) return tl::unexpected(forecast.error());
    VolumeForecast out;
    out.history.assign(series.end() - std::min<std::ptrdiff_t>(56, static_cast<std::ptrdiff_t>(series.size())),
                       series.end());
    out.forecast = std::move(*forecast);
    if (staffing) {
        for (const auto& point : out.forecast.points) {
            auto agents = AgentsNeeded(point.forecast, *staffing);
            if (!agents) return tl::unexpected(agents.error());
            out.agents.push_back(*agents);
        }
    }
    return out;
}

}  // namespace heed::core::analytics
