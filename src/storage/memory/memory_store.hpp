#pragma once
// The in-memory twin of the complaint store: same contract as storage/sqlite (checked by storage/contract), used by
// core tests and anywhere a throwaway store is enough. Thread-safe behind one mutex.

#include <map>
#include <mutex>
#include <unordered_map>

#include "core/ports/complaint_store.hpp"
#include "core/ports/triage_store.hpp"

namespace heed::storage::memory {

class MemoryComplaintStore final : public core::ports::ComplaintStore, public core::ports::TriageStore {
public:
    core::Result<core::complaint::Complaint> Create(core::ports::NewComplaint complaint) override;
    std::vector<core::Result<core::complaint::Complaint>> CreateMany(
        std::vector<core::ports::NewComplaint> complaints) override;
    core::Result<core::complaint::Complaint> Get(core::TenantId tenant, core::ComplaintId id) override;
    core::Result<core::complaint::Complaint> GetByNumber(core::TenantId tenant, const std::string& number) override;
    core::Result<core::ports::UpdateResult> Update(core::ports::ComplaintUpdate update) override;
    core::Result<std::vector<core::ports::UpdateResult>> UpdateAll(
        std::vector<core::ports::ComplaintUpdate> updates) override;
    std::vector<core::Result<core::complaint::Complaint>> SetSlaValues(
        std::vector<core::ports::SlaValuesUpdate> updates) override;
    core::Result<void> Delete(core::TenantId tenant, core::ComplaintId id, const core::workflow::Actor& by) override;
    core::Result<core::ports::ComplaintPage> List(core::TenantId tenant,
                                                  const core::ports::ComplaintQuery& query) override;
    core::Result<std::vector<core::workflow::Event>> Events(core::TenantId tenant, core::ComplaintId id) override;
    core::Result<std::vector<core::complaint::Message>> Messages(core::TenantId tenant,
                                                                 core::ComplaintId id) override;
    core::Result<std::int64_t> Count(core::TenantId tenant) override;
    core::Result<std::vector<core::ports::SlaCheck>> SlaChecksDue(core::Instant until, int limit) override;
    core::Result<std::optional<core::Instant>> NextSlaCheck() override;
    core::Result<void> ForEach(core::TenantId tenant,
                               const std::function<bool(const core::complaint::Complaint&)>& visit) override;

    // Triage (memory/memory_triage.cpp): lookups scan the complaints, which is what a twin is for.
    core::Result<std::vector<core::triage::Rule>> Rules(core::TenantId tenant) override;
    core::Result<core::triage::Rule> GetRule(core::TenantId tenant, core::triage::RuleId id) override;
    core::Result<core::triage::Rule> CreateRule(core::triage::Rule rule) override;
    core::Result<core::triage::Rule> UpdateRule(core::triage::Rule rule, std::int64_t expected_version) override;
    core::Result<void> DeleteRule(core::TenantId tenant, core::triage::RuleId id) override;
    core::Result<core::ports::TriageThresholds> Thresholds(core::TenantId tenant) override;
    core::Result<void> SetThresholds(core::TenantId tenant, const core::ports::TriageThresholds& thresholds) override;
    core::Result<std::vector<core::ports::ContactMatch>> ByContact(core::TenantId tenant,
                                                                   const std::vector<std::string>& keys,
                                                                   core::Instant since, int limit) override;
    core::Result<std::vector<core::ports::TextMatch>> ByFingerprint(core::TenantId tenant, std::uint64_t simhash,
                                                                    core::Instant since, int limit) override;
    core::Result<std::vector<core::ports::ClusterSummary>> Clusters(core::TenantId tenant, core::Instant since,
                                                                    int limit) override;
    core::Result<std::vector<core::ComplaintId>> ClusterMembers(core::TenantId tenant,
                                                                const std::string& cluster) override;
    core::Result<std::vector<core::triage::TriageLabel>> Labels(core::TenantId tenant, std::int64_t after,
                                                                int limit) override;

private:
    core::Result<core::complaint::Complaint> CreateLocked(core::ports::NewComplaint complaint);
    core::Result<core::ports::UpdateResult> UpdateLocked(core::ports::ComplaintUpdate update);

    std::mutex mutex_;
    std::map<core::ComplaintId, core::complaint::Complaint> complaints_;            // GUARDED_BY(mutex_)
    std::map<core::ComplaintId, std::vector<core::workflow::Event>> events_;        // GUARDED_BY(mutex_)
    std::map<core::ComplaintId, std::vector<core::complaint::Message>> messages_;   // GUARDED_BY(mutex_)
    std::map<std::pair<std::int64_t, int>, std::int64_t> sequences_;               // GUARDED_BY(mutex_)
    std::int64_t next_id_ = 1;                                                     // GUARDED_BY(mutex_)
    std::int64_t next_event_id_ = 1;                                               // GUARDED_BY(mutex_)
    std::int64_t next_message_id_ = 1;                                             // GUARDED_BY(mutex_)
    std::map<core::triage::RuleId, core::triage::Rule> rules_;                      // GUARDED_BY(mutex_)
    std::int64_t next_rule_id_ = 1;                                                // GUARDED_BY(mutex_)
    std::map<core::TenantId, core::ports::TriageThresholds> thresholds_;           // GUARDED_BY(mutex_)
    std::vector<core::triage::TriageLabel> labels_;                                // GUARDED_BY(mutex_)
};

}  // namespace heed::storage::memory
