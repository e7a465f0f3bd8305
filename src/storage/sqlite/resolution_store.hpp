#pragma once
// Solution templates, their uses and the candidates of suggestions, in the same SQLite database as the complaints
// (migration 12), with their own connection behind a mutex. Statistics join the uses with the complaints they
// resolved, reading each one's latest CSAT from its record; candidates are one range of the partial index of resolved
// complaints by (tenant, category, received_at) (migration 14), their texts read by id for those not seen before.

#include <memory>
#include <mutex>
#include <string>

#include "core/ports/template_store.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

class SqliteResolutionStore final : public core::ports::TemplateStore, public core::ports::ResolvedComplaints {
public:
    // Opens the database at `path`, which must already be migrated (open the complaint store first).
    static core::Result<std::unique_ptr<SqliteResolutionStore>> Open(const std::string& path);

    core::Result<core::resolution::SolutionTemplate> Add(core::resolution::SolutionTemplate t) override;
    core::Result<core::resolution::SolutionTemplate> Get(core::TenantId tenant,
                                                         core::resolution::TemplateId id) override;
    core::Result<std::vector<core::resolution::SolutionTemplate>> List(core::TenantId tenant) override;
    core::Result<core::resolution::SolutionTemplate> Update(core::resolution::SolutionTemplate t,
                                                            std::int64_t expected_version) override;
    core::Result<void> Delete(core::TenantId tenant, core::resolution::TemplateId id) override;
    core::Result<core::resolution::TemplateUse> AddUse(core::resolution::TemplateUse use) override;
    core::Result<void> RemoveUse(core::TenantId tenant, std::int64_t use_id) override;
    core::Result<std::map<core::resolution::TemplateId, core::resolution::TemplateStats>> Stats(
        core::TenantId tenant) override;

    core::Result<std::vector<core::ports::CandidateKey>> Candidates(core::TenantId tenant, const std::string& category,
                                                                    core::ComplaintId exclude, int limit) override;
    core::Result<std::vector<core::ports::ResolvedCandidate>> CandidateTexts(
        core::TenantId tenant, const std::vector<core::ComplaintId>& ids) override;

private:
    SqliteResolutionStore(std::unique_ptr<Connection> db, std::unique_ptr<Connection> reader)
        : db_(std::move(db)), reader_(std::move(reader)) {}

    std::mutex mutex_;
    std::unique_ptr<Connection> db_;  // GUARDED_BY(mutex_)
    std::mutex reader_mutex_;
    std::unique_ptr<Connection> reader_;  // GUARDED_BY(reader_mutex_): candidates, so writes never wait for them
};

}  // namespace heed::storage::sqlite
