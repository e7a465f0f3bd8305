#include "storage/sqlite/sla_values.hpp"

#include <algorithm>
#include <future>

#include "core/ports/complaint_store.hpp"
#include "core/ports/query_matching.hpp"
#include "core/sla/inputs.hpp"
#include "storage/sqlite/due_order.hpp"
#include "storage/sqlite/guarded.hpp"
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::complaint::Complaint;
namespace ports = core::ports;

namespace {

// The check time of a complaint, written only when it moved (an unchanged row leaves the index alone).
Result<void> PutCheck(Connection& db, const Complaint& c) {
    if (!c.sla.check_at) {
        auto s = db.Prepare("DELETE FROM sla_checks WHERE complaint_id = ?1");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, c.id.value);
        return (*s)->Run();
    }
    auto s = db.Prepare(
        "INSERT INTO sla_checks (complaint_id, tenant_id, check_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (complaint_id) DO UPDATE SET check_at = excluded.check_at WHERE check_at <> excluded.check_at");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, c.id.value).Bind(2, c.tenant.value).Bind(3, core::ToMillis(*c.sla.check_at));
    return (*s)->Run();
}

}  // namespace

namespace {

const char* const kSlaEventKinds = "('status_changed', 'message_added', 'sla_warning', 'sla_breached', 'escalated')";

Result<void> PutInputs(Connection& db, const Complaint& c, const std::vector<core::workflow::Event>& history,
                       bool only_new) {
    auto s = db.Prepare(only_new ? "INSERT OR IGNORE INTO sla_inputs (complaint_id, tenant_id, version, inputs) "
                                   "SELECT id, tenant_id, version, ?4 FROM complaints "
                                   "WHERE id = ?1 AND tenant_id = ?2 AND version = ?3"
                                 : "INSERT OR REPLACE INTO sla_inputs (complaint_id, tenant_id, version, inputs) "
                                   "VALUES (?1, ?2, ?3, ?4)");
    if (!s) return tl::unexpected(s.error());
    const std::string inputs = core::sla::EncodeSlaInputs(c, history);  // bound without a copy: must outlive Run
    (*s)->Bind(1, c.id.value).Bind(2, c.tenant.value).Bind(3, c.version).Bind(4, inputs);
    return (*s)->Run();
}

}  // namespace

Result<void> StoreSlaValuesOfRow(Connection& db, const Complaint& c,
                                 const std::vector<core::workflow::Event>* created_with) {
    if (created_with) {
        if (c.sla.check_at) {
            auto s = db.Prepare("INSERT INTO sla_checks (complaint_id, tenant_id, check_at) VALUES (?1, ?2, ?3)");
            if (!s) return tl::unexpected(s.error());
            (*s)->Bind(1, c.id.value).Bind(2, c.tenant.value).Bind(3, core::ToMillis(*c.sla.check_at));
            if (auto ok = (*s)->Run(); !ok) return ok;
        }
        return DueOrder::Holds(c.status) ? PutInputs(db, c, *created_with, false) : Result<void>{};
    }
    auto drop = db.Prepare("DELETE FROM complaint_sla WHERE complaint_id = ?1");
    if (!drop) return tl::unexpected(drop.error());
    (*drop)->Bind(1, c.id.value);
    if (auto ok = (*drop)->Run(); !ok) return ok;
    if (auto ok = PutCheck(db, c); !ok) return ok;
    if (!DueOrder::Holds(c.status)) {
        auto gone = db.Prepare("DELETE FROM sla_inputs WHERE complaint_id = ?1");
        if (!gone) return tl::unexpected(gone.error());
        (*gone)->Bind(1, c.id.value);
        return (*gone)->Run();
    }
    // The complaint's events as stored, this update's included.
    auto read = db.Prepare(std::string("SELECT ") + kEventColumns +
                           " FROM events WHERE tenant_id = ?1 AND complaint_id = ?2 AND kind IN " + kSlaEventKinds +
                           " ORDER BY id");
    if (!read) return tl::unexpected(read.error());
    (*read)->Bind(1, c.tenant.value).Bind(2, c.id.value);
    auto history = (*read)->Collect([](Statement& r) { return ReadEvent(r); });
    if (!history) return tl::unexpected(history.error());
    return PutInputs(db, c, *history, false);
}

