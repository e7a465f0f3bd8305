#pragma once
// Compensation requests and decisions in the same SQLite database as the complaints, with their own connection
// behind a mutex (a few writes per complaint at most). The pending list is a range of the (tenant, status, id) index.

#include <memory>
#include <mutex>
#include <string>

#include "core/ports/compensation_store.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

class SqliteCompensationStore final : public core::ports::CompensationStore {
public:
    // Opens the database at `path`, which must already be migrated (open the complaint store first).
    static core::Result<std::unique_ptr<SqliteCompensationStore>> Open(const std::string& path);

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
    explicit SqliteCompensationStore(std::unique_ptr<Connection> db) : db_(std::move(db)) {}
    core::Result<std::vector<core::compensation::Compensation>> Rows(Statement& s);
    core::Result<void> ChangeOne(Statement& s, const std::string& what);

    std::mutex mutex_;
    std::unique_ptr<Connection> db_;  // GUARDED_BY(mutex_)
};

}  // namespace heed::storage::sqlite
