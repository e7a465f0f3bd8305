#include "storage/sqlite/resolution_store.hpp"

#include <algorithm>

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::resolution::SolutionTemplate;
using core::resolution::TemplateId;

namespace {

constexpr const char* kColumns =
    "SELECT id, tenant_id, name, category, body_zh, body_en, active, version, created_by, created_at, updated_by, "
    "updated_at FROM solution_templates ";

SolutionTemplate Read(const Statement& s) {
    SolutionTemplate t;
    t.id = TemplateId{s.Int(0)};
    t.tenant = core::TenantId{s.Int(1)};
    t.name = s.Text(2);
    t.category = s.Text(3);
    t.body_zh = s.Text(4);
    t.body_en = s.Text(5);
    t.active = s.Int(6) != 0;
    t.version = s.Int(7);
    t.created_by = s.Text(8);
    t.created_at = core::FromMillis(s.Int(9));
    t.updated_by = s.Text(10);
    t.updated_at = core::FromMillis(s.Int(11));
    return t;
}

Result<std::vector<SolutionTemplate>> Rows(Statement& s) {
    return s.Collect([](Statement& r) { return Read(r); });
}

}  // namespace

Result<std::unique_ptr<SqliteResolutionStore>> SqliteResolutionStore::Open(const std::string& path) {
    auto db = Connection::Open(path, false);
    if (!db) return tl::unexpected(db.error());
    auto reader = Connection::Open(path, false);
    if (!reader) return tl::unexpected(reader.error());
    if (auto ok = (*reader)->Execute("PRAGMA query_only=ON; PRAGMA cache_size=-16384"); !ok) {
        return tl::unexpected(ok.error());
    }
    return std::unique_ptr<SqliteResolutionStore>(new SqliteResolutionStore(std::move(*db), std::move(*reader)));
}

Result<SolutionTemplate> SqliteResolutionStore::Add(SolutionTemplate t) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO solution_templates (tenant_id, name, category, body_zh, body_en, active, version, created_by, "
        "created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, ?10)");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, t.tenant.value).Bind(2, t.name).Bind(3, t.category).Bind(4, t.body_zh).Bind(5, t.body_en);
    (*s)->Bind(6, std::int64_t{t.active ? 1 : 0}).Bind(7, t.created_by).Bind(8, core::ToMillis(t.created_at));
    (*s)->Bind(9, t.updated_by).Bind(10, core::ToMillis(t.updated_at));
    if (auto ok = (*s)->Run(); !ok) return tl::unexpected(ok.error());
    t.id = TemplateId{sqlite3_last_insert_rowid(db_->handle())};
    t.version = 1;
    return t;
}

Result<SolutionTemplate> SqliteResolutionStore::Get(core::TenantId tenant, TemplateId id) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string(kColumns) + "WHERE tenant_id = ?1 AND id = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, id.value);
    auto rows = Rows(**s);
    if (!rows) return tl::unexpected(rows.error());
    if (rows->empty()) return Fail(ErrorCode::kNotFound, "template not found");
    return std::move(rows->front());
}

Result<std::vector<SolutionTemplate>> SqliteResolutionStore::List(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string(kColumns) + "WHERE tenant_id = ?1 ORDER BY id");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value);
    return Rows(**s);
}

Result<SolutionTemplate> SqliteResolutionStore::Update(SolutionTemplate t, std::int64_t expected_version) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "UPDATE solution_templates SET name = ?1, category = ?2, body_zh = ?3, body_en = ?4, active = ?5, "
        "version = version + 1, updated_by = ?6, updated_at = ?7 "
        "WHERE tenant_id = ?8 AND id = ?9 AND version = ?10 RETURNING version");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, t.name).Bind(2, t.category).Bind(3, t.body_zh).Bind(4, t.body_en);
    (*s)->Bind(5, std::int64_t{t.active ? 1 : 0}).Bind(6, t.updated_by).Bind(7, core::ToMillis(t.updated_at));
    (*s)->Bind(8, t.tenant.value).Bind(9, t.id.value).Bind(10, expected_version);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) {
        (*s)->Reset();
        return Fail(ErrorCode::kConflict,
                    "the template was changed by someone else (not version " + std::to_string(expected_version) +
                        "); reload and retry",
                    "version");
    }
    t.version = (*s)->Int(0);
    (*s)->Reset();
    return t;
}

Result<void> SqliteResolutionStore::Delete(core::TenantId tenant, TemplateId id) {
    std::lock_guard lock(mutex_);
    if (auto ok = db_->Execute("BEGIN IMMEDIATE"); !ok) return ok;
    auto body = [&]() -> Result<void> {
        auto s = db_->Prepare("DELETE FROM solution_templates WHERE tenant_id = ?1 AND id = ?2 RETURNING id");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, id.value);
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        bool found = *row;
        (*s)->Reset();
        if (!found) return Fail(ErrorCode::kNotFound, "template not found");
        auto uses = db_->Prepare("DELETE FROM template_uses WHERE tenant_id = ?1 AND template_id = ?2");
        if (!uses) return tl::unexpected(uses.error());
        (*uses)->Bind(1, tenant.value).Bind(2, id.value);
        return (*uses)->Run();
    };
    auto done = body();
    if (auto ok = db_->Execute(done ? "COMMIT" : "ROLLBACK"); !ok && done) return ok;
    return done;
}

