#pragma once
// Teams, agent profiles and round-robin cursors in the same SQLite database as the complaints. Writes are rare (an
// admin edits a team, an agent goes away), so the store has its own connection behind a mutex.

#include <memory>
#include <mutex>
#include <string>

#include "core/ports/routing_store.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

class SqliteRoutingStore final : public core::ports::RoutingStore {
public:
    // Opens the database at `path`, which must already be migrated (open the complaint store first).
    static core::Result<std::unique_ptr<SqliteRoutingStore>> Open(const std::string& path);

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
    explicit SqliteRoutingStore(std::unique_ptr<Connection> db) : db_(std::move(db)) {}

    std::mutex mutex_;
    std::unique_ptr<Connection> db_;  // GUARDED_BY(mutex_)
};

}  // namespace heed::storage::sqlite