Result<void> DeleteSlaValues(Connection& db, core::ComplaintId id) {
    for (const char* sql :
         {"DELETE FROM complaint_sla WHERE complaint_id = ?1", "DELETE FROM sla_checks WHERE complaint_id = ?1",
          "DELETE FROM sla_inputs WHERE complaint_id = ?1"}) {
        auto s = db.Prepare(sql);
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, id.value);
        if (auto ok = (*s)->Run(); !ok) return ok;
    }
    return {};
}

Result<void> SqliteComplaintStore::ForEachSlaInputs(core::TenantId tenant,
                                                    const std::function<bool(std::vector<ports::SlaInputs>&)>& visit) {
    constexpr int kPage = 1000;
    // The complaints filed before sla_inputs existed (migration 20) get their rows first, from their whole records.
    bool complete = false;
    {
        auto reader = AcquireReader();
        auto s = (*reader).Prepare("SELECT 1 FROM sla_inputs_complete WHERE tenant_id = ?1");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value);
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        complete = *row;
        (*s)->Reset();
    }
    if (!complete) {
        if (auto filled = FillSlaInputs(tenant); !filled) return filled;
    }
    // Then the narrow rows in id order, a page at a time, each with the new SLA values of its version when a
    // recomputation set some. The next page is read on a thread of its own while `visit` works on this one: with the
    // database out of the operating system's cache, reading waits on the disk, and the clocks and the writer go on
    // meanwhile (a recomputation of a million complaints with a cold cache: BENCHMARKS.md). With a single reader
    // connection nothing is read ahead, since `visit` may need that reader.
    struct Page {
        std::vector<ports::SlaInputs> batch;
        std::int64_t last = 0;  // the last complaint id read
    };
    auto read_page = [this, tenant](std::int64_t after) -> Result<Page> {
        Page page{{}, after};
        page.batch.reserve(kPage);
        auto reader = AcquireReader();
        auto s = (*reader).Prepare(
            "SELECT i.complaint_id, i.inputs, o.doc FROM sla_inputs i "
            "LEFT JOIN complaint_sla o ON o.complaint_id = i.complaint_id AND o.version = i.version "
            "WHERE i.tenant_id = ?1 AND i.complaint_id > ?2 ORDER BY i.complaint_id LIMIT ?3");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, after).Bind(3, static_cast<std::int64_t>(kPage));
        std::optional<core::Error> damaged;
        auto read = (*s)->ForEachRow([&](Statement& r) {
            page.last = r.Int(0);
            if (damaged) return;
            ports::SlaInputs inputs;
            if (auto decoded = core::sla::DecodeSlaInputs(r.Text(1), inputs.complaint, inputs.history); !decoded) {
                damaged = decoded.error();
                return;
            }
            if (!r.IsNull(2)) {
                if (auto applied = ApplySlaValues(r.Text(2), inputs.complaint); !applied) {
                    damaged = applied.error();
                    return;
                }
            }
            page.batch.push_back(std::move(inputs));
        });
        if (!read) return tl::unexpected(read.error());
        if (damaged) return tl::unexpected(*damaged);
        return page;
    };
    const bool read_ahead = options_.readers > 1;
    auto page = read_page(0);
    for (;;) {
        if (!page) return tl::unexpected(page.error());
        if (page->batch.empty()) return {};
        std::future<Result<Page>> next;
        if (read_ahead) next = std::async(std::launch::async, read_page, page->last);
        if (!visit(page->batch)) return {};  // a page being read ahead is waited for by its future
        page = read_ahead ? next.get() : read_page(page->last);
    }
}

