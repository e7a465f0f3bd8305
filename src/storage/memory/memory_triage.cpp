// The TriageStore side of the in-memory twin: the same answers as the SQLite indexes, found by scanning.

#include <algorithm>
#include <set>

#include "core/triage/fingerprint.hpp"
#include "storage/memory/memory_store.hpp"

namespace heed::storage::memory {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::complaint::Complaint;
using core::triage::Rule;
namespace ports = core::ports;

Result<std::vector<Rule>> MemoryComplaintStore::Rules(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    std::vector<Rule> rules;
    for (const auto& [id, rule] : rules_) {
        if (rule.tenant == tenant) rules.push_back(rule);
    }
    std::stable_sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) {
        return a.priority != b.priority ? a.priority < b.priority : a.id < b.id;
    });
    return rules;
}

Result<Rule> MemoryComplaintStore::GetRule(core::TenantId tenant, core::triage::RuleId id) {
    std::lock_guard lock(mutex_);
    auto it = rules_.find(id);
    if (it == rules_.end() || it->second.tenant != tenant) return Fail(ErrorCode::kNotFound, "rule not found");
    return it->second;
}

Result<Rule> MemoryComplaintStore::CreateRule(Rule rule) {
    std::lock_guard lock(mutex_);
    rule.id = core::triage::RuleId{next_rule_id_++};
    rule.version = 1;
    rules_[rule.id] = rule;
    return rule;
}

Result<Rule> MemoryComplaintStore::UpdateRule(Rule rule, std::int64_t expected_version) {
    std::lock_guard lock(mutex_);
    auto it = rules_.find(rule.id);
    if (it == rules_.end() || it->second.tenant != rule.tenant) return Fail(ErrorCode::kNotFound, "rule not found");
    if (it->second.version != expected_version) {
        return Fail(
            ErrorCode::kConflict,
            "rule was changed by someone else (version " + std::to_string(it->second.version) + "); reload and retry",
            "version");
    }
    rule.version = expected_version + 1;
    rule.created_at = it->second.created_at;
    it->second = rule;
    return rule;
}

Result<void> MemoryComplaintStore::DeleteRule(core::TenantId tenant, core::triage::RuleId id) {
    std::lock_guard lock(mutex_);
    auto it = rules_.find(id);
    if (it == rules_.end() || it->second.tenant != tenant) return Fail(ErrorCode::kNotFound, "rule not found");
    rules_.erase(it);
    return {};
}

Result<ports::TriageThresholds> MemoryComplaintStore::Thresholds(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    auto it = thresholds_.find(tenant);
    return it == thresholds_.end() ? ports::TriageThresholds{} : it->second;
}

Result<void> MemoryComplaintStore::SetThresholds(core::TenantId tenant, const ports::TriageThresholds& thresholds) {
    std::lock_guard lock(mutex_);
    thresholds_[tenant] = thresholds;
    return {};
}

namespace {

// Newest first, ties by id (as the SQL orders them).
template <typename T>
void NewestFirst(std::vector<T>& items) {
    std::sort(items.begin(), items.end(), [](const T& a, const T& b) {
        return a.received_at != b.received_at ? a.received_at > b.received_at : a.id > b.id;
    });
}

}  // namespace

Result<std::vector<ports::ContactMatch>> MemoryComplaintStore::ByContact(core::TenantId tenant,
                                                                         const std::vector<std::string>& keys,
                                                                         core::Instant since, int limit) {
    std::lock_guard lock(mutex_);
    std::vector<ports::ContactMatch> matches;
    for (const auto& [id, c] : complaints_) {
        if (c.tenant != tenant || c.milestones.received_at < since) continue;
        auto entries = core::triage::IndexEntriesFor(c);
        bool shared = std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
            return std::find(entries.contact_keys.begin(), entries.contact_keys.end(), key) !=
                   entries.contact_keys.end();
        });
        if (!shared) continue;
        matches.push_back({id, c.number, c.classification.category, c.milestones.received_at, c.triage.repeat_count,
                           entries.compensated});
    }
    NewestFirst(matches);
    if (static_cast<int>(matches.size()) > limit) matches.resize(limit);
    return matches;
}

