#pragma once
// The in-memory twin of the template store and of the resolved-complaint candidates: statistics and candidates are
// computed by visiting the complaint store it is given, which is what a twin is for. Thread-safe behind one mutex.

#include <map>
#include <mutex>
#include <vector>

#include "core/ports/complaint_store.hpp"
#include "core/ports/template_store.hpp"

namespace heed::storage::memory {

class MemoryResolutionStore final : public core::ports::TemplateStore, public core::ports::ResolvedComplaints {
public:
    // `complaints` must outlive the store.
    explicit MemoryResolutionStore(core::ports::ComplaintStore& complaints) : complaints_(complaints) {}

    core::Result<core::resolution::SolutionTemplate> Add(core::resolution::SolutionTemplate t) override;
    core::Result<core::resolution::SolutionTemplate> Get(core::TenantId tenant,
                                                         core::resolution::TemplateId id) override;
    core::Result<std::vector<core::resolution::SolutionTemplate>> List(core::TenantId tenant) override;
    core::Result<core::resolution::SolutionTemplate> Update(core::resolution::SolutionTemplate t,
                                                            std::int64_t expected_version) override;
    core::Result<void> Delete(core::TenantId tenant, core::resolution::TemplateId id) override;
    core::Result<core::resolution::TemplateUse> AddUse(core::resolution::TemplateUse use) override;
    core::Result<void> RemoveUse(core::TenantId tenant, std::int64_t use_id) override;
    core::Result<std::map<core::resolution::TemplateId, core::resolution::TemplateStats>> Stats(
        core::TenantId tenant) override;
    core::Result<std::vector<core::ports::CandidateKey>> Candidates(core::TenantId tenant, const std::string& category,
                                                                    core::ComplaintId exclude, int limit) override;
    core::Result<std::vector<core::ports::ResolvedCandidate>> CandidateTexts(
        core::TenantId tenant, const std::vector<core::ComplaintId>& ids) override;

private:
    core::ports::ComplaintStore& complaints_;
    std::mutex mutex_;
    std::map<core::resolution::TemplateId, core::resolution::SolutionTemplate> templates_;  // GUARDED_BY(mutex_)
    std::vector<core::resolution::TemplateUse> uses_;                                      // GUARDED_BY(mutex_)
    std::int64_t next_id_ = 1;                                                              // GUARDED_BY(mutex_)
    std::int64_t next_use_id_ = 1;                                                          // GUARDED_BY(mutex_)
};

}  // namespace heed::storage::memory
