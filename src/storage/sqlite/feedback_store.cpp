#include "storage/sqlite/feedback_store.hpp"

#include <nlohmann/json.hpp>

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;
using nlohmann::json;
namespace feedback = core::feedback;

namespace {

const char* const kSurveyColumns =
    "id, tenant_id, complaint_id, number, language, assignee, category, questions, created_at, created_by, "
    "expires_at, answered_at, csat, nps, effort, answers, comment";
const char* const kFollowUpColumns =
    "id, tenant_id, complaint_id, number, kind, due_at, assignee, team, status, outcome, note, created_at, done_at, "
    "done_by, survey_id";

std::optional<int> OptionalInt(const Statement& s, int column) {
    if (s.IsNull(column)) return std::nullopt;
    return static_cast<int>(s.Int(column));
}

std::optional<core::Instant> OptionalInstant(const Statement& s, int column) {
    if (s.IsNull(column)) return std::nullopt;
    return core::FromMillis(s.Int(column));
}

void BindOptional(Statement& s, int index, const std::optional<int>& value) {
    if (value) s.Bind(index, static_cast<std::int64_t>(*value));
    else s.BindNull(index);
}

std::string EncodeQuestions(const std::vector<feedback::SurveyQuestion>& questions) {
    json out = json::array();
    for (const auto& q : questions) out.push_back({{"key", q.key}, {"zh", q.zh}, {"en", q.en}});
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

feedback::Survey ReadSurvey(const Statement& s) {
    feedback::Survey v;
    v.id = s.Int(0);
    v.tenant = core::TenantId{s.Int(1)};
    v.complaint = core::ComplaintId{s.Int(2)};
    v.number = s.Text(3);
    v.language = s.Text(4);
    v.assignee = s.Text(5);
    v.category = s.Text(6);
    json questions = json::parse(s.Text(7), nullptr, false);
    if (questions.is_array()) {
        for (const auto& q : questions) {
            if (!q.is_object()) continue;
            v.questions.push_back({q.value("key", ""), q.value("zh", ""), q.value("en", "")});
        }
    }
    v.created_at = core::FromMillis(s.Int(8));
    v.created_by = s.Text(9);
    v.expires_at = core::FromMillis(s.Int(10));
    v.answered_at = OptionalInstant(s, 11);
    v.answer.csat = OptionalInt(s, 12);
    v.answer.nps = OptionalInt(s, 13);
    v.answer.effort = OptionalInt(s, 14);
    json answers = json::parse(s.Text(15), nullptr, false);
    if (answers.is_object()) {
        for (const auto& [key, value] : answers.items()) {
            if (value.is_number_integer()) v.answer.answers[key] = value.get<int>();
        }
    }
    v.answer.comment = s.Text(16);
    return v;
}

feedback::FollowUp ReadFollowUp(const Statement& s) {
    feedback::FollowUp f;
    f.id = s.Int(0);
    f.tenant = core::TenantId{s.Int(1)};
    f.complaint = core::ComplaintId{s.Int(2)};
    f.number = s.Text(3);
    f.kind = core::ValueOf(feedback::kFollowUpKindNames, s.Text(4)).value_or(feedback::FollowUpKind::kDay3);
    f.due_at = core::FromMillis(s.Int(5));
    f.assignee = s.Text(6);
    f.team = s.Text(7);
    f.status = core::ValueOf(feedback::kFollowUpStatusNames, s.Text(8)).value_or(feedback::FollowUpStatus::kPending);
    f.outcome = core::ValueOf(feedback::kFollowUpOutcomeNames, s.Text(9));
    f.note = s.Text(10);
    f.created_at = core::FromMillis(s.Int(11));
    f.done_at = OptionalInstant(s, 12);
    f.done_by = s.Text(13);
    if (!s.IsNull(14)) f.survey_id = s.Int(14);
    return f;
}

// Rolls back unless committed.
class Transaction {
public:
    // Inside an enclosing transaction (InOneTransaction) this one is part of it.
    explicit Transaction(Connection& db) : db_(db) {
        nested_ = sqlite3_get_autocommit(db_.handle()) == 0;
        ok_ = nested_ || static_cast<bool>(db_.Run("BEGIN IMMEDIATE"));
    }
    ~Transaction() {
        if (ok_ && !done_ && !nested_) (void)db_.Run("ROLLBACK");
    }
    bool ok() const { return ok_; }
    Result<void> Commit() {
        done_ = true;
        return nested_ ? Result<void>() : db_.Run("COMMIT");
    }

private:
    Connection& db_;
    bool ok_ = false;
    bool done_ = false;
    bool nested_ = false;
};

}  // namespace

Result<std::unique_ptr<SqliteFeedbackStore>> SqliteFeedbackStore::Open(const std::string& path) {
    auto db = Connection::Open(path, false);
    if (!db) return tl::unexpected(db.error());
    return std::unique_ptr<SqliteFeedbackStore>(new SqliteFeedbackStore(std::move(*db)));
}

Result<feedback::Survey> SqliteFeedbackStore::AddSurvey(feedback::Survey v) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO surveys (tenant_id, complaint_id, number, language, assignee, category, questions, created_at, "
        "created_by, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
    if (!s) return tl::unexpected(s.error());
    std::string questions = EncodeQuestions(v.questions);
    (*s)->Bind(1, v.tenant.value).Bind(2, v.complaint.value).Bind(3, v.number).Bind(4, v.language).Bind(5, v.assignee);
    (*s)->Bind(6, v.category).Bind(7, questions).Bind(8, core::ToMillis(v.created_at)).Bind(9, v.created_by);
    (*s)->Bind(10, core::ToMillis(v.expires_at));
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    v.id = (*s)->Int(0);
    (*s)->Reset();
    return v;
}

Result<feedback::Survey> SqliteFeedbackStore::GetSurveyLocked(core::TenantId tenant, std::int64_t id) {
    auto s = db_->Prepare(std::string("SELECT ") + kSurveyColumns + " FROM surveys WHERE tenant_id = ?1 AND id = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, id);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kNotFound, "survey not found");
    auto survey = ReadSurvey(**s);
    (*s)->Reset();
    return survey;
}

Result<feedback::Survey> SqliteFeedbackStore::GetSurvey(core::TenantId tenant, std::int64_t id) {
    std::lock_guard lock(mutex_);
    return GetSurveyLocked(tenant, id);
}

Result<std::vector<feedback::Survey>> SqliteFeedbackStore::SurveysOf(core::TenantId tenant, core::ComplaintId complaint) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string("SELECT ") + kSurveyColumns +
                          " FROM surveys WHERE tenant_id = ?1 AND complaint_id = ?2 ORDER BY id");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, complaint.value);
    return (*s)->Collect([](Statement& r) { return ReadSurvey(r); });
}

