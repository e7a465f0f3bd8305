#pragma once
// The KPI roll-up: ComplaintFacts of every complaint of a tenant, kept in memory and current with every write made
// through IndexedComplaintStore, so that a KPI query is one scan of compact rows (no store reads). A tenant's rows
// are built from the store on its first query (complaints and their events); writes made while that build runs are
// applied too, the newer version of a complaint winning. Tests prove the rows equal a rebuild from scratch.
// `heed serve` starts every tenant's build at start on the cache's own thread (BuildInBackground), and requests
// wait a bounded time for it (Read with a wait) instead of the whole build.
//
// Thread-safety: all methods may be called from many threads; queries share a lock, writes take it alone.

#include <atomic>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <thread>
#include <vector>

#include "core/analytics/facts.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/complaint_store.hpp"

namespace heed::core::analytics {

class FactsCache {
public:
    FactsCache(ports::ComplaintStore& store, const ports::Clock& clock) : store_(store), clock_(clock) {}
    ~FactsCache();  // stops a background build (its tenant stays unbuilt) and joins the thread
    FactsCache(const FactsCache&) = delete;
    FactsCache& operator=(const FactsCache&) = delete;

    // Calls `read` with the tenant's rows under the shared lock. Without `wait` the rows are built first if needed
    // (on the caller's thread, however long it takes). With `wait` an unbuilt tenant's build is started in the
    // background and waited for that long at most; if it is still running, kFailedPrecondition (field "roll_up")
    // saying how far it got — the HTTP layer answers 503 with Retry-After. A failed background build is reported
    // once and tried again by the next call.
    Result<void> Read(TenantId tenant, const std::function<void(const FactsRows&)>& read,
                      std::optional<std::chrono::milliseconds> wait = std::nullopt);

    // Queues the tenant's build on the cache's thread (started on first use); nothing when built or queued.
    void BuildInBackground(TenantId tenant);
    // Called on the cache's thread after each background build, successful or not (set before the first build):
    // `heed serve` hands the memory the build freed back to the system there.
    void SetAfterBuild(std::function<void()> after_build) { after_build_ = std::move(after_build); }

    // After a committed write: re-derives the complaint's row (reading its events when `events` is null).
    void Written(const complaint::Complaint& complaint, const std::vector<workflow::Event>* events = nullptr);
    // After SetSlaValues: the SLA outcomes of the complaint's row again from its new due times (a row of another
    // version, or none, is derived again as by Written).
    void SlaValuesSet(const complaint::Complaint& complaint);
    void Deleted(TenantId tenant, ComplaintId id);
    // Whether the tenant's rows exist (built or being built): writes of other tenants need not keep their events.
    bool Tracks(TenantId tenant) const;

    // Rows derived from the store from scratch, not touching the cache (what tests compare the cache with).
    // `progress` counts the complaints read; `cancel` set stops the walk (kUnavailable).
    static Result<std::vector<ComplaintFacts>> Scan(ports::ComplaintStore& store, TenantId tenant, Instant now,
                                                    std::atomic<std::int64_t>* progress = nullptr,
                                                    const std::atomic<bool>* cancel = nullptr);

private:
    struct TenantRows {
        bool built = false;
        // In id order (during the build too), 136 bytes each with no allocation besides its lists (BENCHMARKS.md,
        // "At 1 000 000 complaints, memory"); queries read them in place. A deleted complaint's row stays in place
        // as a tombstone (ComplaintFacts::kDeletedVersion: no later write brings it back) until tombstones are a
        // quarter of the rows.
        std::vector<ComplaintFacts> rows;
        std::size_t tombstones = 0;
        std::map<std::int64_t, ComplaintFacts> written_while_building;  // merged into `rows` at the build's end
        std::set<std::int64_t> deleted_while_building;
        bool queued = false;                   // waiting for or in the background build
        std::atomic<std::int64_t> scanned{0};  // complaints read by the running build
        std::int64_t total = 0;                // complaints in the store when it began
        std::optional<Error> failed;           // the last background build's failure, reported once

