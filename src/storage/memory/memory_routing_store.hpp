#pragma once
// The in-memory twin of the routing store (tests). Thread-safe behind one mutex.

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "core/ports/routing_store.hpp"

namespace heed::storage::memory {

class MemoryRoutingStore final : public core::ports::RoutingStore {
public:
    core::Result<void> PutTeam(const core::routing::Team& team) override;
    core::Result<core::routing::Team> FindTeam(core::TenantId tenant, const std::string& name) override;
    core::Result<std::vector<core::routing::Team>> Teams(core::TenantId tenant) override;
    core::Result<void> DeleteTeam(core::TenantId tenant, const std::string& name) override;
    core::Result<void> PutAgent(const core::routing::AgentProfile& profile) override;
    core::Result<core::routing::AgentProfile> FindAgent(core::TenantId tenant, const std::string& username) override;
    core::Result<std::vector<core::routing::AgentProfile>> Agents(core::TenantId tenant) override;
    core::Result<std::string> LastAssigned(core::TenantId tenant, const std::string& pool) override;
    core::Result<void> SetLastAssigned(core::TenantId tenant, const std::string& pool,
                                       const std::string& username) override;

private:
    using Key = std::pair<std::int64_t, std::string>;
    std::mutex mutex_;
    std::map<Key, core::routing::Team> teams_;           // GUARDED_BY(mutex_)
    std::map<Key, core::routing::AgentProfile> agents_;  // GUARDED_BY(mutex_)
    std::map<Key, std::string> cursors_;                 // GUARDED_BY(mutex_)
};

}  // namespace heed::storage::memory
