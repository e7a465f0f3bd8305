#pragma once
// What intake triage needs from storage besides complaints: the tenant's rules and confidence thresholds, the
// labels people gave by correcting triage, and indexed lookups for repeat and near-duplicate detection. The
// lookup indexes (contacts, text fingerprints, the triage queue) are derived from the complaint record by the
// complaint store in the same transaction as each write, so they never disagree with it.
// Implementations: SqliteComplaintStore and MemoryComplaintStore (both pass storage/contract).
//
// Thread-safety: safe to call from many threads.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/complaint/complaint.hpp"
#include "core/triage/index_entries.hpp"
#include "core/triage/rule.hpp"

namespace heed::core::ports {

// An earlier complaint of the same customer (found by external id, phone or e-mail).
struct ContactMatch {
    ComplaintId id;
    std::string number;
    std::string category;
    Instant received_at{};
    int repeat_count = 0;
    bool compensated = false;  // compensation was given or money disputed (compensation or amount_in_dispute set)
};

// An earlier complaint whose text fingerprint shares a band with the one looked up.
struct TextMatch {
    ComplaintId id;
    std::string number;
    std::uint64_t simhash = 0;
    std::string customer;  // the customer's key (see CustomerKey); distinct keys = distinct customers
    std::string cluster;   // its incident cluster, empty when none
    Instant received_at{};
    std::uint64_t text_digest = 0;  // triage::TextDigest; 0 when not known
};

struct ClusterSummary {
    std::string id;  // e.g. IC-TS202405000123 (the first complaint's number)
    std::int64_t complaints = 0;
    std::int64_t customers = 0;
    Instant first_at{};
    Instant last_at{};
};

// Per-field confidence thresholds: a model value below its field's threshold is set but sent to the triage queue.
using TriageThresholds = std::map<std::string, double>;

class TriageStore {
public:
    virtual ~TriageStore() = default;

    // Rules of the tenant, in run order (priority, then id).
    virtual Result<std::vector<triage::Rule>> Rules(TenantId tenant) = 0;
    virtual Result<triage::Rule> GetRule(TenantId tenant, triage::RuleId id) = 0;
    // Assigns id, version 1 and timestamps as given.
    virtual Result<triage::Rule> CreateRule(triage::Rule rule) = 0;
    // kConflict unless the stored version equals expected_version; kNotFound when absent in the tenant.
    virtual Result<triage::Rule> UpdateRule(triage::Rule rule, std::int64_t expected_version) = 0;
    virtual Result<void> DeleteRule(TenantId tenant, triage::RuleId id) = 0;

    virtual Result<TriageThresholds> Thresholds(TenantId tenant) = 0;
    virtual Result<void> SetThresholds(TenantId tenant, const TriageThresholds& thresholds) = 0;

    // Complaints with any of these contact keys received at or after `since`, newest first, at most `limit`.
    virtual Result<std::vector<ContactMatch>> ByContact(TenantId tenant, const std::vector<std::string>& keys,
                                                        Instant since, int limit) = 0;
    // Complaints received at or after `since` sharing at least one fingerprint band with `simhash`, newest first,
    // at most `limit` (the caller checks the Hamming distance).
    virtual Result<std::vector<TextMatch>> ByFingerprint(TenantId tenant, std::uint64_t simhash, Instant since,
                                                         int limit) = 0;
    // Incident clusters with a complaint received at or after `since`, largest (by customers) first.
    virtual Result<std::vector<ClusterSummary>> Clusters(TenantId tenant, Instant since, int limit) = 0;
    // Members of one cluster, oldest first.
    virtual Result<std::vector<ComplaintId>> ClusterMembers(TenantId tenant, const std::string& cluster) = 0;

    // The latest label per (complaint, field) with id > after, in id order, at most `limit`; labels of complaints
    // that no longer exist are left out.
    virtual Result<std::vector<triage::TriageLabel>> Labels(TenantId tenant, std::int64_t after, int limit) = 0;
};

}  // namespace heed::core::ports