        std::vector<ComplaintFacts>::iterator LowerBound(std::int64_t id);  // the first row with an id ≥ id
        ComplaintFacts* Find(std::int64_t id);  // the row of the complaint (a tombstone too), or null
    };
    // A row derived after a write: the newer version wins; rows of deleted complaints stay deleted.
    static void Put(TenantRows& t, ComplaintFacts facts);
    static void Upsert(TenantRows& t, ComplaintFacts facts);  // into `rows`, kept in id order
    // Rows of the build's scan, in id order.
    static void Append(TenantRows& t, std::vector<ComplaintFacts>& scanned);
    // Walks the store as Scan does, handing over the rows a batch at a time.
    static Result<void> ScanBatches(ports::ComplaintStore& store, TenantId tenant, Instant now,
                                    const std::function<void(std::vector<ComplaintFacts>&)>& rows,
                                    std::atomic<std::int64_t>* progress, const std::atomic<bool>* cancel);
    Result<void> Build(TenantId tenant);  // under build_mutex_: builds unless built
    void Worker();

    ports::ComplaintStore& store_;
    const ports::Clock& clock_;
    std::mutex build_mutex_;  // one build at a time
    std::function<void()> after_build_;
    mutable std::shared_mutex mutex_;
    std::map<std::int64_t, std::unique_ptr<TenantRows>> tenants_;  // GUARDED_BY(mutex_); rows of building tenants too
    std::condition_variable_any changed_;                          // a build ended or a tenant was queued (with mutex_)
    std::deque<TenantId> queue_;                                   // GUARDED_BY(mutex_)
    std::atomic<bool> stopping_{false};
    std::thread worker_;  // started by the first BuildInBackground
};

// The ComplaintStore every service uses in `heed serve`: forwards to the real store and tells the cache about each
// committed write.
class IndexedComplaintStore final : public ports::ComplaintStore {
public:
    IndexedComplaintStore(ports::ComplaintStore& inner, FactsCache& cache) : inner_(inner), cache_(cache) {}

    Result<complaint::Complaint> Create(ports::NewComplaint complaint) override;
    void CreateAsync(ports::NewComplaint complaint, std::function<void(Result<complaint::Complaint>)> done) override;
    std::vector<Result<complaint::Complaint>> CreateMany(std::vector<ports::NewComplaint> complaints) override;
    Result<complaint::Complaint> Get(TenantId tenant, ComplaintId id) override { return inner_.Get(tenant, id); }
    Result<complaint::Complaint> GetByNumber(TenantId tenant, const std::string& number) override {
        return inner_.GetByNumber(tenant, number);
    }
    Result<ports::UpdateResult> Update(ports::ComplaintUpdate update) override;
    Result<std::vector<ports::UpdateResult>> UpdateAll(std::vector<ports::ComplaintUpdate> updates) override;
    std::vector<Result<ports::UpdateResult>> UpdateMany(std::vector<ports::ComplaintUpdate> updates) override;
    std::vector<Result<complaint::Complaint>> SetSlaValues(std::vector<ports::SlaValuesUpdate> updates) override;
    Result<void> ForEachSlaInputs(TenantId tenant,
                                  const std::function<bool(std::vector<ports::SlaInputs>&)>& visit) override {
        return inner_.ForEachSlaInputs(tenant, visit);
    }
    Result<std::map<std::int64_t, std::vector<workflow::Event>>> EventsOfMany(
        TenantId tenant, const std::vector<ComplaintId>& ids) override {
        return inner_.EventsOfMany(tenant, ids);
    }
    Result<void> Delete(TenantId tenant, ComplaintId id, const workflow::Actor& by) override;
    Result<ports::ComplaintPage> List(TenantId tenant, const ports::ComplaintQuery& query) override {
        return inner_.List(tenant, query);
    }
    Result<std::vector<workflow::Event>> Events(TenantId tenant, ComplaintId id) override {
        return inner_.Events(tenant, id);
    }
    Result<std::vector<complaint::Message>> Messages(TenantId tenant, ComplaintId id) override {
        return inner_.Messages(tenant, id);
    }
    Result<std::int64_t> Count(TenantId tenant) override { return inner_.Count(tenant); }
    Result<void> ForEach(TenantId tenant, const std::function<bool(const complaint::Complaint&)>& visit) override {
        return inner_.ForEach(tenant, visit);
    }
    Result<std::vector<ports::SlaCheck>> SlaChecksDue(Instant until, int limit) override {
        return inner_.SlaChecksDue(until, limit);
    }
    Result<std::optional<Instant>> NextSlaCheck() override { return inner_.NextSlaCheck(); }
    Result<std::map<std::string, std::int64_t>> OpenCountsByAssignee(
        TenantId tenant, const std::vector<std::string>& assignees) override {
        return inner_.OpenCountsByAssignee(tenant, assignees);
    }

private:
    ports::ComplaintStore& inner_;
    FactsCache& cache_;
};

}  // namespace heed::core::analytics
