#pragma once
// The SQLite complaint store: WAL, versioned migrations, prepared statements, one writer thread with group commit
// (write_queue.hpp) and a pool of reader connections that read concurrently with it. Full-text search runs on an
// FTS5 index over subject + description with the heed_cjk tokenizer (two-character Chinese terms are found).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/ports/complaint_store.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/triage_store.hpp"
#include "storage/sqlite/audit_chain.hpp"
#include "storage/sqlite/checkpointer.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/due_order.hpp"
#include "storage/sqlite/fingerprint_window.hpp"
#include "storage/sqlite/write_queue.hpp"

namespace heed::storage::sqlite {

struct StoreOptions {
    std::size_t readers = 8;        // concurrent read connections
    std::size_t max_batch = 512;    // most jobs in one group commit
    MacFunction mac;                // keys the audit chain; required
    const core::ports::Clock* clock = nullptr;  // server time of audit records; required, must outlive the store
    std::string anchor_path;        // where the audit head is anchored after commits; empty: nowhere
    std::size_t bulk_cache_mib = 1024;  // the writer's page cache while bulk updates run (BulkUpdates)
    // How far back the text fingerprints of recent complaints are held in memory (fingerprint_window.hpp): the
    // near-duplicate lookups that reach no further back are answered there. 0: none held, SQLite answers all. It
    // has to cover the triage cluster window (14 days) to serve intake.
    std::chrono::hours fingerprint_window{24 * 15};
    std::size_t fingerprint_window_max = 250000;  // most complaints held per tenant (≈ 400 bytes each)
    // The write-ahead log is copied back into the database by a thread of its own (checkpointer.hpp) every
    // `checkpoint_pages` pages, and by the writer once it reaches `wal_limit_pages`. 0: SQLite's own automatic
    // checkpoint in the writer's commits, every 1 000 pages.
    int checkpoint_pages = 1000;
    int wal_limit_pages = 8000;
};

class SqliteComplaintStore final : public core::ports::ComplaintStore,
                                   public core::ports::AuditLog,
                                   public core::ports::TriageStore {
public:
    // Opens or creates the database at `path` and migrates it to the latest schema.
    static core::Result<std::unique_ptr<SqliteComplaintStore>> Open(const std::string& path, StoreOptions options);
    ~SqliteComplaintStore() override;  // drains the writer first: its hooks use the members below it

    core::Result<core::complaint::Complaint> Create(core::ports::NewComplaint complaint) override;
    void CreateAsync(core::ports::NewComplaint complaint,
                     std::function<void(core::Result<core::complaint::Complaint>)> done) override;
    std::vector<core::Result<core::complaint::Complaint>> CreateMany(
        std::vector<core::ports::NewComplaint> complaints) override;
    core::Result<core::complaint::Complaint> Get(core::TenantId tenant, core::ComplaintId id) override;
    core::Result<core::complaint::Complaint> GetByNumber(core::TenantId tenant, const std::string& number) override;
    core::Result<core::ports::UpdateResult> Update(core::ports::ComplaintUpdate update) override;
    std::vector<core::Result<core::ports::UpdateResult>> UpdateMany(
        std::vector<core::ports::ComplaintUpdate> updates) override;
    // The writer's page cache grows to StoreOptions::bulk_cache_mib while bulk updates run, so that a transaction of
    // thousands of updates finds the index pages it moves entries in (and keeps them dirty until its commit instead
    // of spilling them to the WAL), and shrinks back after.
    void BulkUpdates(bool active) override;
    core::Result<std::map<std::int64_t, std::vector<core::workflow::Event>>> EventsOfMany(
        core::TenantId tenant, const std::vector<core::ComplaintId>& ids) override;

    // The values go to a narrow row of complaint_sla beside the complaint's (sla_values.cpp), with its check time
    // and due order; the complaint row, its audit record and its version stay as they were.
    std::vector<core::Result<core::complaint::Complaint>> SetSlaValues(
        std::vector<core::ports::SlaValuesUpdate> updates) override;
    // From the narrow rows of sla_inputs (core/sla/inputs.hpp) with the values of complaint_sla laid over; a tenant
    // not yet in sla_inputs_complete first gets the rows of its open complaints filed before migration 20.
    core::Result<void> ForEachSlaInputs(
        core::TenantId tenant, const std::function<bool(std::vector<core::ports::SlaInputs>&)>& visit) override;

    core::Result<std::vector<core::ports::UpdateResult>> UpdateAll(
        std::vector<core::ports::ComplaintUpdate> updates) override;
    core::Result<void> Delete(core::TenantId tenant, core::ComplaintId id, const core::workflow::Actor& by) override;
    core::Result<core::ports::ComplaintPage> List(core::TenantId tenant,
                                                  const core::ports::ComplaintQuery& query) override;
    core::Result<std::vector<core::workflow::Event>> Events(core::TenantId tenant, core::ComplaintId id) override;
    core::Result<std::vector<core::complaint::Message>> Messages(core::TenantId tenant,
                                                                 core::ComplaintId id) override;
    core::Result<std::int64_t> Count(core::TenantId tenant) override;
    core::Result<std::vector<core::ports::SlaCheck>> SlaChecksDue(core::Instant until, int limit) override;
    core::Result<std::optional<core::Instant>> NextSlaCheck() override;
    core::Result<void> ForEach(core::TenantId tenant,
                               const std::function<bool(const core::complaint::Complaint&)>& visit) override;
    // One count per name, each a range of the (tenant, assignee, status) index.
    core::Result<std::map<std::string, std::int64_t>> OpenCountsByAssignee(
        core::TenantId tenant, const std::vector<std::string>& assignees) override;

    // Appends a record of a change that is not a complaint change (users, tokens, exports, …) to the audit chain.
    core::Result<void> Record(const core::ports::AuditRecord& record) override;

    // Triage: rules, thresholds, labels and the indexed lookups (sqlite/triage_store.cpp).
    core::Result<std::vector<core::triage::Rule>> Rules(core::TenantId tenant) override;
    core::Result<core::triage::Rule> GetRule(core::TenantId tenant, core::triage::RuleId id) override;
    core::Result<core::triage::Rule> CreateRule(core::triage::Rule rule) override;
    core::Result<core::triage::Rule> UpdateRule(core::triage::Rule rule, std::int64_t expected_version) override;
    core::Result<void> DeleteRule(core::TenantId tenant, core::triage::RuleId id) override;
    core::Result<core::ports::TriageThresholds> Thresholds(core::TenantId tenant) override;
    core::Result<void> SetThresholds(core::TenantId tenant, const core::ports::TriageThresholds& thresholds) override;
    core::Result<std::vector<core::ports::ContactMatch>> ByContact(core::TenantId tenant,
                                                                   const std::vector<std::string>& keys,
                                                                   core::Instant since, int limit) override;
    core::Result<std::vector<core::ports::TextMatch>> ByFingerprint(core::TenantId tenant, std::uint64_t simhash,
                                                                    core::Instant since, int limit) override;
    core::Result<std::vector<core::ports::ClusterSummary>> Clusters(core::TenantId tenant, core::Instant since,
                                                                    int limit) override;
    core::Result<std::vector<core::ComplaintId>> ClusterMembers(core::TenantId tenant,
                                                                const std::string& cluster) override;
    core::Result<std::vector<core::triage::TriageLabel>> Labels(core::TenantId tenant, std::int64_t after,
                                                                int limit) override;

    // Checks the audit chain, its anchor and every complaint and event against it.
    core::Result<AuditReport> VerifyAudit();

    // True when a trivial read succeeds (readiness probe).
    bool Ping();
    // PRAGMA integrity_check plus the FTS5 index check; returns "ok" or the problems found.
    core::Result<std::string> CheckIntegrity();
    WriteQueue::Stats write_stats() const { return writes_->stats(); }
    Checkpointer::Stats checkpoint_stats() const { return checkpointer_ ? checkpointer_->stats() : Checkpointer::Stats{}; }
    std::size_t due_order_size() const { return due_order_.size(); }  // open and waiting complaints held in memory
    std::size_t fingerprint_window_size() const { return fingerprints_.size(); }  // complaints held for ByFingerprint

private:
    // A reader connection borrowed from the pool, returned when the lease ends.
    class ReaderLease {
    public:
        ReaderLease(SqliteComplaintStore& store, std::unique_ptr<Connection> connection)
            : store_(store), connection_(std::move(connection)) {}
        ~ReaderLease() {
            {
                std::lock_guard lock(store_.readers_mutex_);
                store_.idle_readers_.push_back(std::move(connection_));
            }
            store_.reader_released_.notify_one();
        }
        Connection& operator*() { return *connection_; }

    private:
        SqliteComplaintStore& store_;
        std::unique_ptr<Connection> connection_;
    };
    SqliteComplaintStore() = default;
    ReaderLease AcquireReader();

    // The in-memory due order (due_order.hpp). Writer thread: a complaint written by a job is staged, and the staged
    // changes are applied once the transaction commits (dropped when it rolls back), in commit order. Each such
    // transaction raises the database's generation number (table store_generation); at the start of a transaction
    // the writer compares it with the one the order reflects, and rebuilds the order from the database when another
    // process (or another store on the same file) wrote complaints meanwhile.
    BatchHooks DueOrderHooks();
    // `index`: the triage index entries written with the complaint; nullptr when they were left as they were.
    void StagePut(const core::complaint::Complaint& c, const core::triage::IndexEntries* index);
    core::Result<void> FillSlaInputs(core::TenantId tenant);  // sla_values.cpp
    void StageErase(core::TenantId tenant, core::ComplaintId id);
    core::Result<void> RebuildDueOrder(Connection& db);
    core::Result<void> RebuildFingerprints(Connection& db);
    // The due order and the fingerprint window, read again inside the writer's open transaction.
    core::Result<void> RebuildInMemory(Connection& db);
    // Waits (briefly) until the order reflects `generation`; false when it does not (another process wrote: a check
    // is queued on the writer, which rebuilds the order and the fingerprint window, which always reflect the same).
    bool DueOrderCurrent(std::int64_t generation);
    // DueOrderCurrent for the generation `reader` sees now.
    core::Result<bool> InMemoryCurrent(Connection& reader);
    // A due-ordered list of open and waiting complaints read from the in-memory order; nullopt when the order cannot
    // answer (not current, or filters that only SQL can check and that match too few), and SQL answers instead.
    std::optional<core::Result<core::ports::ComplaintPage>> ListByDue(core::TenantId tenant,
                                                                       const core::ports::ComplaintQuery& query);
    core::Result<core::ports::ComplaintPage> ListBySql(core::TenantId tenant,
                                                       const core::ports::ComplaintQuery& query);

    // Writer thread only: complaints inserted in the open transaction whose full-text rows are not written yet.
    // Declared before writes_, which drains its queue (and may use this) when it is destroyed.
    std::vector<std::int64_t> unindexed_;
    std::unique_ptr<Checkpointer> checkpointer_;  // outlives writes_, which is reset first (~SqliteComplaintStore)
    std::unique_ptr<WriteQueue> writes_;
    StoreOptions options_;
    std::mutex bulk_mutex_;
    int bulk_users_ = 0;  // GUARDED_BY(bulk_mutex_): callers between BulkUpdates(true) and BulkUpdates(false)
    std::mutex readers_mutex_;
    std::condition_variable reader_released_;
    std::vector<std::unique_ptr<Connection>> idle_readers_;  // GUARDED_BY(readers_mutex_)
    DueOrder due_order_;
    FingerprintWindow fingerprints_;      // reflects the same generation as due_order_
    std::vector<DueChange> staged_;       // writer thread only
    std::vector<FingerprintChange> staged_fingerprints_;  // writer thread only
    std::int64_t staged_generation_ = 0;  // writer thread only
    std::mutex applied_mutex_;
    std::condition_variable applied_changed_;
    std::int64_t applied_generation_ = -1;  // GUARDED_BY(applied_mutex_): what due_order_ reflects; -1: not built
    std::atomic<bool> check_queued_{false};
};

}  // namespace heed::storage::sqlite
