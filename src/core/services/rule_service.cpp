#include "core/services/rule_service.hpp"

namespace heed::core::services {

using triage::Rule;
using workflow::Role;

namespace {

bool Edits(Role role) {
    return role == Role::kAdmin || role == Role::kManager;
}
bool Reads(Role role) {
    return role != Role::kCustomer;
}
bool ReadsTenantWide(Role role) {
    return role == Role::kAdmin || role == Role::kManager || role == Role::kAnalyst || role == Role::kSystem;
}

tl::unexpected<Error> Denied(const std::string& what) {
    return Fail(ErrorCode::kPermissionDenied, "only admins and managers " + what);
}

}  // namespace

RuleService::RuleService(ports::TriageStore& store, TriageService& triage, const ports::Clock& clock,
                         ports::AuditLog* audit)
    : store_(store), triage_(triage), clock_(clock), audit_(audit) {}

Result<void> RuleService::Audit(const workflow::Actor& actor, const char* action, std::int64_t id,
                                const std::string& detail) {
    if (!audit_) return {};
    return audit_->Record({actor, action, "rule", id, detail});
}

Result<std::vector<Rule>> RuleService::List(const workflow::Actor& actor) {
    if (!Reads(actor.role)) return Fail(ErrorCode::kPermissionDenied, "customers do not see triage rules");
    return store_.Rules(actor.tenant);
}

Result<Rule> RuleService::Get(const workflow::Actor& actor, triage::RuleId id) {
    if (!Reads(actor.role)) return Fail(ErrorCode::kPermissionDenied, "customers do not see triage rules");
    return store_.GetRule(actor.tenant, id);
}

Result<Rule> RuleService::Create(const workflow::Actor& actor, Rule rule) {
    if (!Edits(actor.role) && actor.role != Role::kSystem) return Denied("create triage rules");
    if (auto valid = ValidateRule(rule, triage_.patterns()); !valid) return tl::unexpected(valid.error());
    auto existing = store_.Rules(actor.tenant);
    if (!existing) return tl::unexpected(existing.error());
    if (existing->size() >= triage::kMaxRulesPerTenant) {
        return Fail(ErrorCode::kResourceExhausted,
                    "a tenant has at most " + std::to_string(triage::kMaxRulesPerTenant) + " rules");
    }
    rule.tenant = actor.tenant;
    rule.created_at = rule.updated_at = clock_.Now();
    auto created = store_.CreateRule(std::move(rule));
    if (!created) return created;
    triage_.Invalidate(actor.tenant);
    if (auto ok = Audit(actor, "rule.created", created->id.value, "name=" + created->name); !ok) {
        return tl::unexpected(ok.error());
    }
    return created;
}

Result<Rule> RuleService::Replace(const workflow::Actor& actor, triage::RuleId id, std::int64_t expected_version,
                                  Rule rule) {
    if (!Edits(actor.role) && actor.role != Role::kSystem) return Denied("change triage rules");
    if (auto valid = ValidateRule(rule, triage_.patterns()); !valid) return tl::unexpected(valid.error());
    rule.id = id;
    rule.tenant = actor.tenant;
    rule.updated_at = clock_.Now();
    auto updated = store_.UpdateRule(std::move(rule), expected_version);
    if (!updated) return updated;
    triage_.Invalidate(actor.tenant);
    if (auto ok = Audit(actor, "rule.updated", id.value,
                        "name=" + updated->name + " version=" + std::to_string(updated->version));
        !ok) {
        return tl::unexpected(ok.error());
    }
    return updated;
}

Result<void> RuleService::Delete(const workflow::Actor& actor, triage::RuleId id) {
    if (!Edits(actor.role) && actor.role != Role::kSystem) return Denied("delete triage rules");
    auto found = store_.GetRule(actor.tenant, id);
    if (!found) return tl::unexpected(found.error());
    if (auto deleted = store_.DeleteRule(actor.tenant, id); !deleted) return deleted;
    triage_.Invalidate(actor.tenant);
    return Audit(actor, "rule.deleted", id.value, "name=" + found->name);
}

Result<ports::TriageThresholds> RuleService::Thresholds(const workflow::Actor& actor) {
    if (!Reads(actor.role)) return Fail(ErrorCode::kPermissionDenied, "customers do not see triage settings");
    auto own = store_.Thresholds(actor.tenant);
    if (!own) return own;
    ports::TriageThresholds merged = DefaultTriageThresholds();
    for (const auto& [field, value] : *own) merged[field] = value;
    return merged;
}

Result<ports::TriageThresholds> RuleService::SetThresholds(const workflow::Actor& actor,
                                                           const ports::TriageThresholds& thresholds) {
    if (!Edits(actor.role) && actor.role != Role::kSystem) return Denied("change triage thresholds");
    std::string detail;
    for (const auto& [field, value] : thresholds) {
        if (!DefaultTriageThresholds().count(field)) {
            return Fail(ErrorCode::kInvalidArgument, "thresholds." + field + " is not a field triage sets",
                        "thresholds." + field);
        }
        if (!(value >= 0.0 && value <= 1.0)) {
            return Fail(ErrorCode::kInvalidArgument, "thresholds." + field + " must be between 0 and 1",
                        "thresholds." + field);
        }
        detail += (detail.empty() ? "" : " ") + field + "=" + std::to_string(value);
    }
    auto own = store_.Thresholds(actor.tenant);
    if (!own) return own;
    for (const auto& [field, value] : thresholds) (*own)[field] = value;
    if (auto set = store_.SetThresholds(actor.tenant, *own); !set) return tl::unexpected(set.error());
    triage_.Invalidate(actor.tenant);
    if (auto ok = Audit(actor, "settings.triage_thresholds", 0, detail); !ok) return tl::unexpected(ok.error());
    return Thresholds(actor);
}

Result<std::vector<triage::TriageLabel>> RuleService::Labels(const workflow::Actor& actor, std::int64_t after,
                                                             int limit) {
    if (!ReadsTenantWide(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied, "only admins, managers and analysts export triage labels");
    }
    if (limit < 1 || limit > 1000)
        return Fail(ErrorCode::kInvalidArgument, "limit must be between 1 and 1000", "limit");
    return store_.Labels(actor.tenant, after, limit);
}

Result<std::vector<ports::ClusterSummary>> RuleService::Clusters(const workflow::Actor& actor,
                                                                 std::chrono::hours window, int limit) {
    if (!Reads(actor.role)) return Fail(ErrorCode::kPermissionDenied, "customers do not see incident clusters");
    if (limit < 1 || limit > 500) return Fail(ErrorCode::kInvalidArgument, "limit must be between 1 and 500", "limit");
    return store_.Clusters(actor.tenant, clock_.Now() - window, limit);
}

Result<std::vector<ComplaintId>> RuleService::ClusterMembers(const workflow::Actor& actor, const std::string& cluster) {
    if (!Reads(actor.role)) return Fail(ErrorCode::kPermissionDenied, "customers do not see incident clusters");
    auto members = store_.ClusterMembers(actor.tenant, cluster);
    if (!members) return members;
    if (members->empty()) return Fail(ErrorCode::kNotFound, "no such incident cluster");
    return members;
}

}  // namespace heed::core::services
