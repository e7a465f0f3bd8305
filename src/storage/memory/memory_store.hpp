#pragma once
// The in-memory twin of the complaint store: same contract as storage/sqlite (checked by storage/contract), used by
// core tests and anywhere a throwaway store is enough. Thread-safe behind one mutex.

#include <map>
#include <mutex>
#include <unordered_map>

#include "core/ports/complaint_store.hpp"

namespace heed::storage::memory {

class MemoryComplaintStore final : public core::ports::ComplaintStore {
public:
    core::Result<core::complaint::Complaint> Create(core::ports::NewComplaint complaint) override;
    std::vector<core::Result<core::complaint::Complaint>> CreateMany(
        std::vector<core::ports::NewComplaint> complaints) override;
    core::Result<core::complaint::Complaint> Get(core::TenantId tenant, core::ComplaintId id) override;
    core::Result<core::complaint::Complaint> GetByNumber(core::TenantId tenant, const std::string& number) override;
    core::Result<core::ports::UpdateResult> Update(core::ports::ComplaintUpdate update) override;
    core::Result<void> Delete(core::TenantId tenant, core::ComplaintId id, const core::workflow::Actor& by) override;
    core::Result<core::ports::ComplaintPage> List(core::TenantId tenant,
                                                  const core::ports::ComplaintQuery& query) override;
    core::Result<std::vector<core::workflow::Event>> Events(core::TenantId tenant, core::ComplaintId id) override;
    core::Result<std::vector<core::complaint::Message>> Messages(core::TenantId tenant,
                                                                 core::ComplaintId id) override;
    core::Result<std::int64_t> Count(core::TenantId tenant) override;
    core::Result<void> ForEach(core::TenantId tenant,
                               const std::function<bool(const core::complaint::Complaint&)>& visit) override;

private:
    core::Result<core::complaint::Complaint> CreateLocked(core::ports::NewComplaint complaint);

    std::mutex mutex_;
    std::map<core::ComplaintId, core::complaint::Complaint> complaints_;            // GUARDED_BY(mutex_)
    std::map<core::ComplaintId, std::vector<core::workflow::Event>> events_;        // GUARDED_BY(mutex_)
    std::map<core::ComplaintId, std::vector<core::complaint::Message>> messages_;   // GUARDED_BY(mutex_)
    std::map<std::pair<std::int64_t, int>, std::int64_t> sequences_;               // GUARDED_BY(mutex_)
    std::int64_t next_id_ = 1;                                                     // GUARDED_BY(mutex_)
    std::int64_t next_event_id_ = 1;                                               // GUARDED_BY(mutex_)
    std::int64_t next_message_id_ = 1;                                             // GUARDED_BY(mutex_)
};

}  // namespace heed::storage::memory
