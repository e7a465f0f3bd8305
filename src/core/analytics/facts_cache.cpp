#include "core/analytics/facts_cache.hpp"

#include <algorithm>
#include <iterator>
#include <optional>

namespace heed::core::analytics {

Result<void> FactsCache::ScanBatches(ports::ComplaintStore& store, TenantId tenant, Instant now,
                                     const std::function<void(std::vector<ComplaintFacts>&)>& rows,
                                     std::atomic<std::int64_t>* progress, const std::atomic<bool>* cancel) {
    // Complaints in id order, their events read a batch at a time (one index range per batch in SQLite, instead of a
    // lookup of the complaint and of its events per complaint).
    constexpr std::size_t kBatch = 500;
    std::vector<complaint::Complaint> batch;
    std::vector<ComplaintFacts> derived;
    std::optional<Error> failure;
    auto derive = [&]() -> bool {
        std::vector<ComplaintId> ids;
        ids.reserve(batch.size());
        for (const auto& c : batch) ids.push_back(c.id);
        auto events = store.EventsOfMany(tenant, ids);
        if (!events) {
            failure = events.error();
            return false;
        }
        derived.clear();
        for (const auto& c : batch) {
            auto it = events->find(c.id.value);
            static const std::vector<workflow::Event> kNone;
            derived.push_back(DeriveFacts(c, it == events->end() ? kNone : it->second, now));
        }
        rows(derived);
        batch.clear();
        return true;
    };
    auto walked = store.ForEach(tenant, [&](const complaint::Complaint& c) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            failure = Error{ErrorCode::kUnavailable, "the roll-up build was stopped", {}, {}};
            return false;
        }
        if (progress) progress->fetch_add(1, std::memory_order_relaxed);
        batch.push_back(c);
        return batch.size() < kBatch || derive();
    });
    if (!walked) return tl::unexpected(walked.error());
    if (failure) return tl::unexpected(*failure);
    if (!batch.empty() && !derive()) return tl::unexpected(*failure);
    return {};
}

Result<std::vector<ComplaintFacts>> FactsCache::Scan(ports::ComplaintStore& store, TenantId tenant, Instant now,
                                                     std::atomic<std::int64_t>* progress,
                                                     const std::atomic<bool>* cancel) {
    std::vector<ComplaintFacts> out;
    auto scanned = ScanBatches(
        store, tenant, now,
        [&out](std::vector<ComplaintFacts>& rows) { std::move(rows.begin(), rows.end(), std::back_inserter(out)); },
        progress, cancel);
    if (!scanned) return tl::unexpected(scanned.error());
    return out;
}

std::vector<ComplaintFacts>::iterator FactsCache::TenantRows::LowerBound(std::int64_t id) {
    return std::lower_bound(rows.begin(), rows.end(), id,
                            [](const ComplaintFacts& row, std::int64_t key) { return row.id < key; });
}

ComplaintFacts* FactsCache::TenantRows::Find(std::int64_t id) {
    auto it = LowerBound(id);
    return it != rows.end() && it->id == id ? &*it : nullptr;
}

void FactsCache::Put(TenantRows& t, ComplaintFacts facts) {
    if (t.deleted_while_building.count(facts.id)) return;
    if (!t.built) {  // the scan's rows are not all there yet: merged at the build's end
        auto [it, inserted] = t.written_while_building.try_emplace(facts.id);
        if (inserted || it->second.version <= facts.version) it->second = std::move(facts);
        return;
    }
    Upsert(t, std::move(facts));
}

void FactsCache::Upsert(TenantRows& t, ComplaintFacts facts) {
    if (t.rows.empty() || t.rows.back().id < facts.id) {  // a new complaint: ids only grow
        t.rows.push_back(std::move(facts));
        return;
    }
    auto at = t.LowerBound(facts.id);
    if (at != t.rows.end() && at->id == facts.id) {
        if (at->version <= facts.version) *at = std::move(facts);  // never over a tombstone (kDeletedVersion)
        return;
    }
    t.rows.insert(at, std::move(facts));
}

void FactsCache::Append(TenantRows& t, std::vector<ComplaintFacts>& scanned) {
    for (auto& facts : scanned) {
        if (t.deleted_while_building.count(facts.id)) continue;
        Upsert(t, std::move(facts));  // appended: the scan walks in id order
    }
}

