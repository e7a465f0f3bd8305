#pragma once
// Managing a tenant's triage rules and thresholds, and reading what triage produced (labels, clusters). Admins and
// managers edit rules and thresholds; every other staff role reads them; customers see nothing. Each change is
// validated as a whole before it is stored (a bad rule is refused with the reason, never stored), recorded in the
// audit log, and takes effect on the next intake (the triage cache of the tenant is dropped).
//
// Thread-safety: safe to call from many threads.

#include <optional>
#include <vector>

#include "core/common/result.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/triage_store.hpp"
#include "core/services/triage_service.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::services {

class RuleService {
public:
    // All must outlive the service; `audit` may be null (nothing recorded, for tools and tests).
    RuleService(ports::TriageStore& store, TriageService& triage, const ports::Clock& clock,
                ports::AuditLog* audit = nullptr);

    Result<std::vector<triage::Rule>> List(const workflow::Actor& actor);
    Result<triage::Rule> Get(const workflow::Actor& actor, triage::RuleId id);
    // The tenant, id, version and timestamps of `rule` are set here. kInvalidArgument (naming the field) for a bad
    // rule; kResourceExhausted past kMaxRulesPerTenant.
    Result<triage::Rule> Create(const workflow::Actor& actor, triage::Rule rule);
    // Replaces the rule; kConflict when expected_version is stale.
    Result<triage::Rule> Replace(const workflow::Actor& actor, triage::RuleId id, std::int64_t expected_version,
                                 triage::Rule rule);
    Result<void> Delete(const workflow::Actor& actor, triage::RuleId id);

    // The thresholds in force (defaults merged with the tenant's own).
    Result<ports::TriageThresholds> Thresholds(const workflow::Actor& actor);
    // Admins and managers; each field one of those triage fills, each value within 0 … 1.
    Result<ports::TriageThresholds> SetThresholds(const workflow::Actor& actor,
                                                  const ports::TriageThresholds& thresholds);

    // Staff roles that read complaints in the whole tenant (admin, manager, analyst) export labels and clusters.
    Result<std::vector<triage::TriageLabel>> Labels(const workflow::Actor& actor, std::int64_t after, int limit);
    // Clusters with a complaint within the last `window`.
    Result<std::vector<ports::ClusterSummary>> Clusters(const workflow::Actor& actor, std::chrono::hours window,
                                                        int limit);
    Result<std::vector<ComplaintId>> ClusterMembers(const workflow::Actor& actor, const std::string& cluster);

private:
    Result<void> Audit(const workflow::Actor& actor, const char* action, std::int64_t id, const std::string& detail);

    ports::TriageStore& store_;
    TriageService& triage_;
    const ports::Clock& clock_;
    ports::AuditLog* audit_;
};

}  // namespace heed::core::services