Result<std::vector<ports::TextMatch>> MemoryComplaintStore::ByFingerprint(core::TenantId tenant, std::uint64_t simhash,
                                                                          core::Instant since, int limit) {
    std::lock_guard lock(mutex_);
    auto bands = core::triage::FingerprintBands(simhash);
    std::vector<ports::TextMatch> matches;
    for (const auto& [id, c] : complaints_) {
        if (c.tenant != tenant || c.milestones.received_at < since) continue;
        auto entries = core::triage::IndexEntriesFor(c);
        if (!entries.simhash) continue;
        auto own = core::triage::FingerprintBands(*entries.simhash);
        bool shared = false;
        for (int i = 0; i < core::triage::kFingerprintBands; ++i) shared = shared || own[i] == bands[i];
        if (!shared) continue;
        matches.push_back({id, c.number, *entries.simhash, entries.customer, c.links.incident_cluster,
                           c.milestones.received_at, entries.text_digest});
    }
    NewestFirst(matches);
    if (static_cast<int>(matches.size()) > limit) matches.resize(limit);
    return matches;
}

Result<std::vector<ports::ClusterSummary>> MemoryComplaintStore::Clusters(core::TenantId tenant, core::Instant since,
                                                                          int limit) {
    std::lock_guard lock(mutex_);
    std::map<std::string, ports::ClusterSummary> clusters;
    std::map<std::string, std::set<std::string>> customers;
    for (const auto& [id, c] : complaints_) {
        if (c.tenant != tenant || c.links.incident_cluster.empty()) continue;
        auto& summary = clusters[c.links.incident_cluster];
        if (summary.complaints == 0) {
            summary.id = c.links.incident_cluster;
            summary.first_at = summary.last_at = c.milestones.received_at;
        }
        ++summary.complaints;
        summary.first_at = std::min(summary.first_at, c.milestones.received_at);
        summary.last_at = std::max(summary.last_at, c.milestones.received_at);
        std::string customer = core::triage::IndexEntriesFor(c).customer;
        customers[summary.id].insert(customer.empty() ? "n" + std::to_string(id.value) : customer);
    }
    std::vector<ports::ClusterSummary> out;
    for (auto& [cluster, summary] : clusters) {
        summary.customers = static_cast<std::int64_t>(customers[cluster].size());
        if (summary.last_at >= since) out.push_back(summary);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.customers != b.customers ? a.customers > b.customers : a.last_at > b.last_at;
    });
    if (static_cast<int>(out.size()) > limit) out.resize(limit);
    return out;
}

Result<std::vector<core::ComplaintId>> MemoryComplaintStore::ClusterMembers(core::TenantId tenant,
                                                                            const std::string& cluster) {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<core::Instant, core::ComplaintId>> members;
    for (const auto& [id, c] : complaints_) {
        if (c.tenant == tenant && !cluster.empty() && c.links.incident_cluster == cluster) {
            members.emplace_back(c.milestones.received_at, id);
        }
    }
    std::sort(members.begin(), members.end());
    std::vector<core::ComplaintId> ids;
    for (const auto& [at, id] : members) ids.push_back(id);
    return ids;
}

Result<std::vector<core::triage::TriageLabel>> MemoryComplaintStore::Labels(core::TenantId tenant, std::int64_t after,
                                                                            int limit) {
    std::lock_guard lock(mutex_);
    std::map<std::pair<core::ComplaintId, std::string>, std::int64_t> latest;
    for (const auto& label : labels_) latest[{label.complaint, label.field}] = label.id;
    std::vector<core::triage::TriageLabel> out;
    for (const auto& label : labels_) {
        if (label.tenant != tenant || label.id <= after || latest[{label.complaint, label.field}] != label.id) continue;
        auto it = complaints_.find(label.complaint);
        if (it == complaints_.end()) continue;
        auto copy = label;
        copy.text = it->second.subject + "\n" + it->second.description;
        out.push_back(std::move(copy));
        if (static_cast<int>(out.size()) == limit) break;
    }
    return out;
}

}  // namespace heed::storage::memory
