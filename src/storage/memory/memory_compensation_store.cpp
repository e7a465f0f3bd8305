#include "storage/memory/memory_compensation_store.hpp"

namespace heed::storage::memory {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::compensation::Compensation;
using core::compensation::CompensationId;
using core::compensation::Status;

Result<Compensation> MemoryCompensationStore::Add(Compensation request) {
    std::lock_guard lock(mutex_);
    request.id = CompensationId{next_id_++};
    items_[request.id.value] = request;
    return request;
}

Result<Compensation> MemoryCompensationStore::Get(core::TenantId tenant, CompensationId id) {
    std::lock_guard lock(mutex_);
    auto it = items_.find(id.value);
    if (it == items_.end() || it->second.tenant != tenant) {
        return Fail(ErrorCode::kNotFound, "no compensation " + std::to_string(id.value));
    }
    return it->second;
}

Result<std::vector<Compensation>> MemoryCompensationStore::ForComplaint(core::TenantId tenant,
                                                                        core::ComplaintId complaint) {
    std::lock_guard lock(mutex_);
    std::vector<Compensation> out;
    for (const auto& [id, c] : items_) {
        if (c.tenant == tenant && c.complaint == complaint) out.push_back(c);
    }
    return out;
}

Result<std::vector<Compensation>> MemoryCompensationStore::List(core::TenantId tenant, std::optional<Status> status,
                                                                int limit, CompensationId after) {
    std::lock_guard lock(mutex_);
    std::vector<Compensation> out;
    for (auto it = items_.upper_bound(after.value); it != items_.end() && static_cast<int>(out.size()) < limit; ++it) {
        if (it->second.tenant == tenant && (!status || it->second.status == *status)) out.push_back(it->second);
    }
    return out;
}

Result<void> MemoryCompensationStore::Decide(const Compensation& decided) {
    std::lock_guard lock(mutex_);
    auto it = items_.find(decided.id.value);
    if (it == items_.end() || it->second.tenant != decided.tenant) {
        return Fail(ErrorCode::kNotFound, "no compensation " + std::to_string(decided.id.value));
    }
    if (it->second.status != Status::kPending) {
        return Fail(ErrorCode::kConflict, "compensation " + std::to_string(decided.id.value) + " is already decided");
    }
    auto& stored = it->second;
    stored.status = decided.status;
    stored.decided_by = decided.decided_by;
    stored.decided_role = decided.decided_role;
    stored.decided_at = decided.decided_at;
    stored.decision_reason = decided.decision_reason;
    return {};
}

Result<void> MemoryCompensationStore::Remove(core::TenantId tenant, CompensationId id) {
    std::lock_guard lock(mutex_);
    auto it = items_.find(id.value);
    if (it == items_.end() || it->second.tenant != tenant) return Fail(ErrorCode::kNotFound, "no such compensation");
    items_.erase(it);
    return {};
}

Result<void> MemoryCompensationStore::Reopen(core::TenantId tenant, CompensationId id) {
    std::lock_guard lock(mutex_);
    auto it = items_.find(id.value);
    if (it == items_.end() || it->second.tenant != tenant) return Fail(ErrorCode::kNotFound, "no such compensation");
    auto& c = it->second;
    c.status = Status::kPending;
    c.decided_by.clear();
    c.decided_role = core::workflow::Role::kSystem;
    c.decided_at.reset();
    c.decision_reason.clear();
    return {};
}

}  // namespace heed::storage::memory
