#pragma once
// Storage of compensation requests and their decisions. Implementations: storage/memory (twin) and storage/sqlite;
// both pass storage/contract/compensation_store_contract.hpp. Every method is scoped by tenant.
// Thread-safety: safe to call from many threads.

#include <optional>
#include <vector>

#include "core/common/result.hpp"
#include "core/compensation/compensation.hpp"

namespace heed::core::ports {

class CompensationStore {
public:
    virtual ~CompensationStore() = default;

    // Stores a new request (its id is assigned) and returns it as stored.
    virtual Result<compensation::Compensation> Add(compensation::Compensation request) = 0;
    // kNotFound when absent.
    virtual Result<compensation::Compensation> Get(TenantId tenant, compensation::CompensationId id) = 0;
    // The complaint's compensations, oldest first.
    virtual Result<std::vector<compensation::Compensation>> ForComplaint(TenantId tenant, ComplaintId complaint) = 0;
    // The tenant's compensations in `status` (any when absent), oldest first, at most `limit`, with id > after.
    virtual Result<std::vector<compensation::Compensation>> List(TenantId tenant,
                                                                 std::optional<compensation::Status> status, int limit,
                                                                 compensation::CompensationId after) = 0;
    // Records the decision (status, decided_by/role/at, decision_reason of `decided`) only if the stored request is
    // still pending: kConflict otherwise, so two deciders cannot both win.
    virtual Result<void> Decide(const compensation::Compensation& decided) = 0;
    // Undoes Add or Decide when the complaint's own write failed (see CompensationService): removes a pending
    // request, or puts a decided one back to pending.
    virtual Result<void> Remove(TenantId tenant, compensation::CompensationId id) = 0;
    virtual Result<void> Reopen(TenantId tenant, compensation::CompensationId id) = 0;
};

}  // namespace heed::core::ports