Result<void> SqliteComplaintStore::FillSlaInputs(core::TenantId tenant) {
    static const std::string kMissing = [] {
        std::string in;
        for (const auto& [status, name] : core::workflow::kStatusNames) {
            if (DueOrder::Holds(status)) in += (in.empty() ? "'" : ", '") + std::string(name) + "'";
        }
        return "SELECT c.id FROM complaints c WHERE c.tenant_id = ?1 AND c.status IN (" + in +
               ") AND NOT EXISTS (SELECT 1 FROM sla_inputs i WHERE i.complaint_id = c.id)";
    }();
    std::vector<core::ComplaintId> missing;
    {
        auto reader = AcquireReader();
        auto s = (*reader).Prepare(kMissing);
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value);
        auto ids = (*s)->Collect([](Statement& r) { return core::ComplaintId{r.Int(0)}; });
        if (!ids) return tl::unexpected(ids.error());
        missing = std::move(*ids);
    }
    std::sort(missing.begin(), missing.end());
    for (std::size_t from = 0; from < missing.size(); from += 1000) {
        std::vector<core::ComplaintId> ids(
            missing.begin() + static_cast<std::ptrdiff_t>(from),
            missing.begin() + static_cast<std::ptrdiff_t>(std::min(missing.size(), from + 1000)));
        auto histories = EventsOfMany(tenant, ids);
        if (!histories) return tl::unexpected(histories.error());
        std::vector<ports::SlaInputs> found;
        for (auto id : ids) {
            auto complaint = Get(tenant, id);
            if (!complaint) {
                if (complaint.error().code == ErrorCode::kNotFound) continue;
                return tl::unexpected(complaint.error());
            }
            found.push_back({std::move(*complaint), std::move((*histories)[id.value])});
        }
        // Written only where the complaint is still the version read (a later write has written its own row).
        auto written = writes_->Submit<void>([&found](Connection& db) -> Result<void> {
            for (const auto& inputs : found) {
                if (auto ok = PutInputs(db, inputs.complaint, inputs.history, true); !ok) return ok;
            }
            return {};
        });
        if (!written) return written;
    }
    return writes_->Submit<void>([tenant](Connection& db) -> Result<void> {
        auto s = db.Prepare("INSERT OR IGNORE INTO sla_inputs_complete (tenant_id) VALUES (?1)");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value);
        return (*s)->Run();
    });
}