FactsCache::~FactsCache() {
    {
        std::unique_lock lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (worker_.joinable()) worker_.join();
}

Result<void> FactsCache::Build(TenantId tenant) {
    TenantRows* t = nullptr;
    {
        std::unique_lock lock(mutex_);
        auto& slot = tenants_[tenant.value];
        if (!slot) slot = std::make_unique<TenantRows>();
        if (slot->built) return {};
        t = slot.get();  // tenants_ never drops a tenant, so this stays valid
        t->scanned = 0;
    }
    auto count = store_.Count(tenant);
    {
        std::unique_lock lock(mutex_);
        t->total = count ? *count : 0;
        t->rows.reserve(static_cast<std::size_t>(t->total + t->total / 16 + 1024));  // room for a while of intake
    }
    // The scan's rows are added a batch at a time (no second copy of them all); writes arriving meanwhile wait in
    // written_while_building, merged at the end (the newer version wins).
    auto scanned = ScanBatches(
        store_, tenant, clock_.Now(),
        [&](std::vector<ComplaintFacts>& rows) {
            std::unique_lock lock(mutex_);
            Append(*t, rows);
        },
        &t->scanned, &stopping_);
    std::unique_lock lock(mutex_);
    if (!scanned) {  // the next build starts again from nothing
        t->rows = {};
        t->tombstones = 0;
        t->written_while_building.clear();
        return tl::unexpected(scanned.error());
    }
    t->built = true;
    for (auto& [id, facts] : t->written_while_building) Put(*t, std::move(facts));
    t->written_while_building.clear();
    t->deleted_while_building.clear();
    changed_.notify_all();
    return {};
}

void FactsCache::BuildInBackground(TenantId tenant) {
    {
        std::unique_lock lock(mutex_);
        if (stopping_) return;
        auto& slot = tenants_[tenant.value];
        if (!slot) slot = std::make_unique<TenantRows>();
        if (slot->built || slot->queued) return;
        slot->queued = true;
        queue_.push_back(tenant);
        if (!worker_.joinable()) worker_ = std::thread([this] { Worker(); });
    }
    changed_.notify_all();
}

void FactsCache::Worker() {
    for (;;) {
        TenantId tenant;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            tenant = queue_.front();
            queue_.pop_front();
        }
        Result<void> built;
        {
            std::lock_guard build(build_mutex_);
            built = Build(tenant);
        }
        if (after_build_) after_build_();
        {
            std::unique_lock lock(mutex_);
            auto& t = *tenants_[tenant.value];
            t.queued = false;
            if (!built && !stopping_) t.failed = built.error();
        }
        changed_.notify_all();
    }
}

Result<void> FactsCache::Read(TenantId tenant, const std::function<void(const FactsRows&)>& read,
                              std::optional<std::chrono::milliseconds> wait) {
    auto read_built = [&](const TenantRows& t) { read(FactsRows(t.rows, t.rows.size() - t.tombstones)); };
    {
        std::shared_lock lock(mutex_);
        auto it = tenants_.find(tenant.value);
        if (it != tenants_.end() && it->second->built) {
            read_built(*it->second);
            return {};
        }
    }
    if (wait) {
        BuildInBackground(tenant);
        std::unique_lock lock(mutex_);
        auto& t = *tenants_[tenant.value];
        changed_.wait_for(lock, *wait, [&] { return t.built || t.failed.has_value() || stopping_.load(); });
        if (!t.built && t.failed) {
            Error error = *t.failed;
            t.failed.reset();  // the next request starts the build again
            return tl::unexpected(error);
        }
        if (!t.built) {
            return Fail(ErrorCode::kFailedPrecondition,
                        "the analytics roll-up of this tenant is being built (" + std::to_string(t.scanned.load()) +
                            " of " + std::to_string(t.total) + " complaints read); retry shortly",
                        "roll_up");
        }
    } else {
        std::lock_guard build(build_mutex_);
        auto built = Build(tenant);
        if (!built) return built;
    }
    std::shared_lock lock(mutex_);
    read_built(*tenants_.at(tenant.value));
    return {};
}

void FactsCache::Written(const complaint::Complaint& complaint, const std::vector<workflow::Event>* events) {
    {
        std::shared_lock lock(mutex_);
        if (!tenants_.count(complaint.tenant.value)) return;  // not built yet: its build will read the store
    }
    std::vector<workflow::Event> fetched;
    if (!events) {
        auto read = store_.Events(complaint.tenant, complaint.id);
        if (read) fetched = std::move(*read);
        events = &fetched;
    }
    auto facts = DeriveFacts(complaint, *events, clock_.Now());
    std::unique_lock lock(mutex_);
    auto it = tenants_.find(complaint.tenant.value);
    if (it != tenants_.end()) Put(*it->second, std::move(facts));
}

