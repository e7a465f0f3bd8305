#pragma once
// The in-memory twin of the compensation store (tests). Thread-safe behind one mutex.

#include <map>
#include <mutex>

#include "core/ports/compensation_store.hpp"

namespace heed::storage::memory {

class MemoryCompensationStore final : public core::ports::CompensationStore {
public:
    core::Result<core::compensation::Compensation> Add(core::compensation::Compensation request) override;
    core::Result<core::compensation::Compensation> Get(core::TenantId tenant,
                                                       core::compensation::CompensationId id) override;
    core::Result<std::vector<core::compensation::Compensation>> ForComplaint(core::TenantId tenant,
                                                                             core::ComplaintId complaint) override;
    core::Result<std::vector<core::compensation::Compensation>> List(core::TenantId tenant,
                                                                     std::optional<core::compensation::Status> status,
                                                                     int limit,
                                                                     core::compensation::CompensationId after) override;
    core::Result<void> Decide(const core::compensation::Compensation& decided) override;
    core::Result<void> Remove(core::TenantId tenant, core::compensation::CompensationId id) override;
    core::Result<void> Reopen(core::TenantId tenant, core::compensation::CompensationId id) override;

private:
    std::mutex mutex_;
    std::int64_t next_id_ = 1;                                        // GUARDED_BY(mutex_)
    std::map<std::int64_t, core::compensation::Compensation> items_;  // by id; GUARDED_BY(mutex_)
};

}  // namespace heed::storage::memory