std::vector<Result<Complaint>> SqliteComplaintStore::SetSlaValues(std::vector<ports::SlaValuesUpdate> updates) {
    using Results = std::vector<Result<Complaint>>;
    std::vector<std::string> values;
    values.reserve(updates.size());
    for (const auto& update : updates) values.push_back(EncodeSlaValues(update.complaint));
    // No savepoint per complaint, nor one around the list (WriteQueue::SubmitPieces: a savepoint held over thousands
    // of writes makes SQLite keep every page image they replace): a complaint refused (another version or status,
    // gone) writes nothing, and a failure of SQLite itself fails the whole transaction, every complaint with it.
    auto outcome = writes_->SubmitPieces<Results>([this, &updates, &values](Connection& db) -> Result<Results> {
        // Three ways to write the values, tried in this order. Last: the row of the complaint's version, only while the
        // stored complaint is that version in that status (complaints filed before schema 20, not yet recomputed).
        static const std::string kInsert =
            "INSERT INTO complaint_sla (complaint_id, tenant_id, version, due_key, sla_state, doc) ";
        static const std::string kOrReplace =
            " ON CONFLICT (complaint_id) DO UPDATE SET tenant_id = excluded.tenant_id, version = excluded.version, "
            "due_key = excluded.due_key, sla_state = excluded.sla_state, doc = excluded.doc";
        auto put = db.Prepare(kInsert +
                              "SELECT id, tenant_id, version, ?4, ?5, ?6 FROM complaints "
                              "WHERE id = ?1 AND tenant_id = ?2 AND version = ?3 AND status = ?7" +
                              kOrReplace);
        if (!put) return tl::unexpected(put.error());
        // Second: the same checked against the complaint's narrow sla_inputs row (its version is the record's, and a
        // version names one status): far fewer pages to touch than the records' table.
        auto put_by_inputs = db.Prepare(kInsert +
                                        "SELECT complaint_id, tenant_id, version, ?4, ?5, ?6 FROM sla_inputs "
                                        "WHERE complaint_id = ?1 AND tenant_id = ?2 AND version = ?3" +
                                        kOrReplace);
        if (!put_by_inputs) return tl::unexpected(put_by_inputs.error());
        // First, and most often (every recomputation after the complaint's first): over the complaint's own row of new
        // values, whose version is the complaint's — every other write of the complaint drops that row
        // (StoreSlaValuesOfRow, DeleteSlaValues) — so that row alone is read and written.
        auto put_over = db.Prepare(
            "UPDATE complaint_sla SET due_key = ?4, sla_state = ?5, doc = ?6 "
            "WHERE complaint_id = ?1 AND tenant_id = ?2 AND version = ?3");
        if (!put_over) return tl::unexpected(put_over.error());
        Results results;
        results.reserve(updates.size());
        for (std::size_t i = 0; i < updates.size(); ++i) {
            Complaint& c = updates[i].complaint;
            if (!DueOrder::Holds(c.status)) {
                results.push_back(Fail(ErrorCode::kInvalidArgument,
                                       "SLA values alone are set only for open or waiting complaints", "status"));
                continue;
            }
            const std::string state = SlaStateColumn(c);  // bound without a copy: must outlive Run
            const std::string status(core::workflow::ToString(c.status));
            auto run = [&](Statement& statement, bool with_status) -> Result<bool> {
                statement.Reset();  // Run leaves the statement done; binding again needs a reset
                statement.Bind(1, c.id.value).Bind(2, c.tenant.value).Bind(3, updates[i].expected_version);
                statement.Bind(4, ports::SortKey(c, ports::SortOrder::kDueAsc)).Bind(5, state).Bind(6, values[i]);
                if (with_status) statement.Bind(7, status);
                if (auto ok = statement.Run(); !ok) return tl::unexpected(ok.error());
                return sqlite3_changes(db.handle()) > 0;
            };
            auto stored = run(**put_over, false);
            if (stored && !*stored) stored = run(**put_by_inputs, false);
            if (stored && !*stored) stored = run(**put, true);
            if (!stored) return tl::unexpected(stored.error());
            if (!*stored) {
                auto probe = db.Prepare("SELECT version FROM complaints WHERE id = ?1 AND tenant_id = ?2");
                if (!probe) return tl::unexpected(probe.error());
                (*probe)->Bind(1, c.id.value).Bind(2, c.tenant.value);
                auto found = (*probe)->Step();
                if (!found) return tl::unexpected(found.error());
                if (!*found) {
                    results.push_back(Fail(ErrorCode::kNotFound, "complaint not found"));
                    continue;
                }
                std::int64_t stored = (*probe)->Int(0);
                (*probe)->Reset();
                results.push_back(Fail(
                    ErrorCode::kConflict,
                    "complaint was changed by someone else (version " + std::to_string(stored) + "); reload and retry",
                    "version"));
                continue;
            }
            if (auto ok = PutCheck(db, c); !ok) return tl::unexpected(ok.error());
            c.version = updates[i].expected_version;
            StagePut(c, nullptr);  // the SLA's values only: the triage index stays
            results.push_back(std::move(c));
        }
        return results;
    });
    if (!outcome) return Results(updates.size(), tl::unexpected(outcome.error()));
    return std::move(*outcome);
}

Result<std::vector<ports::SlaCheck>> SqliteComplaintStore::SlaChecksDue(core::Instant until, int limit) {
    auto reader = AcquireReader();
    auto s = (*reader).Prepare(
        "SELECT tenant_id, complaint_id, check_at FROM sla_checks WHERE check_at <= ?1 "
        "ORDER BY check_at, complaint_id LIMIT ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, core::ToMillis(until)).Bind(2, static_cast<std::int64_t>(limit));
    return (*s)->Collect([](Statement& r) -> ports::SlaCheck {
        return {core::TenantId{r.Int(0)}, core::ComplaintId{r.Int(1)}, core::FromMillis(r.Int(2))};
    });
}

Result<std::optional<core::Instant>> SqliteComplaintStore::NextSlaCheck() {
    auto reader = AcquireReader();
    auto s = (*reader).Prepare("SELECT min(check_at) FROM sla_checks");
    if (!s) return tl::unexpected(s.error());
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    std::optional<core::Instant> next;
    if (*row && !(*s)->IsNull(0)) next = core::FromMillis((*s)->Int(0));
    (*s)->Reset();
    return next;
}

}  // namespace heed::storage::sqlite
