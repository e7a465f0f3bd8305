#pragma once
// A tenant's analytics settings, kept as tenant settings in the identity store:
//   kpi.targets        the KPI targets (defaults: CSAT ≥ 4.2, resolution ≥ 95 %, repeat ≤ 5 %, NPS ≥ 40, SLA ≥ 95 %)
//   alerts.recipients  the managers' e-mail addresses early-warning alerts go to
// Managers, directors and admins change them (each change audited: settings.kpi_targets, settings.alert_recipients);
// anyone who may read analytics reads them.

#include <string>
#include <vector>

#include "core/analytics/kpi.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/identity_store.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::analytics {

inline constexpr const char* kKpiTargetsSetting = "kpi.targets";

// "csat=4.2;resolution_rate=0.95;repeat_rate=0.05;nps=40;sla_compliance=0.95" and back; unknown keys and bad numbers
// are refused naming the key.
std::string FormatTargets(const Targets& targets);
Result<Targets> ParseTargets(const std::string& text);
// Refuses values outside their scale: CSAT 1–5, rates 0–1, NPS −100–100 (field = the target's name).
Result<void> ValidateTargets(const Targets& targets);

class AnalyticsSettings {
public:
    AnalyticsSettings(ports::IdentityStore& identity, ports::AuditLog& audit) : identity_(identity), audit_(audit) {}

    Result<Targets> KpiTargets(TenantId tenant);  // the defaults until set
    Result<Targets> SetKpiTargets(const workflow::Actor& by, const Targets& targets);
    Result<std::vector<std::string>> AlertRecipients(TenantId tenant);
    // Each a plain e-mail address (at most 50).
    Result<std::vector<std::string>> SetAlertRecipients(const workflow::Actor& by, const std::vector<std::string>& to);

    Result<void> MayRead(const workflow::Actor& actor) const;

private:
    Result<void> MayChange(const workflow::Actor& actor) const;
    ports::IdentityStore& identity_;
    ports::AuditLog& audit_;
};

}  // namespace heed::core::analytics
