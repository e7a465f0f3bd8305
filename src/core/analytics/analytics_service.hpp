#pragma once
// Analytics use cases over the KPI roll-up (FactsCache): KPIs with targets, drill-down, and the volume forecast of
// the tenant's own intake. Roles: analyst, team lead (their team only when they have one), manager, director, admin.

#include <optional>
#include <string>

#include "core/analytics/alerts.hpp"
#include "core/analytics/erlang.hpp"
#include "core/analytics/facts_cache.hpp"
#include "core/analytics/forecast.hpp"
#include "core/analytics/kpi.hpp"
#include "core/analytics/monthly_report.hpp"
#include "core/analytics/trends.hpp"
#include "core/sla/config.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::analytics {

struct KpiAnswer {
    KpiReport report;
    Targets targets;
    std::string team_scope;  // non-empty when the figures are limited to the actor's team
    std::string calendar;    // the business calendar of the business-hours durations
};

// The calendar business-hours KPIs count in: the one named, else the tenant's first calendar, else 24×7.
// kInvalidArgument (field "calendar") when no calendar has that name.
Result<sla::BusinessCalendar> ReportingCalendar(const sla::SlaConfig& config, const std::string& name);

struct VolumeForecast {
    std::vector<DailyCount> history;  // the last 56 days of intake (complaints received per UTC day)
    Forecast forecast;
    std::vector<int> agents;  // per forecast day, when a staffing target was given
};

class AnalyticsService {
public:
    AnalyticsService(FactsCache& cache, const ports::Clock& clock) : cache_(cache), clock_(clock) {}

    Result<KpiAnswer> Kpis(const workflow::Actor& actor, const Period& period, std::optional<Dimension> group_by,
                           const std::string& calendar = {});
    // With `cell`, only the complaints received in that heat-map cell (local weekday and hour) of the period.
    Result<DrillResult> DrillDown(const workflow::Actor& actor, const Period& period, Kpi kpi,
                                  std::optional<Dimension> group_by, const std::string& group, int limit,
                                  std::optional<HeatCell> cell = std::nullopt);
    // Daily intake of the tenant (optionally one category) up to yesterday, forecast `options.horizon` days on.
    Result<VolumeForecast> ForecastVolume(const workflow::Actor& actor, const ForecastOptions& options,
                                          const std::string& category, std::optional<StaffingTarget> staffing);

    // The monthly evaluation report (template 4); the reporter is the actor.
    Result<MonthlyReport> Monthly(const workflow::Actor& actor, const std::string& month, const Period& period,
                                  Language language, const std::string& calendar = {});

    // Alerts a monitor evaluating every `step` would have raised in the period (alerts.hpp), oldest first; the
    // period is at most 92 days.
    Result<std::vector<Alert>> Alerts(const workflow::Actor& actor, const Period& period, std::chrono::minutes step);

    // The tenant's KPI targets (the defaults without a provider) and alert options (local time and holidays).
    void SetTargets(std::function<Result<Targets>(TenantId)> targets) { targets_ = std::move(targets); }
    void SetAlertOptions(std::function<AlertOptions(TenantId)> options) { alert_options_ = std::move(options); }
    // The tenant's SLA set-up, whose calendars the business-hours durations count in (24×7 without a provider).
    void SetSlaConfig(std::function<Result<std::shared_ptr<const sla::SlaConfig>>(TenantId)> config) {
        sla_config_ = std::move(config);
    }
    Result<sla::BusinessCalendar> CalendarOf(TenantId tenant, const std::string& name) const;
    Result<Targets> TargetsOf(TenantId tenant) const { return targets_ ? targets_(tenant) : Result<Targets>(Targets{}); }
    AlertOptions AlertOptionsOf(TenantId tenant) const { return alert_options_ ? alert_options_(tenant) : AlertOptions{}; }

    // How long a query waits for a roll-up still being built before it is refused (FactsCache::Read); none: it
    // waits for the whole build (the default).
    void SetReadWait(std::optional<std::chrono::milliseconds> wait) { read_wait_ = wait; }

    // The actor's rows (team-scoped for team leads), for reports built on the same roll-up.
    Result<void> Read(const workflow::Actor& actor,
                      const std::function<void(const FactsRows&)>& read);

private:
    FactsCache& cache_;
    const ports::Clock& clock_;
    std::function<Result<Targets>(TenantId)> targets_;
    std::function<AlertOptions(TenantId)> alert_options_;
    std::function<Result<std::shared_ptr<const sla::SlaConfig>>(TenantId)> sla_config_;
    std::optional<std::chrono::milliseconds> read_wait_;
};

bool MayReadAnalytics(workflow::Role role);

}  // namespace heed::core::analytics