Result<feedback::Survey> SqliteFeedbackStore::AnswerSurvey(core::TenantId tenant, std::int64_t id,
                                                           const feedback::SurveyAnswer& answer, core::Instant at) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "UPDATE surveys SET answered_at = ?3, csat = ?4, nps = ?5, effort = ?6, answers = ?7, comment = ?8 "
        "WHERE tenant_id = ?1 AND id = ?2 AND answered_at IS NULL");
    if (!s) return tl::unexpected(s.error());
    std::string answers = json(answer.answers).dump(-1, ' ', false, json::error_handler_t::replace);
    (*s)->Bind(1, tenant.value).Bind(2, id).Bind(3, core::ToMillis(at));
    BindOptional(**s, 4, answer.csat);
    BindOptional(**s, 5, answer.nps);
    BindOptional(**s, 6, answer.effort);
    (*s)->Bind(7, answers).Bind(8, answer.comment);
    if (auto ran = (*s)->Run(); !ran) return tl::unexpected(ran.error());
    if (sqlite3_changes(db_->handle()) == 0) {
        auto existing = GetSurveyLocked(tenant, id);
        if (!existing) return existing;
        return Fail(ErrorCode::kConflict, "this survey has already been answered", "token");
    }
    return GetSurveyLocked(tenant, id);
}

