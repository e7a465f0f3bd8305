#pragma once
// The outbox table (migration 7): messages to customers, kept until the mail server has accepted them. Its own
// connection behind a mutex (writes are few); each state change is one statement, so one commit.

#include <memory>
#include <mutex>
#include <string>

#include "core/ports/outbox.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

class SqliteOutbox final : public core::ports::Outbox {
public:
    // Opens the database at `path`, which must already be migrated (open the complaint store first).
    static core::Result<std::unique_ptr<SqliteOutbox>> Open(const std::string& path);

    core::Result<core::notify::OutboxMessage> Enqueue(core::notify::OutboxMessage message) override;
    core::Result<std::vector<core::notify::OutboxMessage>> Due(core::Instant now, int limit) override;
    core::Result<void> MarkSent(std::int64_t id, core::Instant at) override;
    core::Result<void> MarkFailed(std::int64_t id, core::Instant next_attempt_at, const std::string& error,
                                  bool permanent) override;
    core::Result<std::vector<core::notify::OutboxMessage>> List(core::TenantId tenant,
                                                               std::optional<core::notify::OutboxStatus> status,
                                                               std::optional<core::ComplaintId> complaint,
                                                               int limit) override;

private:
    explicit SqliteOutbox(std::unique_ptr<Connection> db) : db_(std::move(db)) {}
    core::Result<std::vector<core::notify::OutboxMessage>> ReadAll(Statement& statement);

    std::mutex mutex_;
    std::unique_ptr<Connection> db_;  // GUARDED_BY(mutex_)
};

}  // namespace heed::storage::sqlite
