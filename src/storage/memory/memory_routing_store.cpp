#include "storage/memory/memory_routing_store.hpp"

namespace heed::storage::memory {

using core::ErrorCode;
using core::Fail;
using core::Result;
namespace routing = core::routing;

Result<void> MemoryRoutingStore::PutTeam(const routing::Team& team) {
    std::lock_guard lock(mutex_);
    teams_[{team.tenant.value, team.name}] = team;
    return {};
}

Result<routing::Team> MemoryRoutingStore::FindTeam(core::TenantId tenant, const std::string& name) {
    std::lock_guard lock(mutex_);
    auto it = teams_.find({tenant.value, name});
    if (it == teams_.end()) return Fail(ErrorCode::kNotFound, "no team " + name);
    return it->second;
}

Result<std::vector<routing::Team>> MemoryRoutingStore::Teams(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    std::vector<routing::Team> out;
    for (const auto& [key, team] : teams_) {
        if (key.first == tenant.value) out.push_back(team);
    }
    return out;
}

Result<void> MemoryRoutingStore::DeleteTeam(core::TenantId tenant, const std::string& name) {
    std::lock_guard lock(mutex_);
    if (teams_.erase({tenant.value, name}) == 0) return Fail(ErrorCode::kNotFound, "no team " + name);
    return {};
}

Result<void> MemoryRoutingStore::PutAgent(const routing::AgentProfile& profile) {
    std::lock_guard lock(mutex_);
    agents_[{profile.tenant.value, profile.username}] = profile;
    return {};
}

Result<routing::AgentProfile> MemoryRoutingStore::FindAgent(core::TenantId tenant, const std::string& username) {
    std::lock_guard lock(mutex_);
    auto it = agents_.find({tenant.value, username});
    if (it == agents_.end()) return Fail(ErrorCode::kNotFound, "no agent profile for " + username);
    return it->second;
}

Result<std::vector<routing::AgentProfile>> MemoryRoutingStore::Agents(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    std::vector<routing::AgentProfile> out;
    for (const auto& [key, profile] : agents_) {
        if (key.first == tenant.value) out.push_back(profile);
    }
    return out;
}

Result<std::string> MemoryRoutingStore::LastAssigned(core::TenantId tenant, const std::string& pool) {
    std::lock_guard lock(mutex_);
    auto it = cursors_.find({tenant.value, pool});
    return it == cursors_.end() ? std::string() : it->second;
}

Result<void> MemoryRoutingStore::SetLastAssigned(core::TenantId tenant, const std::string& pool,
                                                 const std::string& username) {
    std::lock_guard lock(mutex_);
    cursors_[{tenant.value, pool}] = username;
    return {};
}

}  // namespace heed::storage::memory