Result<feedback::SurveyStats> SqliteFeedbackStore::SurveyStats(core::TenantId tenant, std::optional<core::Instant> from,
                                                               std::optional<core::Instant> to,
                                                               std::optional<std::string> assignee) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "SELECT count(*), count(answered_at), count(csat), coalesce(sum(csat), 0), "
        "count(CASE WHEN csat >= 4 THEN 1 END), count(nps), count(CASE WHEN nps >= 9 THEN 1 END), "
        "count(CASE WHEN nps BETWEEN 7 AND 8 THEN 1 END), count(CASE WHEN nps <= 6 THEN 1 END), count(effort), "
        "coalesce(sum(effort), 0) FROM surveys WHERE tenant_id = ?1 AND created_at >= ?2 AND created_at < ?3 "
        "AND (?4 IS NULL OR assignee = ?4)");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value)
        .Bind(2, from ? core::ToMillis(*from) : std::numeric_limits<std::int64_t>::min())
        .Bind(3, to ? core::ToMillis(*to) : std::numeric_limits<std::int64_t>::max());
    if (assignee) (*s)->Bind(4, *assignee);
    else (*s)->BindNull(4);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    feedback::SurveyStats st;
    st.sent = (*s)->Int(0);
    st.answered = (*s)->Int(1);
    st.csat_n = (*s)->Int(2);
    st.csat_sum = static_cast<double>((*s)->Int(3));
    st.csat_satisfied = (*s)->Int(4);
    st.nps_n = (*s)->Int(5);
    st.promoters = (*s)->Int(6);
    st.passives = (*s)->Int(7);
    st.detractors = (*s)->Int(8);
    st.effort_n = (*s)->Int(9);
    st.effort_sum = static_cast<double>((*s)->Int(10));
    (*s)->Reset();
    return st;
}

Result<std::vector<feedback::FollowUp>> SqliteFeedbackStore::AddFollowUps(std::vector<feedback::FollowUp> follow_ups) {
    std::lock_guard lock(mutex_);
    Transaction tx(*db_);
    if (!tx.ok()) return Fail(ErrorCode::kUnavailable, "database busy");
    auto s = db_->Prepare(
        "INSERT INTO follow_ups (tenant_id, complaint_id, number, kind, due_at, assignee, team, status, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8) RETURNING id");
    if (!s) return tl::unexpected(s.error());
    for (auto& f : follow_ups) {
        std::string kind(core::NameOf(feedback::kFollowUpKindNames, f.kind));
        (*s)->Bind(1, f.tenant.value).Bind(2, f.complaint.value).Bind(3, f.number).Bind(4, kind);
        (*s)->Bind(5, core::ToMillis(f.due_at)).Bind(6, f.assignee).Bind(7, f.team).Bind(8, core::ToMillis(f.created_at));
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        f.id = (*s)->Int(0);
        f.status = feedback::FollowUpStatus::kPending;
        (*s)->Reset();
    }
    if (auto committed = tx.Commit(); !committed) return tl::unexpected(committed.error());
    return follow_ups;
}

Result<feedback::FollowUp> SqliteFeedbackStore::GetFollowUpLocked(core::TenantId tenant, std::int64_t id) {
    auto s = db_->Prepare(std::string("SELECT ") + kFollowUpColumns + " FROM follow_ups WHERE tenant_id = ?1 AND id = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, id);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kNotFound, "follow-up not found");
    auto f = ReadFollowUp(**s);
    (*s)->Reset();
    return f;
}

Result<feedback::FollowUp> SqliteFeedbackStore::GetFollowUp(core::TenantId tenant, std::int64_t id) {
    std::lock_guard lock(mutex_);
    return GetFollowUpLocked(tenant, id);
}

Result<std::vector<feedback::FollowUp>> SqliteFeedbackStore::FollowUps(core::TenantId tenant,
                                                                        const core::ports::FollowUpQuery& q) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string("SELECT ") + kFollowUpColumns +
                          " FROM follow_ups WHERE tenant_id = ?1 AND (?2 IS NULL OR complaint_id = ?2) "
                          "AND (?3 IS NULL OR assignee = ?3) AND (?4 IS NULL OR team = ?4) "
                          "AND due_at >= ?5 AND due_at < ?6 AND (?7 IS NULL OR status = ?7) "
                          "AND (?8 IS NULL OR team = ?8 OR assignee = ?9) AND id > ?10 "
                          "ORDER BY id LIMIT ?11");
    if (!s) return tl::unexpected(s.error());
    auto& st = **s;
    st.Bind(1, tenant.value);
    if (q.complaint) st.Bind(2, q.complaint->value);
    else st.BindNull(2);
    if (q.assignee) st.Bind(3, *q.assignee);
    else st.BindNull(3);
    if (q.team) st.Bind(4, *q.team);
    else st.BindNull(4);
    st.Bind(5, q.due_after ? core::ToMillis(*q.due_after) : std::numeric_limits<std::int64_t>::min());
    st.Bind(6, q.due_before ? core::ToMillis(*q.due_before) : std::numeric_limits<std::int64_t>::max());
    std::string status = q.status ? std::string(core::NameOf(feedback::kFollowUpStatusNames, *q.status)) : "";
    if (q.status) st.Bind(7, status);
    else st.BindNull(7);
    if (q.scope_team) st.Bind(8, *q.scope_team);
    else st.BindNull(8);
    st.Bind(9, q.scope_user).Bind(10, q.after_id).Bind(11, static_cast<std::int64_t>(q.limit));
    return st.Collect([](Statement& r) { return ReadFollowUp(r); });
}

