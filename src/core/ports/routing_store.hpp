#pragma once
// Storage of teams, agent profiles and the round-robin cursors of routing. Implementations: storage/memory (twin)
// and storage/sqlite; both pass storage/contract/routing_store_contract.hpp. Every method is scoped by tenant.
// Thread-safety: safe to call from many threads.

#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/routing/agent.hpp"

namespace heed::core::ports {

class RoutingStore {
public:
    virtual ~RoutingStore() = default;

    // Inserts or replaces the team with this name.
    virtual Result<void> PutTeam(const routing::Team& team) = 0;
    // kNotFound when absent.
    virtual Result<routing::Team> FindTeam(TenantId tenant, const std::string& name) = 0;
    // The tenant's teams by name.
    virtual Result<std::vector<routing::Team>> Teams(TenantId tenant) = 0;
    virtual Result<void> DeleteTeam(TenantId tenant, const std::string& name) = 0;

    // Inserts or replaces the profile of this username.
    virtual Result<void> PutAgent(const routing::AgentProfile& profile) = 0;
    virtual Result<routing::AgentProfile> FindAgent(TenantId tenant, const std::string& username) = 0;
    // The tenant's profiles by username.
    virtual Result<std::vector<routing::AgentProfile>> Agents(TenantId tenant) = 0;

    // The last agent given a complaint from `pool` (a team name, or empty for the whole tenant); empty when none.
    virtual Result<std::string> LastAssigned(TenantId tenant, const std::string& pool) = 0;
    virtual Result<void> SetLastAssigned(TenantId tenant, const std::string& pool, const std::string& username) = 0;
};

}  // namespace heed::core::ports
