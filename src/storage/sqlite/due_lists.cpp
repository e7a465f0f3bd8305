// The SQLite store's in-memory due order (due_order.hpp): what the writer stages and rebuilds, and the due-ordered
// lists read from it. The batch hooks that apply the staged changes are in sqlite_store.cpp.

#include <algorithm>
#include <chrono>
#include <map>

#include "core/ports/query_matching.hpp"
#include "storage/sqlite/guarded.hpp"
#include "storage/sqlite/list_query.hpp"
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "core/triage/index_entries.hpp"

namespace heed::storage::sqlite {

using core::Result;
using core::complaint::Complaint;
namespace ports = core::ports;

void SqliteComplaintStore::StagePut(const Complaint& c, const core::triage::IndexEntries* index) {
    staged_.push_back({DueEntry{c.tenant.value, c.id.value, c.version, ports::SortKey(c, ports::SortOrder::kDueAsc),
                                c.status, c.assignee, SlaStateColumn(c)},
                       false});
    if (!index || options_.fingerprint_window.count() <= 0) return;
    FingerprintChange change;
    change.entry.tenant = c.tenant.value;
    change.entry.id = c.id.value;
    change.erase = !index->simhash;  // a text too short to fingerprint, or erased
    if (index->simhash) {
        change.entry.received_ms = core::ToMillis(c.milestones.received_at);
        change.entry.simhash = *index->simhash;
        change.entry.text_digest = index->text_digest;
        change.entry.number = c.number;
        change.entry.customer = index->customer;
        change.entry.cluster = c.links.incident_cluster;
    }
    staged_fingerprints_.push_back(std::move(change));
}

void SqliteComplaintStore::StageErase(core::TenantId tenant, core::ComplaintId id) {
    DueChange change;
    change.entry.tenant = tenant.value;
    change.entry.id = id.value;
    change.erase = true;
    staged_.push_back(std::move(change));
    FingerprintChange gone;
    gone.entry.tenant = tenant.value;
    gone.entry.id = id.value;
    gone.erase = true;
    staged_fingerprints_.push_back(std::move(gone));
}

Result<void> SqliteComplaintStore::RebuildInMemory(Connection& db) {
    if (auto built = RebuildDueOrder(db); !built) return built;
    return RebuildFingerprints(db);
}

Result<void> SqliteComplaintStore::RebuildFingerprints(Connection& db) {
    fingerprints_.Clear();
    const std::int64_t hold = std::chrono::duration_cast<std::chrono::milliseconds>(options_.fingerprint_window).count();
    if (hold <= 0) return {};
    // Per tenant: the floor trails its newest complaint (an index seek), and the complaints at or after it come by
    // the (tenant, received_at) index with their triage rows.
    auto tenants = db.Prepare("SELECT id, (SELECT max(received_at) FROM complaints c WHERE c.tenant_id = t.id) "
                              "FROM tenants t");
    if (!tenants) return tl::unexpected(tenants.error());
    std::vector<std::pair<std::int64_t, std::int64_t>> floors;
    auto listed = (*tenants)->ForEachRow([&](Statement& r) {
        floors.emplace_back(r.Int(0), r.IsNull(1) ? INT64_MIN : r.Int(1) - hold);
    });
    if (!listed) return tl::unexpected(listed.error());
    auto s = db.Prepare(
        "SELECT t.complaint_id, t.received_at, t.simhash, t.text_digest, t.number, t.customer, t.cluster "
        "FROM complaints c JOIN complaint_triage t ON t.complaint_id = c.id "
        "WHERE c.tenant_id = ?1 AND c.received_at >= ?2 AND t.simhash IS NOT NULL");
    if (!s) return tl::unexpected(s.error());
    std::vector<FingerprintEntry> entries;
    for (const auto& tenant_floor : floors) {
        const std::int64_t tenant = tenant_floor.first;  // a plain name: lambdas do not capture structured bindings
        const std::int64_t floor = tenant_floor.second;  // in every compiler the project builds with (clang 14)
        (*s)->Reset();
        (*s)->Bind(1, tenant).Bind(2, floor);
        auto read = (*s)->ForEachRow([&](Statement& r) {
            entries.push_back({tenant, r.Int(0), r.Int(1), static_cast<std::uint64_t>(r.Int(2)),
                               static_cast<std::uint64_t>(r.Int(3)), r.Text(4), r.Text(5), r.Text(6)});
        });
        if (!read) return tl::unexpected(read.error());
    }
    fingerprints_.Replace(hold, options_.fingerprint_window_max, floors, entries);
    return {};
}

Result<void> SqliteComplaintStore::RebuildDueOrder(Connection& db) {
    static const std::string kSql = [] {
        std::string in;
        for (const auto& [status, name] : core::workflow::kStatusNames) {
            if (DueOrder::Holds(status)) in += (in.empty() ? "'" : ", '") + std::string(name) + "'";
        }
        return std::string("SELECT c.tenant_id, c.id, c.version, ") + kEffectiveDueKey + ", c.status, c.assignee, " +
               kEffectiveSlaState + " FROM complaints c WHERE c.status IN (" + in + ")";
    }();
    auto s = db.Prepare(kSql);
    if (!s) return tl::unexpected(s.error());
    // In slices, so the whole set of rows is never held twice. Nobody reads the order meanwhile: it is not current.
    due_order_.Clear();
    std::vector<DueChange> slice;
    auto read = (*s)->ForEachRow([&](Statement& r) {
        auto status = core::ValueOf(core::workflow::kStatusNames, r.Text(4));
        if (!status) return;
        slice.push_back({DueEntry{r.Int(0), r.Int(1), r.Int(2), r.Int(3), *status, r.Text(5), r.Text(6)}, false});
        if (slice.size() == 10000) {
            due_order_.Apply(slice);
            slice.clear();
        }
    });
    if (!read) return tl::unexpected(read.error());
    due_order_.Apply(slice);
    return {};
}

Result<bool> SqliteComplaintStore::InMemoryCurrent(Connection& reader) {
    auto generation = reader.Prepare("SELECT value FROM store_generation WHERE id = 1");
    if (!generation) return tl::unexpected(generation.error());
    auto row = (*generation)->Step();
    if (!row) return tl::unexpected(row.error());
    const std::int64_t seen = *row ? (*generation)->Int(0) : -1;
    (*generation)->Reset();
    return seen >= 0 && DueOrderCurrent(seen);
}

bool SqliteComplaintStore::DueOrderCurrent(std::int64_t generation) {
    {
        std::unique_lock lock(applied_mutex_);
        // A transaction of this server that has committed but not yet been applied is a matter of microseconds.
        if (applied_changed_.wait_for(lock, std::chrono::milliseconds(200), [&] {
                return applied_generation_ >= 0 && applied_generation_ >= generation;
            })) {
            return true;
        }
    }
    if (!check_queued_.exchange(true)) {
        writes_->SubmitAsync<void>([](Connection&) -> Result<void> { return {}; }, [](Result<void>) {});
    }
    return false;
}

std::optional<Result<ports::ComplaintPage>> SqliteComplaintStore::ListByDue(core::TenantId tenant,
                                                                            const ports::ComplaintQuery& query) {
    std::vector<core::workflow::Status> open, closed;
    if (query.statuses.empty()) {
        for (const auto& entry : core::workflow::kStatusNames) (DueOrder::Holds(entry.first) ? open : closed).push_back(entry.first);
    } else {
        for (auto status : query.statuses) (DueOrder::Holds(status) ? open : closed).push_back(status);
    }
    if (open.empty()) return std::nullopt;  // solved and ended complaints: SQLite's partial due-time indexes
    const std::size_t want = static_cast<std::size_t>(query.limit) + 1;
    // Filters the order does not hold are checked by SQL on each batch of candidates. When those with an index of
    // their own (category, received time; channel, a column the received-time ranges read) match rarely, SQL finds
    // the few matches faster by that index and sorts them. The team scope has no such index: its candidates are
    // walked on (as SQL would walk a due-time index).
    const bool sql_filters = query.category || query.channel || query.received_from || query.received_to;
    constexpr std::size_t kBatch = 256;
    constexpr std::size_t kMaxScan = 8192;
    constexpr std::size_t kMaxCandidates = 2048;
    auto reader = AcquireReader();
    bool use_sql = false;
    auto rows = Guarded<std::vector<Complaint>>([&]() -> Result<std::vector<Complaint>> {
        std::vector<Complaint> found;
        auto current = InMemoryCurrent(*reader);
        if (!current) return tl::unexpected(current.error());
        if (!*current) {
            use_sql = true;
            return found;
        }
        DueFilter filter{query.statuses.empty() ? std::vector<core::workflow::Status>{} : open, query.assignee,
                         query.sla_states};
        std::optional<DueOrder::Candidate> after;
        if (query.after) after = DueOrder::Candidate{query.after->key, query.after->id.value};
        std::size_t examined = 0;
        // Without filters that only SQL checks, every candidate is read in full and almost all are kept: take no
        // more than the page still needs (a stale candidate is made up by the next round). With them, take a batch,
        // of which SQL reads only the matches.
        const bool sql_checks = sql_filters || query.scope.has_value();
        for (;;) {
            const std::size_t n = sql_checks ? kBatch : std::min(kBatch, std::max<std::size_t>(want - found.size(), 1));
            auto batch = due_order_.Next(tenant.value, filter, after, n, kMaxScan);
            if (!batch.candidates.empty()) {
                std::vector<std::int64_t> ids;
                ids.reserve(batch.candidates.size());
                for (const auto& c : batch.candidates) ids.push_back(c.id);
                ListSql sql = BuildCheckSql(tenant, query, open, ids);
                auto s = (*reader).Prepare(sql.text);
                if (!s) return tl::unexpected(s.error());
                sql.BindTo(**s);
                std::map<std::int64_t, Complaint> matched;
                auto read = (*s)->ForEachRow([&](Statement& r) {
                    if (auto complaint = ReadComplaint(r)) matched.emplace(complaint->id.value, std::move(*complaint));
                });
                if (!read) return tl::unexpected(read.error());
                for (const auto& c : batch.candidates) {
                    if (auto it = matched.find(c.id); it != matched.end()) found.push_back(std::move(it->second));
                }
                examined += batch.candidates.size();
            }
            if (found.size() >= want || batch.exhausted) break;
            if (sql_filters && examined >= kMaxCandidates) {
                use_sql = true;
                break;
            }
            after = batch.last_scanned;
        }
        return found;
    });
    if (!rows) return tl::unexpected(rows.error());
    if (use_sql) {
        // Only the open part goes to SQL without the order; the solved and ended part below has its indexes.
        ports::ComplaintQuery open_query = query;
        open_query.statuses = open;
        auto page = ListBySql(tenant, open_query);
        if (!page) return tl::unexpected(page.error());
        rows->clear();
        for (auto& c : page->items) rows->push_back(std::move(c));
        if (page->next) {
            // ListBySql kept the row after the page to itself; ask for one more to merge fairly.
            open_query.limit = query.limit;
            open_query.after = page->next;
            auto more = ListBySql(tenant, [&] {
                auto q = open_query;
                q.limit = 1;
                return q;
            }());
            if (!more) return tl::unexpected(more.error());
            for (auto& c : more->items) rows->push_back(std::move(c));
        }
    }
    if (!closed.empty()) {
        ports::ComplaintQuery closed_query = query;
        closed_query.statuses = closed;
        auto page = ListBySql(tenant, closed_query);
        if (!page) return tl::unexpected(page.error());
        for (auto& c : page->items) rows->push_back(std::move(c));
        if (page->next) {
            auto q = closed_query;
            q.after = page->next;
            q.limit = 1;
            auto more = ListBySql(tenant, q);
            if (!more) return tl::unexpected(more.error());
            for (auto& c : more->items) rows->push_back(std::move(c));
        }
        auto key = [](const Complaint& c) {
            return std::pair{ports::SortKey(c, ports::SortOrder::kDueAsc), c.id.value};
        };
        std::stable_sort(rows->begin(), rows->end(),
                         [&](const Complaint& a, const Complaint& b) { return key(a) < key(b); });
    }
    ports::ComplaintPage page;
    for (auto& c : *rows) {
        if (page.items.size() == static_cast<std::size_t>(query.limit)) {
            const auto& last = page.items.back();
            page.next = ports::Cursor{ports::SortKey(last, ports::SortOrder::kDueAsc), last.id};
            break;
        }
        page.items.push_back(std::move(c));
    }
    return page;
}

}  // namespace heed::storage::sqlite
