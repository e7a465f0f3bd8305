#include "storage/sqlite/compensation_store.hpp"

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::compensation::Compensation;
using core::compensation::CompensationId;
using core::compensation::Status;
using core::workflow::Role;

namespace {

constexpr const char* kColumns =
    "SELECT id, tenant_id, complaint_id, complaint_number, kind, amount_minor, currency, reason, required_role, "
    "status, requested_by, requested_role, requested_at, decided_by, decided_role, decided_at, decision_reason "
    "FROM compensations ";

Role RoleOf(const std::string& name) {
    return core::ValueOf(core::workflow::kRoleNames, name).value_or(Role::kSystem);
}

Compensation Read(const Statement& s) {
    Compensation c;
    c.id = CompensationId{s.Int(0)};
    c.tenant = core::TenantId{s.Int(1)};
    c.complaint = core::ComplaintId{s.Int(2)};
    c.complaint_number = s.Text(3);
    c.kind = core::ValueOf(core::compensation::kKindNames, s.Text(4)).value_or(core::compensation::Kind::kRefund);
    c.amount = {s.Int(5), s.Text(6)};
    c.reason = s.Text(7);
    c.required = RoleOf(s.Text(8));
    c.status = core::ValueOf(core::compensation::kStatusNames, s.Text(9)).value_or(Status::kPending);
    c.requested_by = s.Text(10);
    c.requested_role = RoleOf(s.Text(11));
    c.requested_at = core::FromMillis(s.Int(12));
    c.decided_by = s.Text(13);
    c.decided_role = RoleOf(s.Text(14));
    if (!s.IsNull(15)) c.decided_at = core::FromMillis(s.Int(15));
    c.decision_reason = s.Text(16);
    return c;
}

}  // namespace

Result<std::unique_ptr<SqliteCompensationStore>> SqliteCompensationStore::Open(const std::string& path) {
    auto db = Connection::Open(path, false);
    if (!db) return tl::unexpected(db.error());
    return std::unique_ptr<SqliteCompensationStore>(new SqliteCompensationStore(std::move(*db)));
}

Result<std::vector<Compensation>> SqliteCompensationStore::Rows(Statement& s) {
    return s.Collect([](Statement& r) { return Read(r); });
}

Result<void> SqliteCompensationStore::ChangeOne(Statement& s, const std::string& what) {
    auto row = s.Step();
    if (!row) return tl::unexpected(row.error());
    bool changed = *row;
    if (changed) {
        if (auto rest = s.Step(); !rest) return tl::unexpected(rest.error());
    }
    s.Reset();
    if (!changed) return Fail(ErrorCode::kConflict, what);
    return {};
}

Result<Compensation> SqliteCompensationStore::Add(Compensation c) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO compensations (tenant_id, complaint_id, complaint_number, kind, amount_minor, currency, reason, "
        "required_role, status, requested_by, requested_role, requested_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', ?9, ?10, ?11) RETURNING id");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, c.tenant.value).Bind(2, c.complaint.value).Bind(3, std::string_view(c.complaint_number));
    (*s)->Bind(4, core::compensation::ToString(c.kind)).Bind(5, c.amount.minor_units);
    (*s)->Bind(6, std::string_view(c.amount.currency)).Bind(7, std::string_view(c.reason));
    (*s)->Bind(8, core::workflow::ToString(c.required)).Bind(9, std::string_view(c.requested_by));
    (*s)->Bind(10, core::workflow::ToString(c.requested_role)).Bind(11, core::ToMillis(c.requested_at));
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    c.id = CompensationId{(*s)->Int(0)};
    if (auto rest = (*s)->Step(); !rest) return tl::unexpected(rest.error());
    (*s)->Reset();
    c.status = Status::kPending;
    return c;
}

Result<Compensation> SqliteCompensationStore::Get(core::TenantId tenant, CompensationId id) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string(kColumns) + "WHERE tenant_id = ?1 AND id = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, id.value);
    auto rows = Rows(**s);
    if (!rows) return tl::unexpected(rows.error());
    if (rows->empty()) return Fail(ErrorCode::kNotFound, "no compensation " + std::to_string(id.value));
    return std::move(rows->front());
}

Result<std::vector<Compensation>> SqliteCompensationStore::ForComplaint(core::TenantId tenant,
                                                                        core::ComplaintId complaint) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string(kColumns) + "WHERE tenant_id = ?1 AND complaint_id = ?2 ORDER BY id");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, complaint.value);
    return Rows(**s);
}

Result<std::vector<Compensation>> SqliteCompensationStore::List(core::TenantId tenant, std::optional<Status> status,
                                                                int limit, CompensationId after) {
    std::lock_guard lock(mutex_);
    auto s = status ? db_->Prepare(std::string(kColumns) +
                                   "WHERE tenant_id = ?1 AND status = ?2 AND id > ?3 ORDER BY id LIMIT ?4")
                    : db_->Prepare(std::string(kColumns) + "WHERE tenant_id = ?1 AND id > ?3 ORDER BY id LIMIT ?4");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(3, after.value).Bind(4, std::int64_t{limit});
    if (status) (*s)->Bind(2, core::compensation::ToString(*status));
    return Rows(**s);
}

Result<void> SqliteCompensationStore::Decide(const Compensation& d) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "UPDATE compensations SET status = ?3, decided_by = ?4, decided_role = ?5, decided_at = ?6, "
        "decision_reason = ?7 WHERE tenant_id = ?1 AND id = ?2 AND status = 'pending' RETURNING 1");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, d.tenant.value).Bind(2, d.id.value).Bind(3, core::compensation::ToString(d.status));
    (*s)->Bind(4, std::string_view(d.decided_by)).Bind(5, core::workflow::ToString(d.decided_role));
    (*s)->Bind(6, core::ToMillis(d.decided_at.value_or(core::Instant{}))).Bind(7, std::string_view(d.decision_reason));
    return ChangeOne(**s, "compensation " + std::to_string(d.id.value) + " is already decided or does not exist");
}

Result<void> SqliteCompensationStore::Remove(core::TenantId tenant, CompensationId id) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare("DELETE FROM compensations WHERE tenant_id = ?1 AND id = ?2 RETURNING 1");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, id.value);
    return ChangeOne(**s, "no compensation " + std::to_string(id.value));
}

Result<void> SqliteCompensationStore::Reopen(core::TenantId tenant, CompensationId id) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "UPDATE compensations SET status = 'pending', decided_by = '', decided_role = 'system', decided_at = NULL, "
        "decision_reason = '' WHERE tenant_id = ?1 AND id = ?2 RETURNING 1");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, id.value);
    return ChangeOne(**s, "no compensation " + std::to_string(id.value));
}

}  // namespace heed::storage::sqlite