Result<int> SqliteFeedbackStore::CancelFollowUps(core::TenantId tenant, core::ComplaintId complaint, core::Instant at,
                                                 const std::string& by) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "UPDATE follow_ups SET status = 'cancelled', done_at = ?3, done_by = ?4 "
        "WHERE tenant_id = ?1 AND complaint_id = ?2 AND status = 'pending'");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, complaint.value).Bind(3, core::ToMillis(at)).Bind(4, by);
    if (auto ran = (*s)->Run(); !ran) return tl::unexpected(ran.error());
    return sqlite3_changes(db_->handle());
}

Result<feedback::FollowUp> SqliteFeedbackStore::CompleteFollowUp(const feedback::FollowUp& done) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "UPDATE follow_ups SET status = 'done', outcome = ?3, note = ?4, done_at = ?5, done_by = ?6 "
        "WHERE tenant_id = ?1 AND id = ?2 AND status = 'pending'");
    if (!s) return tl::unexpected(s.error());
    std::string outcome = done.outcome ? std::string(core::NameOf(feedback::kFollowUpOutcomeNames, *done.outcome)) : "";
    (*s)->Bind(1, done.tenant.value).Bind(2, done.id).Bind(3, outcome).Bind(4, done.note);
    (*s)->Bind(5, core::ToMillis(done.done_at.value_or(core::Instant{}))).Bind(6, done.done_by);
    if (auto ran = (*s)->Run(); !ran) return tl::unexpected(ran.error());
    if (sqlite3_changes(db_->handle()) == 0) {
        auto existing = GetFollowUpLocked(done.tenant, done.id);
        if (!existing) return existing;
        return Fail(ErrorCode::kConflict, "this follow-up is no longer pending", "status");
    }
    return GetFollowUpLocked(done.tenant, done.id);
}

Result<void> SqliteFeedbackStore::SetFollowUpSurvey(core::TenantId tenant, std::int64_t follow_up, std::int64_t survey) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare("UPDATE follow_ups SET survey_id = ?3 WHERE tenant_id = ?1 AND id = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, follow_up).Bind(3, survey);
    return (*s)->Run();
}

Result<std::vector<core::ports::FollowUpQueue>> SqliteFeedbackStore::FollowUpQueues(core::TenantId tenant,
                                                                                    core::Instant now,
                                                                                    std::optional<std::string> team) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "SELECT assignee, count(CASE WHEN due_at <= ?2 AND due_at > ?3 THEN 1 END), "
        "count(CASE WHEN due_at <= ?3 THEN 1 END), count(CASE WHEN due_at > ?2 THEN 1 END) "
        "FROM follow_ups WHERE tenant_id = ?1 AND status = 'pending' AND (?4 IS NULL OR team = ?4) "
        "GROUP BY assignee ORDER BY assignee");
    if (!s) return tl::unexpected(s.error());
    auto grace = std::chrono::duration_cast<std::chrono::milliseconds>(feedback::kFollowUpGrace).count();
    (*s)->Bind(1, tenant.value).Bind(2, core::ToMillis(now)).Bind(3, core::ToMillis(now) - grace);
    if (team) (*s)->Bind(4, *team);
    else (*s)->BindNull(4);
    return (*s)->Collect([](Statement& r) -> core::ports::FollowUpQueue {
        return {r.Text(0), r.Int(1), r.Int(2), r.Int(3)};
    });
}

Result<void> SqliteFeedbackStore::InOneTransaction(const std::function<Result<void>()>& work) {
    std::lock_guard lock(mutex_);
    Transaction tx(*db_);
    if (!tx.ok()) return Fail(ErrorCode::kUnavailable, "database busy");
    if (auto done = work(); !done) return done;
    return tx.Commit();
}

}  // namespace heed::storage::sqlite