Result<core::resolution::TemplateUse> SqliteResolutionStore::AddUse(core::resolution::TemplateUse use) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO template_uses (tenant_id, template_id, complaint_id, kind, actor, at) "
        "SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM solution_templates WHERE tenant_id = ?1 AND id = ?2)");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, use.tenant.value).Bind(2, use.template_id.value).Bind(3, use.complaint.value);
    (*s)->Bind(4, core::resolution::ToString(use.kind)).Bind(5, use.actor).Bind(6, core::ToMillis(use.at));
    if (auto ok = (*s)->Run(); !ok) return tl::unexpected(ok.error());
    if (sqlite3_changes(db_->handle()) == 0) return Fail(ErrorCode::kNotFound, "template not found");
    use.id = sqlite3_last_insert_rowid(db_->handle());
    return use;
}

Result<void> SqliteResolutionStore::RemoveUse(core::TenantId tenant, std::int64_t use_id) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare("DELETE FROM template_uses WHERE tenant_id = ?1 AND id = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, use_id);
    return (*s)->Run();
}

Result<std::map<TemplateId, core::resolution::TemplateStats>> SqliteResolutionStore::Stats(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    std::map<TemplateId, core::resolution::TemplateStats> out;
    auto uses = db_->Prepare(
        "SELECT template_id, count(*), sum(kind = 'reply'), sum(kind = 'resolution'), max(at) FROM template_uses "
        "WHERE tenant_id = ?1 GROUP BY template_id");
    if (!uses) return tl::unexpected(uses.error());
    (*uses)->Bind(1, tenant.value);
    auto used = (*uses)->ForEachRow([&](Statement& r) {
        auto& stats = out[TemplateId{r.Int(0)}];
        stats.uses = r.Int(1);
        stats.replies = r.Int(2);
        stats.resolutions = r.Int(3);
        stats.last_used_at = core::FromMillis(r.Int(4));
    });
    if (!used) return tl::unexpected(used.error());
    // Satisfaction: each complaint resolved with the template once, with its latest answer (the record's feedback).
    auto csat = db_->Prepare(
        "SELECT r.template_id, count(*), count(c.csat), coalesce(sum(c.csat), 0) "
        "FROM (SELECT DISTINCT template_id, complaint_id FROM template_uses "
        "      WHERE tenant_id = ?1 AND kind = 'resolution') r "
        "LEFT JOIN (SELECT id, json_extract(doc, '$.feedback.csat') AS csat FROM complaints WHERE tenant_id = ?1) c "
        "ON c.id = r.complaint_id GROUP BY r.template_id");
    if (!csat) return tl::unexpected(csat.error());
    (*csat)->Bind(1, tenant.value);
    auto scored = (*csat)->ForEachRow([&](Statement& r) {
        auto& stats = out[TemplateId{r.Int(0)}];
        stats.resolved_complaints = r.Int(1);
        stats.csat_n = r.Int(2);
        stats.csat_sum = static_cast<double>(r.Int(3));
    });
    if (!scored) return tl::unexpected(scored.error());
    return out;
}

Result<std::vector<core::ports::CandidateKey>> SqliteResolutionStore::Candidates(core::TenantId tenant,
                                                                                const std::string& category,
                                                                                core::ComplaintId exclude, int limit) {
    std::lock_guard lock(reader_mutex_);
    // A category's range is read from the partial index of resolved complaints alone (migration 14); every category
    // walks the received index newest first and tests the status on each row.
    auto s = category.empty()
                 ? reader_->Prepare(
                       "SELECT id, version FROM complaints INDEXED BY complaints_received WHERE tenant_id = ?1 "
                       "AND id <> ?3 AND status IN ('resolved', 'follow_up', 'closed') "
                       "ORDER BY received_at DESC, id DESC LIMIT ?4")
                 : reader_->Prepare(
                       "SELECT id, version FROM complaints INDEXED BY complaints_resolved_category "
                       "WHERE tenant_id = ?1 AND category = ?2 AND status IN ('resolved', 'follow_up', 'closed') "
                       "AND id <> ?3 ORDER BY received_at DESC, id DESC LIMIT ?4");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(3, exclude.value).Bind(4, static_cast<std::int64_t>(limit));
    if (!category.empty()) (*s)->Bind(2, category);
    return (*s)->Collect([](Statement& r) -> core::ports::CandidateKey {
        return {core::ComplaintId{r.Int(0)}, r.Int(1)};
    });
}

Result<std::vector<core::ports::ResolvedCandidate>> SqliteResolutionStore::CandidateTexts(
    core::TenantId tenant, const std::vector<core::ComplaintId>& ids) {
    std::lock_guard lock(reader_mutex_);
    auto s = reader_->Prepare(
        "SELECT version, json_extract(doc, '$.product_ref'), subject, description FROM complaints "
        "WHERE id = ?1 AND tenant_id = ?2");
    if (!s) return tl::unexpected(s.error());
    // One read transaction for all of them: one snapshot, and the WAL read lock taken once instead of per row.
    if (auto begun = reader_->Execute("BEGIN"); !begun) return tl::unexpected(begun.error());
    std::vector<core::ports::ResolvedCandidate> out;
    out.reserve(ids.size());
    for (core::ComplaintId id : ids) {
        (*s)->Bind(1, id.value).Bind(2, tenant.value);
        auto row = (*s)->Step();
        if (!row) {
            (*s)->Reset();
            (void)reader_->Execute("ROLLBACK");
            return tl::unexpected(row.error());
        }
        if (*row) out.push_back({id, (*s)->Int(0), (*s)->Text(1), (*s)->Text(2) + "\n" + (*s)->Text(3)});
        (*s)->Reset();
    }
    if (auto ended = reader_->Execute("COMMIT"); !ended) return tl::unexpected(ended.error());
    return out;
}

}  // namespace heed::storage::sqlite
