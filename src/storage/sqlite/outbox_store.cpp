#include "storage/sqlite/outbox_store.hpp"

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;
namespace notify = core::notify;

namespace {

const char* const kColumns =
    "id, tenant_id, complaint_id, kind, recipient, language, subject, body, status, attempts, created_at, "
    "next_attempt_at, sent_at, last_error";

notify::OutboxMessage Read(const Statement& s) {
    notify::OutboxMessage m;
    m.id = s.Int(0);
    m.tenant = core::TenantId{s.Int(1)};
    if (!s.IsNull(2)) m.complaint = core::ComplaintId{s.Int(2)};
    m.kind = core::ValueOf(notify::kNotificationKindNames, s.Text(3)).value_or(notify::NotificationKind::kUpdate);
    m.to = s.Text(4);
    m.language = s.Text(5);
    m.subject = s.Text(6);
    m.body = s.Text(7);
    m.status = core::ValueOf(notify::kOutboxStatusNames, s.Text(8)).value_or(notify::OutboxStatus::kPending);
    m.attempts = static_cast<int>(s.Int(9));
    m.created_at = core::FromMillis(s.Int(10));
    m.next_attempt_at = core::FromMillis(s.Int(11));
    if (!s.IsNull(12)) m.sent_at = core::FromMillis(s.Int(12));
    m.last_error = s.Text(13);
    return m;
}

}  // namespace

Result<std::unique_ptr<SqliteOutbox>> SqliteOutbox::Open(const std::string& path) {
    auto db = Connection::Open(path, false);
    if (!db) return tl::unexpected(db.error());
    return std::unique_ptr<SqliteOutbox>(new SqliteOutbox(std::move(*db)));
}

Result<std::vector<notify::OutboxMessage>> SqliteOutbox::ReadAll(Statement& s) {
    return s.Collect([](Statement& r) { return Read(r); });
}

Result<notify::OutboxMessage> SqliteOutbox::Enqueue(notify::OutboxMessage m) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO outbox (tenant_id, complaint_id, kind, recipient, language, subject, body, status, created_at, "
        "next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?9) RETURNING id");
    if (!s) return tl::unexpected(s.error());
    std::string kind(core::NameOf(notify::kNotificationKindNames, m.kind));
    auto& st = **s;
    st.Bind(1, m.tenant.value);
    if (m.complaint) st.Bind(2, m.complaint->value);
    else st.BindNull(2);
    st.Bind(3, kind).Bind(4, m.to).Bind(5, m.language).Bind(6, m.subject).Bind(7, m.body);
    st.Bind(8, core::ToMillis(m.created_at)).Bind(9, core::ToMillis(m.next_attempt_at));
    auto row = st.Step();
    if (!row) return tl::unexpected(row.error());
    m.id = st.Int(0);
    m.status = notify::OutboxStatus::kPending;
    st.Reset();
    return m;
}

Result<std::vector<notify::OutboxMessage>> SqliteOutbox::Due(core::Instant now, int limit) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string("SELECT ") + kColumns +
                          " FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id "
                          "LIMIT ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, core::ToMillis(now)).Bind(2, static_cast<std::int64_t>(limit));
    return ReadAll(**s);
}

Result<void> SqliteOutbox::MarkSent(std::int64_t id, core::Instant at) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "UPDATE outbox SET status = 'sent', sent_at = ?2, attempts = attempts + 1, last_error = '' "
        "WHERE id = ?1 AND status = 'pending'");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, id).Bind(2, core::ToMillis(at));
    return (*s)->Run();
}

Result<void> SqliteOutbox::MarkFailed(std::int64_t id, core::Instant next_attempt_at, const std::string& error,
                                      bool permanent) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "UPDATE outbox SET status = ?4, attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 "
        "WHERE id = ?1 AND status = 'pending'");
    if (!s) return tl::unexpected(s.error());
    std::string status = permanent ? "failed" : "pending";
    std::string text = error.substr(0, 500);
    (*s)->Bind(1, id).Bind(2, core::ToMillis(next_attempt_at)).Bind(3, text).Bind(4, status);
    return (*s)->Run();
}

Result<std::vector<notify::OutboxMessage>> SqliteOutbox::List(core::TenantId tenant,
                                                              std::optional<notify::OutboxStatus> status,
                                                              std::optional<core::ComplaintId> complaint, int limit) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string("SELECT ") + kColumns +
                          " FROM outbox WHERE tenant_id = ?1 AND (?2 IS NULL OR status = ?2) "
                          "AND (?3 IS NULL OR complaint_id = ?3) ORDER BY id DESC LIMIT ?4");
    if (!s) return tl::unexpected(s.error());
    std::string name = status ? std::string(core::NameOf(notify::kOutboxStatusNames, *status)) : "";
    (*s)->Bind(1, tenant.value);
    if (status) (*s)->Bind(2, name);
    else (*s)->BindNull(2);
    if (complaint) (*s)->Bind(3, complaint->value);
    else (*s)->BindNull(3);
    (*s)->Bind(4, static_cast<std::int64_t>(limit));
    return ReadAll(**s);
}

}  // namespace heed::storage::sqlite