void FactsCache::SlaValuesSet(const complaint::Complaint& complaint) {
    {
        std::unique_lock lock(mutex_);
        auto it = tenants_.find(complaint.tenant.value);
        if (it == tenants_.end()) return;  // not built yet: its build will read the store
        auto& t = *it->second;
        ComplaintFacts* row = t.built ? t.Find(complaint.id.value) : nullptr;
        if (!row && !t.built) {
            auto waiting = t.written_while_building.find(complaint.id.value);
            if (waiting != t.written_while_building.end()) row = &waiting->second;
        }
        if (row && row->version == complaint.version) {
            RederiveSlaOutcomes(*row, complaint, clock_.Now());
            return;
        }
    }
    // The complaint given may hold only what the SLA reads: the row is derived from the stored record.
    if (auto stored = store_.Get(complaint.tenant, complaint.id)) Written(*stored);
}

bool FactsCache::Tracks(TenantId tenant) const {
    std::shared_lock lock(mutex_);
    return tenants_.count(tenant.value) > 0;
}

void FactsCache::Deleted(TenantId tenant, ComplaintId id) {
    std::unique_lock lock(mutex_);
    auto it = tenants_.find(tenant.value);
    if (it == tenants_.end()) return;
    auto& t = *it->second;
    if (!t.built) {  // the scan may not have reached it yet, or a write may be waiting for the merge
        t.written_while_building.erase(id.value);
        t.deleted_while_building.insert(id.value);
    }
    ComplaintFacts* row = t.Find(id.value);  // a row the scan already added, during the build

    if (!row || row->IsTombstone()) return;
    *row = ComplaintFacts{};
    row->id = id.value;
    row->version = ComplaintFacts::kDeletedVersion;
    if (++t.tombstones > t.rows.size() / 4) {
        std::erase_if(t.rows, [](const ComplaintFacts& r) { return r.IsTombstone(); });
        t.tombstones = 0;
    }
}

Result<complaint::Complaint> IndexedComplaintStore::Create(ports::NewComplaint complaint) {
    auto events = complaint.events;
    auto created = inner_.Create(std::move(complaint));
    if (created) cache_.Written(*created, &events);
    return created;
}

void IndexedComplaintStore::CreateAsync(ports::NewComplaint complaint,
                                        std::function<void(Result<complaint::Complaint>)> done) {
    // The events are kept for the roll-up only when the tenant's rows exist; should they come into being before the
    // commit, Written reads the committed events instead.
    std::shared_ptr<std::vector<workflow::Event>> events;
    if (cache_.Tracks(complaint.complaint.tenant)) {
        events = std::make_shared<std::vector<workflow::Event>>(complaint.events);
    }
    inner_.CreateAsync(std::move(complaint), [this, events, done = std::move(done)](Result<complaint::Complaint> r) {
        if (r) cache_.Written(*r, events.get());
        done(std::move(r));
    });
}

std::vector<Result<complaint::Complaint>> IndexedComplaintStore::CreateMany(
    std::vector<ports::NewComplaint> complaints) {
    std::vector<std::vector<workflow::Event>> events;
    events.reserve(complaints.size());
    for (const auto& c : complaints) events.push_back(c.events);
    auto created = inner_.CreateMany(std::move(complaints));
    for (std::size_t i = 0; i < created.size() && i < events.size(); ++i) {
        if (created[i]) cache_.Written(*created[i], &events[i]);
    }
    return created;
}

Result<ports::UpdateResult> IndexedComplaintStore::Update(ports::ComplaintUpdate update) {
    auto updated = inner_.Update(std::move(update));
    if (updated) cache_.Written(updated->complaint);
    return updated;
}

Result<std::vector<ports::UpdateResult>> IndexedComplaintStore::UpdateAll(std::vector<ports::ComplaintUpdate> updates) {
    auto updated = inner_.UpdateAll(std::move(updates));
    if (updated) {
        for (const auto& result : *updated) cache_.Written(result.complaint);
    }
    return updated;
}

std::vector<Result<ports::UpdateResult>> IndexedComplaintStore::UpdateMany(
    std::vector<ports::ComplaintUpdate> updates) {
    auto updated = inner_.UpdateMany(std::move(updates));
    for (const auto& result : updated) {
        if (result) cache_.Written(result->complaint);
    }
    return updated;
}

std::vector<Result<complaint::Complaint>> IndexedComplaintStore::SetSlaValues(
    std::vector<ports::SlaValuesUpdate> updates) {
    auto updated = inner_.SetSlaValues(std::move(updates));
    for (const auto& result : updated) {
        if (result) cache_.SlaValuesSet(*result);
    }
    return updated;
}

Result<void> IndexedComplaintStore::Delete(TenantId tenant, ComplaintId id, const workflow::Actor& by) {
    auto deleted = inner_.Delete(tenant, id, by);
    if (deleted) cache_.Deleted(tenant, id);
    return deleted;
}

}  // namespace heed::core::analytics
