#include "storage/sqlite/sla_values.hpp"

#include "core/ports/complaint_store.hpp"
#include "core/ports/query_matching.hpp"
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

Result<void> StoreSlaValuesOfRow(Connection& db, const Complaint& c, bool created) {
    if (created) {
        if (!c.sla.check_at) return {};
        auto s = db.Prepare("INSERT INTO sla_checks (complaint_id, tenant_id, check_at) VALUES (?1, ?2, ?3)");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, c.id.value).Bind(2, c.tenant.value).Bind(3, core::ToMillis(*c.sla.check_at));
        return (*s)->Run();
    }
    auto drop = db.Prepare("DELETE FROM complaint_sla WHERE complaint_id = ?1");
    if (!drop) return tl::unexpected(drop.error());
    (*drop)->Bind(1, c.id.value);
    if (auto ok = (*drop)->Run(); !ok) return ok;
    return PutCheck(db, c);
}

Result<void> DeleteSlaValues(Connection& db, core::ComplaintId id) {
    for (const char* sql :
         {"DELETE FROM complaint_sla WHERE complaint_id = ?1", "DELETE FROM sla_checks WHERE complaint_id = ?1"}) {
        auto s = db.Prepare(sql);
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, id.value);
        if (auto ok = (*s)->Run(); !ok) return ok;
    }
    return {};
}

std::vector<Result<Complaint>> SqliteComplaintStore::SetSlaValues(std::vector<ports::SlaValuesUpdate> updates) {
    using Results = std::vector<Result<Complaint>>;
    std::vector<std::string> values;
    values.reserve(updates.size());
    for (const auto& update : updates) values.push_back(EncodeSlaValues(update.complaint));
    auto outcome = writes_->SubmitPieces<Results>([this, &updates, &values](Connection& db) {
        return EachInSavepoint<Complaint>(db, updates.size(), [&](std::size_t i) -> Result<Complaint> {
            const Complaint& c = updates[i].complaint;
            if (!DueOrder::Holds(c.status)) {
                return Fail(ErrorCode::kInvalidArgument, "SLA values alone are set only for open or waiting complaints",
                            "status");
            }
            // The row of the complaint's version, only while the stored complaint is that version in that status.
            auto put = db.Prepare(
                "INSERT INTO complaint_sla (complaint_id, version, due_key, sla_state, doc) "
                "SELECT id, version, ?4, ?5, ?6 FROM complaints "
                "WHERE id = ?1 AND tenant_id = ?2 AND version = ?3 AND status = ?7 "
                "ON CONFLICT (complaint_id) DO UPDATE SET version = excluded.version, due_key = excluded.due_key, "
                "sla_state = excluded.sla_state, doc = excluded.doc");
            if (!put) return tl::unexpected(put.error());
            const std::string state = SlaStateColumn(c);  // bound without a copy: must outlive Run
            const std::string status(core::workflow::ToString(c.status));
            (*put)->Bind(1, c.id.value).Bind(2, c.tenant.value).Bind(3, updates[i].expected_version);
            (*put)->Bind(4, ports::SortKey(c, ports::SortOrder::kDueAsc)).Bind(5, state).Bind(6, values[i]);
            (*put)->Bind(7, status);
            if (auto ok = (*put)->Run(); !ok) return tl::unexpected(ok.error());
            if (sqlite3_changes(db.handle()) == 0) {
                auto probe = db.Prepare("SELECT version, status FROM complaints WHERE id = ?1 AND tenant_id = ?2");
                if (!probe) return tl::unexpected(probe.error());
                (*probe)->Bind(1, c.id.value).Bind(2, c.tenant.value);
                auto found = (*probe)->Step();
                if (!found) return tl::unexpected(found.error());
                if (!*found) return Fail(ErrorCode::kNotFound, "complaint not found");
                std::int64_t stored = (*probe)->Int(0);
                (*probe)->Reset();
                return Fail(
                    ErrorCode::kConflict,
                    "complaint was changed by someone else (version " + std::to_string(stored) + "); reload and retry",
                    "version");
            }
            if (auto ok = PutCheck(db, c); !ok) return tl::unexpected(ok.error());
            Complaint stored = c;
            stored.version = updates[i].expected_version;
            StagePut(stored);
            return stored;
        });
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
