#include "storage/sqlite/sqlite_store.hpp"

#include "core/complaint/pii.hpp"

#include <exception>
#include <map>
#include <set>

#include "core/ports/query_matching.hpp"
#include "storage/sqlite/due_order.hpp"
#include "storage/sqlite/guarded.hpp"
#include "storage/sqlite/list_query.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/row_codec.hpp"
#include "storage/sqlite/sla_values.hpp"
#include "storage/sqlite/triage_index.hpp"

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::complaint::Complaint;
namespace ports = core::ports;


namespace {

void BindOptionalInstant(Statement& s, int index, const std::optional<core::Instant>& value) {
    if (value) {
        s.Bind(index, core::ToMillis(*value));
    } else {
        s.BindNull(index);
    }
}

// Returns the ids of the first and last event written (0, 0 for none) and appends the rows' canonical audit text to
// `audit_text`.
Result<std::pair<std::int64_t, std::int64_t>> InsertEvents(Connection& db, std::vector<core::workflow::Event>& events,
                                                           core::ComplaintId complaint, core::TenantId tenant,
                                                           std::string_view number,
                                                           const std::vector<std::int64_t>& message_ids,
                                                           std::string& audit_text) {
    std::size_t linked = 0;
    auto insert = db.Prepare(
        "INSERT INTO events (tenant_id, complaint_id, at, actor, actor_role, kind, field, before_value, after_value, "
        "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!insert) return tl::unexpected(insert.error());
    for (auto& event : events) {
        event.complaint = complaint;
        event.tenant = tenant;
        if (event.kind == core::workflow::EventKind::kCreated) event.after = number;
        if (event.kind == core::workflow::EventKind::kMessageAdded && linked < message_ids.size()) {
            event.after = std::to_string(message_ids[linked++]);
        }
        Statement& s = **insert;
        s.Reset();
        const std::int64_t at = core::ToMillis(event.at);
        const std::string_view role = core::workflow::ToString(event.actor_role);
        const std::string_view kind = core::workflow::ToString(event.kind);
        s.Bind(1, tenant.value).Bind(2, complaint.value).Bind(3, at).Bind(4, event.actor);
        s.Bind(5, role).Bind(6, kind);
        s.Bind(7, event.field).Bind(8, event.before).Bind(9, event.after).Bind(10, event.note);
        if (auto ok = s.Run(); !ok) return tl::unexpected(ok.error());
        event.id = core::EventId{sqlite3_last_insert_rowid(db.handle())};
        AppendCanonicalEventText(audit_text, {event.id.value, tenant.value, complaint.value, at, event.actor, role,
                                              kind, event.field, event.before, event.after, event.note});
    }
    if (events.empty()) return std::pair<std::int64_t, std::int64_t>{0, 0};
    return std::pair{events.front().id.value, events.back().id.value};
}

// Appends the audit record of a complaint change (same transaction) with the first event's actor. `state_text` and
// `events_text` are the canonical texts of the row and events just written, built from the values bound.
Result<void> AuditComplaint(Connection& db, const StoreOptions& options, const Complaint& c, const char* action,
                            const std::vector<core::workflow::Event>& events,
                            std::pair<std::int64_t, std::int64_t> event_ids, const std::string& state_text,
                            const std::string& events_text) {
    AuditEntry entry{c.tenant, options.clock->Now(), events.empty() ? "system" : events.front().actor,
                     std::string(core::workflow::ToString(events.empty() ? core::workflow::Role::kSystem
                                                                         : events.front().actor_role)),
                     action, "complaint", c.id.value, event_ids.first, event_ids.second};
    auto appended = AppendAudit(db, options.mac, entry, state_text, events_text);
    if (!appended) return tl::unexpected(appended.error());
    return {};
}

Result<std::int64_t> InsertMessage(Connection& db, core::complaint::Message& m) {
    auto insert = db.Prepare(
        "INSERT INTO messages (tenant_id, complaint_id, direction, author, author_role, body, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert) return tl::unexpected(insert.error());
    Statement& s = **insert;
    s.Bind(1, m.tenant.value).Bind(2, m.complaint.value).Bind(3, core::complaint::ToString(m.direction));
    s.Bind(4, m.author).Bind(5, core::workflow::ToString(m.author_role)).Bind(6, m.body);
    s.Bind(7, core::ToMillis(m.created_at));
    if (auto ok = s.Run(); !ok) return tl::unexpected(ok.error());
    m.id = core::MessageId{sqlite3_last_insert_rowid(db.handle())};
    return m.id.value;
}

// Adds the full-text rows of the complaints inserted in the open transaction (`ids`, emptied), in one statement.
// Intake does not index each row as it is inserted: FTS5 writes its pending terms out as a new index segment at the
// end of every statement (and savepoint) that touched it, so one full-text row per insert statement meant one segment
// per complaint, and merging those segments, on the single writer. Ids of rows rolled back since (a failed job) are
// no longer in `complaints` and are skipped. No job can update or delete a complaint inserted in the same
// transaction before this runs: its id is given out only after the commit.
Result<void> IndexNewComplaints(Connection& db, std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    std::string list = "[";
    for (std::int64_t id : ids) {
        if (list.size() > 1) list += ',';
        list += std::to_string(id);
    }
    list += ']';
    ids.clear();
    auto insert = db.Prepare(
        "INSERT INTO complaints_fts (rowid, subject, description) SELECT id, subject, description FROM complaints "
        "WHERE id IN (SELECT value FROM json_each(?1))");
    if (!insert) return tl::unexpected(insert.error());
    (*insert)->Bind(1, list);
    return (*insert)->Run();
}

// `doc` and `index` are EncodeDoc and IndexEntriesFor of input.complaint, computed by the calling thread so the
// single writer does less. The new row's id is added to `unindexed`: its full-text row is written before the commit
// (IndexNewComplaints).
Result<Complaint> InsertComplaint(Connection& db, const StoreOptions& options, ports::NewComplaint& input,
                                  const std::string& doc, const core::triage::IndexEntries& index,
                                  std::vector<std::int64_t>& unindexed) {
    Complaint& c = input.complaint;
    int month = core::YearMonth(c.milestones.received_at);
    auto sequence = db.Prepare(
        "INSERT INTO complaint_sequences (tenant_id, year_month, last_value) VALUES (?1, ?2, 1) "
        "ON CONFLICT (tenant_id, year_month) DO UPDATE SET last_value = last_value + 1 RETURNING last_value");
    if (!sequence) return tl::unexpected(sequence.error());
    (*sequence)->Bind(1, c.tenant.value).Bind(2, static_cast<std::int64_t>(month));
    auto row = (*sequence)->Step();
    if (!row) return tl::unexpected(row.error());
    std::int64_t next = (*sequence)->Int(0);
    (*sequence)->Reset();
    c.number = core::complaint::FormatComplaintNumber(month, next);
    c.version = 1;

    auto insert = db.Prepare(
        "INSERT INTO complaints (tenant_id, number, status, channel, service_type, category, assignee, received_at, "
        "due_key, source_ref, version, updated_at, subject, description, doc, sla_check_at, sla_state) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
    if (!insert) return tl::unexpected(insert.error());
    Statement& s = **insert;
    ComplaintRowText row_text{0,
                              c.tenant.value,
                              c.number,
                              core::workflow::ToString(c.status),
                              core::complaint::ToString(c.channel),
                              core::complaint::ToString(c.service_type),
                              c.classification.category,
                              c.assignee,
                              core::ToMillis(c.milestones.received_at),
                              ports::SortKey(c, ports::SortOrder::kDueAsc),
                              c.source_ref,
                              c.version,
                              core::ToMillis(c.updated_at),
                              c.subject,
                              c.description,
                              doc};
    s.Bind(1, row_text.tenant).Bind(2, row_text.number).Bind(3, row_text.status).Bind(4, row_text.channel);
    s.Bind(5, row_text.service_type).Bind(6, row_text.category).Bind(7, row_text.assignee);
    s.Bind(8, row_text.received_at).Bind(9, row_text.due_key);
    s.Bind(10, row_text.source_ref).Bind(11, row_text.version).Bind(12, row_text.updated_at).Bind(13, row_text.subject);
    s.Bind(14, row_text.description).Bind(15, row_text.doc);
    BindOptionalInstant(s, 16, c.sla.check_at);
    const std::string sla_state = SlaStateColumn(c);  // bound without a copy: must outlive Run
    s.Bind(17, sla_state);
    if (auto ok = s.Run(); !ok) {
        if (ok.error().code == ErrorCode::kConflict) {
            return Fail(ErrorCode::kConflict, "source_ref " + c.source_ref + " already exists", "source_ref");
        }
        return tl::unexpected(ok.error());
    }
    c.id = core::ComplaintId{sqlite3_last_insert_rowid(db.handle())};
    unindexed.push_back(c.id.value);
    row_text.id = c.id.value;
    const std::string state_text = CanonicalStateText(row_text);
    std::vector<std::int64_t> message_ids;
    for (auto& message : input.messages) {
        message.complaint = c.id;
        message.tenant = c.tenant;
        auto id = InsertMessage(db, message);
        if (!id) return tl::unexpected(id.error());
        message_ids.push_back(*id);
    }
    std::string events_text;
    auto event_ids = InsertEvents(db, input.events, c.id, c.tenant, c.number, message_ids, events_text);
    if (!event_ids) return tl::unexpected(event_ids.error());
    if (auto ok = SyncTriageIndex(db, c, index, /*fresh=*/true); !ok) return tl::unexpected(ok.error());
    if (auto ok = StoreSlaValuesOfRow(db, c, &input.events); !ok) return tl::unexpected(ok.error());
    if (auto ok =
            AuditComplaint(db, options, c, "complaint.created", input.events, *event_ids, state_text, events_text);
        !ok) {
        return tl::unexpected(ok.error());
    }
    return std::move(c);  // the input is consumed: moving spares the writer a copy of the whole record
}



}  // namespace

Result<std::unique_ptr<SqliteComplaintStore>> SqliteComplaintStore::Open(const std::string& path,
                                                                         StoreOptions options) {
    if (!options.mac || !options.clock) {
        return Fail(ErrorCode::kInvalidArgument, "the store needs a MAC function and a clock for its audit log");
    }
    auto writer = Connection::Open(path, false);
    if (!writer) return tl::unexpected(writer.error());
    if (auto migrated = Migrate(**writer); !migrated) return tl::unexpected(migrated.error());
    std::unique_ptr<SqliteComplaintStore> store(new SqliteComplaintStore());
    store->options_ = options;
    for (std::size_t i = 0; i < std::max<std::size_t>(1, options.readers); ++i) {
        auto reader = Connection::Open(path, false);
        if (!reader) return tl::unexpected(reader.error());
        // 2 MiB each: the indexes' hot pages; the rest comes from the file cache (connection.cpp).
        if (auto ok = (*reader)->Execute("PRAGMA query_only=ON; PRAGMA cache_size=-2048"); !ok) {
            return tl::unexpected(ok.error());
        }
        store->idle_readers_.push_back(std::move(*reader));
    }
    std::function<void(Connection&)> after_commit;
    if (!options.anchor_path.empty()) {
        // The head is anchored outside the database every few seconds, so a truncated chain is noticed.
        after_commit = [anchor = options.anchor_path, last = std::chrono::steady_clock::time_point{}](
                           Connection& db) mutable {
            auto now = std::chrono::steady_clock::now();
            if (now - last < std::chrono::seconds(2)) return;
            last = now;
            if (auto head = ReadAuditHead(db); head && head->seq > 0) (void)WriteAnchor(anchor, *head);
        };
    }
    // A database from before the audit log has complaints no record attests: seal them once, as they are now,
    // before anything else is written.
    {
        Connection& db = **writer;
        if (auto ok = db.Execute("BEGIN IMMEDIATE"); !ok) return tl::unexpected(ok.error());
        auto sealed = SealExisting(db, options.mac, options.clock->Now());
        if (auto ok = db.Execute(sealed ? "COMMIT" : "ROLLBACK"); !ok) return tl::unexpected(ok.error());
        if (!sealed) return tl::unexpected(sealed.error());
        // Complaints from before the triage indexes (migration 7) are indexed once, so repeats find them.
        if (auto ok = db.Execute("BEGIN IMMEDIATE"); !ok) return tl::unexpected(ok.error());
        auto indexed = Guarded<void>([&] { return BackfillTriageIndex(db); });
        if (auto ok = db.Execute(indexed ? "COMMIT" : "ROLLBACK"); !ok) return tl::unexpected(ok.error());
        if (!indexed) return tl::unexpected(indexed.error());
    }
    // The due order, from the open complaints as they are now (a scan: seconds at a million open complaints).
    {
        Connection& db = **writer;
        if (auto ok = db.Execute("BEGIN"); !ok) return tl::unexpected(ok.error());
        auto generation = db.Prepare("SELECT value FROM store_generation WHERE id = 1");
        auto built = generation ? Guarded<void>([&] { return store->RebuildInMemory(db); })
                                : Result<void>(tl::unexpected(generation.error()));
        if (built && (*generation)->Step().value_or(false)) store->applied_generation_ = (*generation)->Int(0);
        if (generation) (*generation)->Reset();
        if (auto ok = db.Execute("COMMIT"); !ok) return tl::unexpected(ok.error());
        if (!built) return tl::unexpected(built.error());
    }
    if (options.checkpoint_pages > 0) {
        auto checkpointer = Checkpointer::Start(path, **writer, options.checkpoint_pages,
                                                std::max(options.wal_limit_pages, options.checkpoint_pages));
        if (!checkpointer) return tl::unexpected(checkpointer.error());
        store->checkpointer_ = std::move(*checkpointer);
    }
    store->writes_ = std::make_unique<WriteQueue>(std::move(*writer), std::max<std::size_t>(1, options.max_batch),
                                                  std::move(after_commit), store->DueOrderHooks());
    return store;
}

SqliteComplaintStore::~SqliteComplaintStore() { writes_.reset(); }

BatchHooks SqliteComplaintStore::DueOrderHooks() {
    BatchHooks hooks;
    hooks.begin = [this](Connection& db) {
        staged_.clear();
        staged_fingerprints_.clear();
        check_queued_ = false;
        auto s = db.Prepare("SELECT value FROM store_generation WHERE id = 1");
        std::int64_t generation = -1;
        if (s) {
            if (auto row = (*s)->Step(); row && *row) generation = (*s)->Int(0);
            (*s)->Reset();
        }
        {
            std::lock_guard lock(applied_mutex_);
            if (generation >= 0 && generation == applied_generation_) return;
            applied_generation_ = -1;  // lists read by SQL meanwhile
        }
        // Another process wrote complaints (or the order was never built): read it again, inside this transaction.
        bool rebuilt = generation >= 0 && Guarded<void>([&] { return RebuildInMemory(db); }).has_value();
        std::lock_guard lock(applied_mutex_);
        applied_generation_ = rebuilt ? generation : -1;
        applied_changed_.notify_all();
    };
    hooks.before_commit = [this](Connection& db) -> Result<void> {
        // The complaints inserted by the batch get their full-text rows just before its commit.
        if (auto indexed = Guarded<void>([&] { return IndexNewComplaints(db, unindexed_); }); !indexed) return indexed;
        if (staged_.empty()) return {};
        auto s = db.Prepare("UPDATE store_generation SET value = value + 1 WHERE id = 1 RETURNING value");
        if (!s) return tl::unexpected(s.error());
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        staged_generation_ = *row ? (*s)->Int(0) : -1;
        (*s)->Reset();
        return {};
    };
    hooks.end = [this](bool committed) {
        unindexed_.clear();
        if (committed && !staged_.empty()) {
            due_order_.Apply(staged_);
            fingerprints_.Apply(staged_fingerprints_);
            std::lock_guard lock(applied_mutex_);
            // An order that was not current before this transaction is still not current after it.
            if (applied_generation_ >= 0 && staged_generation_ == applied_generation_ + 1) {
                applied_generation_ = staged_generation_;
            } else {
                applied_generation_ = -1;
            }
            applied_changed_.notify_all();
        }
        staged_.clear();
        staged_fingerprints_.clear();
    };
    return hooks;
}

SqliteComplaintStore::ReaderLease SqliteComplaintStore::AcquireReader() {
    std::unique_lock lock(readers_mutex_);
    reader_released_.wait(lock, [this] { return !idle_readers_.empty(); });
    auto connection = std::move(idle_readers_.back());
    idle_readers_.pop_back();
    return ReaderLease(*this, std::move(connection));
}

Result<Complaint> SqliteComplaintStore::Create(ports::NewComplaint complaint) {
    std::string doc = EncodeDoc(complaint.complaint);
    auto index = core::triage::IndexEntriesFor(complaint.complaint);
    return writes_->Submit<Complaint>([this, input = std::move(complaint), doc = std::move(doc),
                                       index = std::move(index)](Connection& db) mutable {
        auto created = Guarded<Complaint>([&] { return InsertComplaint(db, options_, input, doc, index, unindexed_); });
        if (created) StagePut(*created, &index);
        return created;
    });
}

void SqliteComplaintStore::CreateAsync(ports::NewComplaint complaint, std::function<void(Result<Complaint>)> done) {
    std::string doc = EncodeDoc(complaint.complaint);
    auto index = core::triage::IndexEntriesFor(complaint.complaint);
    writes_->SubmitAsync<Complaint>(
        [this, input = std::move(complaint), doc = std::move(doc), index = std::move(index)](Connection& db) mutable {
            auto created = Guarded<Complaint>([&] { return InsertComplaint(db, options_, input, doc, index, unindexed_); });
            if (created) StagePut(*created, &index);
            return created;
        },
        std::move(done));
}

std::vector<Result<Complaint>> SqliteComplaintStore::CreateMany(std::vector<ports::NewComplaint> complaints) {
    // One job for the whole list: one transaction, with a savepoint per complaint so each stands alone.
    using Results = std::vector<Result<Complaint>>;
    std::vector<std::string> docs;
    std::vector<core::triage::IndexEntries> indexes;
    docs.reserve(complaints.size());
    for (const auto& input : complaints) {
        docs.push_back(EncodeDoc(input.complaint));
        indexes.push_back(core::triage::IndexEntriesFor(input.complaint));
    }
    auto outcome = writes_->SubmitPieces<Results>([this, &complaints, &docs, &indexes](Connection& db) {
        return EachInSavepoint<Complaint>(db, complaints.size(), [&](std::size_t i) {
            auto created = InsertComplaint(db, options_, complaints[i], docs[i], indexes[i], unindexed_);
            if (created) StagePut(*created, &indexes[i]);
            return created;
        });
    });
    if (outcome) return std::move(*outcome);
    return Results(complaints.size(), tl::unexpected(outcome.error()));
}

Result<Complaint> SqliteComplaintStore::Get(core::TenantId tenant, core::ComplaintId id) {
    auto reader = AcquireReader();
    return Guarded<Complaint>([&]() -> Result<Complaint> {
        auto s = (*reader).Prepare(std::string("SELECT ") + kComplaintColumns +
                                   " FROM complaints c WHERE c.id = ?1 AND c.tenant_id = ?2");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, id.value).Bind(2, tenant.value);
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        if (!*row) return Fail(ErrorCode::kNotFound, "complaint not found");
        auto complaint = ReadComplaint(**s);
        (*s)->Reset();
        return complaint;
    });
}

Result<Complaint> SqliteComplaintStore::GetByNumber(core::TenantId tenant, const std::string& number) {
    auto reader = AcquireReader();
    return Guarded<Complaint>([&]() -> Result<Complaint> {
        auto s = (*reader).Prepare(std::string("SELECT ") + kComplaintColumns +
                                   " FROM complaints c WHERE c.tenant_id = ?1 AND c.number = ?2");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, number);
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        if (!*row) return Fail(ErrorCode::kNotFound, "complaint not found");
        auto complaint = ReadComplaint(**s);
        (*s)->Reset();
        return complaint;
    });
}

namespace {

tl::unexpected<core::Error> SlaOnlyChangedMore() {
    return Fail(ErrorCode::kInvalidArgument,
                "an SLA-only update may change only the SLA's fields and the owner (not the status, channel, service "
                "type, category, subject or description)");
}

// One complaint update inside the caller's transaction: the row (only if its version is still the expected one), the
// message, the events, the triage index, labels and the audit record. Writes nothing when it fails on the version.
Result<ports::UpdateResult> UpdateOne(Connection& db, const StoreOptions& options, ports::ComplaintUpdate& input,
                                      const std::string& doc, const core::triage::IndexEntries& index) {
    Complaint& c = input.complaint;
    // An SLA-only update sets only the columns the SLA changes: SQLite rewrites every index over a column named in
    // SET, changed or not, so naming status, category and the texts would move three more index entries per
    // complaint in a recomputation of every open complaint. The columns it leaves alone come back and must be the
    // record's (the audit text is built from them).
    auto s = db.Prepare(
        input.sla_only
            ? "UPDATE complaints SET assignee = ?5, due_key = ?6, version = version + 1, updated_at = ?7, doc = ?9, "
              "sla_check_at = ?14, sla_state = ?15 "
              "WHERE id = ?10 AND tenant_id = ?11 AND version = ?12 "
              "AND status = ?1 AND channel = ?2 AND service_type = ?3 AND category = ?4 AND subject = ?8 "
              "AND description = ?13 "
              "RETURNING number, version, received_at, source_ref"
            : "UPDATE complaints SET status = ?1, channel = ?2, service_type = ?3, category = ?4, assignee = ?5, "
              "due_key = ?6, version = version + 1, updated_at = ?7, subject = ?8, doc = ?9, description = ?13, "
              "sla_check_at = ?14, sla_state = ?15 "
              "WHERE id = ?10 AND tenant_id = ?11 AND version = ?12 "
              "RETURNING number, version, received_at, source_ref");
    if (!s) return tl::unexpected(s.error());
    Statement& u = **s;
    ComplaintRowText row_text{c.id.value,
                              c.tenant.value,
                              {},
                              core::workflow::ToString(c.status),
                              core::complaint::ToString(c.channel),
                              core::complaint::ToString(c.service_type),
                              c.classification.category,
                              c.assignee,
                              0,
                              ports::SortKey(c, ports::SortOrder::kDueAsc),
                              {},
                              0,
                              core::ToMillis(c.updated_at),
                              c.subject,
                              c.description,
                              doc};
    u.Bind(1, row_text.status).Bind(2, row_text.channel).Bind(3, row_text.service_type);
    u.Bind(4, row_text.category).Bind(5, row_text.assignee).Bind(6, row_text.due_key);
    u.Bind(7, row_text.updated_at).Bind(8, row_text.subject).Bind(9, row_text.doc);
    u.Bind(10, c.id.value).Bind(11, c.tenant.value).Bind(12, input.expected_version).Bind(13, c.description);
    BindOptionalInstant(u, 14, c.sla.check_at);
    const std::string sla_state = SlaStateColumn(c);  // bound without a copy: must outlive the step
    u.Bind(15, sla_state);
    auto row = u.Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) {
        auto probe = db.Prepare("SELECT version FROM complaints WHERE id = ?1 AND tenant_id = ?2");
        if (!probe) return tl::unexpected(probe.error());
        (*probe)->Bind(1, c.id.value).Bind(2, c.tenant.value);
        auto found = (*probe)->Step();
        if (!found) return tl::unexpected(found.error());
        if (!*found) return Fail(ErrorCode::kNotFound, "complaint not found");
        std::int64_t stored = (*probe)->Int(0);
        (*probe)->Reset();
        if (input.sla_only && stored == input.expected_version) return SlaOnlyChangedMore();
        return Fail(ErrorCode::kConflict, "complaint was changed by someone else (version " +
                                              std::to_string(stored) + "); reload and retry", "version");
    }
    c.number = u.Text(0);
    c.version = u.Int(1);
    // The columns the UPDATE leaves alone come back from the row, so the audit text is the stored one.
    const std::string source_ref = u.Text(3);
    row_text.number = c.number;
    row_text.version = c.version;
    row_text.received_at = u.Int(2);
    row_text.source_ref = source_ref;
    const std::string state_text = CanonicalStateText(row_text);
    u.Reset();
    if (input.erase_messages) {
        auto erase = db.Prepare("UPDATE messages SET body = ?1 WHERE complaint_id = ?2 AND tenant_id = ?3");
        if (!erase) return tl::unexpected(erase.error());
        const std::string erased = core::complaint::kErasedText;  // bound without a copy: must outlive Run
        (*erase)->Bind(1, erased).Bind(2, c.id.value).Bind(3, c.tenant.value);
        if (auto ok = (*erase)->Run(); !ok) return tl::unexpected(ok.error());
    }
    std::vector<std::int64_t> message_ids;
    if (auto& m = input.message) {
        m->complaint = c.id;
        m->tenant = c.tenant;
        auto id = InsertMessage(db, *m);
        if (!id) return tl::unexpected(id.error());
        message_ids.push_back(*id);
    }
    std::string events_text;
    auto event_ids = InsertEvents(db, input.events, c.id, c.tenant, c.number, message_ids, events_text);
    if (!event_ids) return tl::unexpected(event_ids.error());
    if (!input.sla_only) {
        if (auto ok = SyncTriageIndex(db, c, index); !ok) return tl::unexpected(ok.error());
    }
    if (auto ok = StoreSlaValuesOfRow(db, c, nullptr); !ok) return tl::unexpected(ok.error());
    for (auto& label : input.labels) label.complaint = c.id, label.tenant = c.tenant;
    if (auto ok = InsertTriageLabels(db, input.labels); !ok) return tl::unexpected(ok.error());
    if (auto ok = AuditComplaint(db, options, c, "complaint.updated", input.events, *event_ids, state_text,
                                 events_text);
        !ok) {
        return tl::unexpected(ok.error());
    }
    return ports::UpdateResult{std::move(input.complaint), std::move(input.message)};
}

}  // namespace

Result<ports::UpdateResult> SqliteComplaintStore::Update(ports::ComplaintUpdate update) {
    std::string doc = EncodeDoc(update.complaint);
    auto index = update.sla_only ? core::triage::IndexEntries{} : core::triage::IndexEntriesFor(update.complaint);
    return writes_->Submit<ports::UpdateResult>([this, input = std::move(update), doc = std::move(doc),
                                                 index = std::move(index)](Connection& db) mutable
                                                -> Result<ports::UpdateResult> {
        auto updated = Guarded<ports::UpdateResult>([&]() { return UpdateOne(db, options_, input, doc, index); });
        if (updated) StagePut(updated->complaint, input.sla_only ? nullptr : &index);
        return updated;
    });
}

std::vector<Result<ports::UpdateResult>> SqliteComplaintStore::UpdateMany(std::vector<ports::ComplaintUpdate> updates) {
    // One job for the whole list: one transaction, a savepoint per complaint so each stands or fails alone.
    using Results = std::vector<Result<ports::UpdateResult>>;
    std::vector<std::string> docs;
    std::vector<core::triage::IndexEntries> indexes;
    docs.reserve(updates.size());
    indexes.reserve(updates.size());
    for (const auto& input : updates) {
        docs.push_back(EncodeDoc(input.complaint));
        // SLA recomputations leave the triage index alone (UpdateOne skips it): no entries to derive.
        indexes.push_back(input.sla_only ? core::triage::IndexEntries{} : core::triage::IndexEntriesFor(input.complaint));
    }
    auto outcome = writes_->SubmitPieces<Results>([this, &updates, &docs, &indexes](Connection& db) {
        return EachInSavepoint<ports::UpdateResult>(db, updates.size(), [&](std::size_t i) {
            auto updated = UpdateOne(db, options_, updates[i], docs[i], indexes[i]);
            if (updated) StagePut(updated->complaint, updates[i].sla_only ? nullptr : &indexes[i]);
            return updated;
        });
    });
    if (!outcome) return Results(updates.size(), tl::unexpected(outcome.error()));
    return std::move(*outcome);
}

void SqliteComplaintStore::BulkUpdates(bool active) {
    std::lock_guard lock(bulk_mutex_);
    bulk_users_ += active ? 1 : -1;
    if (bulk_users_ != (active ? 1 : 0)) return;  // only the first to start and the last to end resize
    // The writer's usual cache is set where its connection is opened (kWriterCacheKib). A smaller size frees the
    // pages beyond it (clean once committed).
    const std::string size =
        "PRAGMA cache_size=-" + std::to_string(active ? options_.bulk_cache_mib * 1024 : kWriterCacheKib);
    (void)writes_->Submit<void>([size](Connection& db) -> Result<void> { return db.Execute(size); });
}

Result<std::map<std::int64_t, std::vector<core::workflow::Event>>> SqliteComplaintStore::EventsOfMany(
    core::TenantId tenant, const std::vector<core::ComplaintId>& ids) {
    using Map = std::map<std::int64_t, std::vector<core::workflow::Event>>;
    Map events;
    if (ids.empty()) return events;
    std::set<std::int64_t> wanted;
    for (auto id : ids) wanted.insert(id.value);
    auto reader = AcquireReader();
    return Guarded<Map>([&]() -> Result<Map> {
        // One range scan over the events index for the whole batch (ids come in order), keeping the wanted ones.
        auto s = (*reader).Prepare(std::string("SELECT ") + kEventColumns +
                                   " FROM events WHERE tenant_id = ?1 AND complaint_id BETWEEN ?2 AND ?3 "
                                   "ORDER BY complaint_id, id");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, *wanted.begin()).Bind(3, *wanted.rbegin());
        for (auto id : wanted) events[id];
        auto read = (*s)->ForEachRow([&](Statement& r) {
            auto event = ReadEvent(r);
            if (auto it = events.find(event.complaint.value); it != events.end()) it->second.push_back(std::move(event));
        });
        if (!read) return tl::unexpected(read.error());
        return events;
    });
}

Result<std::vector<ports::UpdateResult>> SqliteComplaintStore::UpdateAll(std::vector<ports::ComplaintUpdate> updates) {
    std::vector<std::string> docs;
    std::vector<core::triage::IndexEntries> indexes;
    for (const auto& update : updates) {
        docs.push_back(EncodeDoc(update.complaint));
        indexes.push_back(core::triage::IndexEntriesFor(update.complaint));
    }
    // One piece of the writer's transaction: a failure of any update rolls back its savepoint, so all or none.
    return writes_->Submit<std::vector<ports::UpdateResult>>(
        [this, inputs = std::move(updates), docs = std::move(docs), indexes = std::move(indexes)](
            Connection& db) mutable -> Result<std::vector<ports::UpdateResult>> {
            return Guarded<std::vector<ports::UpdateResult>>([&]() -> Result<std::vector<ports::UpdateResult>> {
                std::vector<ports::UpdateResult> results;
                for (std::size_t i = 0; i < inputs.size(); ++i) {
                    auto done = UpdateOne(db, options_, inputs[i], docs[i], indexes[i]);
                    if (!done) return tl::unexpected(done.error());
                    results.push_back(std::move(*done));
                }
                // All or none: staged only once every update is written.
                for (std::size_t i = 0; i < results.size(); ++i) {
                    StagePut(results[i].complaint, inputs[i].sla_only ? nullptr : &indexes[i]);
                }
                return results;
            });
        });
}

Result<void> SqliteComplaintStore::Delete(core::TenantId tenant, core::ComplaintId id, const core::workflow::Actor& by) {
    return writes_->Submit<void>([this, tenant, id, by](Connection& db) -> Result<void> {
        return Guarded<void>([&]() -> Result<void> {
            // The complaint goes first (events may only be deleted once it is gone, see migration 4), so the
            // foreign keys from its events and messages are checked at commit, when those are gone too.
            if (auto ok = db.Execute("PRAGMA defer_foreign_keys = ON"); !ok) return tl::unexpected(ok.error());
            auto found = db.Prepare("DELETE FROM complaints WHERE id = ?1 AND tenant_id = ?2 RETURNING number");
            if (!found) return tl::unexpected(found.error());
            (*found)->Bind(1, id.value).Bind(2, tenant.value);
            auto row = (*found)->Step();
            if (!row) return tl::unexpected(row.error());
            if (!*row) return Fail(ErrorCode::kNotFound, "complaint not found");
            std::string number = (*found)->Text(0);
            (*found)->Reset();
            for (const char* sql : {"DELETE FROM events WHERE complaint_id = ?1 AND tenant_id = ?2",
                                    "DELETE FROM messages WHERE complaint_id = ?1 AND tenant_id = ?2"}) {
                auto s = db.Prepare(sql);
                if (!s) return tl::unexpected(s.error());
                (*s)->Bind(1, id.value).Bind(2, tenant.value);
                if (auto ok = (*s)->Run(); !ok) return tl::unexpected(ok.error());
            }
            if (auto ok = DeleteTriageIndex(db, tenant, id); !ok) return tl::unexpected(ok.error());
            if (auto ok = DeleteSlaValues(db, id); !ok) return tl::unexpected(ok.error());
            // Nothing refers to the complaint any more; the rest of the batch gets immediate checks again.
            if (auto ok = db.Execute("PRAGMA defer_foreign_keys = OFF"); !ok) return tl::unexpected(ok.error());
            AuditEntry entry{tenant, options_.clock->Now(), by.name, std::string(core::workflow::ToString(by.role)),
                             "complaint.deleted", "complaint", id.value, 0, 0, "number=" + number};
            auto appended = AppendAudit(db, options_.mac, entry);
            if (!appended) return tl::unexpected(appended.error());
            StageErase(tenant, id);
            return {};
        });
    });
}

Result<ports::ComplaintPage> SqliteComplaintStore::List(core::TenantId tenant, const ports::ComplaintQuery& query) {
    if (query.sort == ports::SortOrder::kDueAsc && query.text.empty() && !query.number && !query.triage_queue) {
        if (auto page = ListByDue(tenant, query)) return std::move(*page);
    }
    return ListBySql(tenant, query);
}

Result<ports::ComplaintPage> SqliteComplaintStore::ListBySql(core::TenantId tenant,
                                                             const ports::ComplaintQuery& query) {
    ListSql sql = BuildListSql(tenant, query);
    auto reader = AcquireReader();
    return Guarded<ports::ComplaintPage>([&]() -> Result<ports::ComplaintPage> {
        auto s = (*reader).Prepare(sql.text);
        if (!s) return tl::unexpected(s.error());
        sql.BindTo(**s);
        ports::ComplaintPage page;
        std::vector<std::int64_t> keys;
        for (;;) {
            auto row = (*s)->Step();
            if (!row) return tl::unexpected(row.error());
            if (!*row) break;
            if (static_cast<int>(page.items.size()) == query.limit) {
                page.next = ports::Cursor{keys.back(), page.items.back().id};
                break;
            }
            auto complaint = ReadComplaint(**s);
            if (!complaint) return tl::unexpected(complaint.error());
            keys.push_back(sql.by_id ? complaint->id.value : ports::SortKey(*complaint, query.sort));
            page.items.push_back(std::move(*complaint));
        }
        (*s)->Reset();
        return page;
    });
}

Result<std::vector<core::workflow::Event>> SqliteComplaintStore::Events(core::TenantId tenant, core::ComplaintId id) {
    if (auto exists = Get(tenant, id); !exists) return tl::unexpected(exists.error());
    auto reader = AcquireReader();
    return Guarded<std::vector<core::workflow::Event>>([&]() -> Result<std::vector<core::workflow::Event>> {
        auto s = (*reader).Prepare(std::string("SELECT ") + kEventColumns +
                                   " FROM events WHERE tenant_id = ?1 AND complaint_id = ?2 ORDER BY id");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, id.value);
        return (*s)->Collect([](Statement& r) { return ReadEvent(r); });
    });
}

Result<std::vector<core::complaint::Message>> SqliteComplaintStore::Messages(core::TenantId tenant,
                                                                            core::ComplaintId id) {
    if (auto exists = Get(tenant, id); !exists) return tl::unexpected(exists.error());
    auto reader = AcquireReader();
    return Guarded<std::vector<core::complaint::Message>>([&]() -> Result<std::vector<core::complaint::Message>> {
        auto s = (*reader).Prepare(std::string("SELECT ") + kMessageColumns +
                                   " FROM messages WHERE tenant_id = ?1 AND complaint_id = ?2 ORDER BY id");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, id.value);
        return (*s)->Collect([](Statement& r) { return ReadMessage(r); });
    });
}

Result<std::int64_t> SqliteComplaintStore::Count(core::TenantId tenant) {
    auto reader = AcquireReader();
    auto s = (*reader).Prepare("SELECT count(*) FROM complaints WHERE tenant_id = ?1");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    std::int64_t count = (*s)->Int(0);
    (*s)->Reset();
    return count;
}

Result<std::map<std::string, std::int64_t>> SqliteComplaintStore::OpenCountsByAssignee(
    core::TenantId tenant, const std::vector<std::string>& assignees) {
    // The open and paused statuses, as a fixed IN list: each count is a range of the assignee/status index.
    static const std::string kSql = [] {
        std::string in;
        for (const auto& [status, name] : core::workflow::kStatusNames) {
            auto category = core::workflow::CategoryOf(status);
            if (category != core::workflow::StatusCategory::kOpen && category != core::workflow::StatusCategory::kPaused) {
                continue;
            }
            in += (in.empty() ? "'" : ", '") + std::string(name) + "'";
        }
        return "SELECT count(*) FROM complaints INDEXED BY complaints_assignee_status "
               "WHERE tenant_id = ?1 AND assignee = ?2 AND status IN (" + in + ")";
    }();
    std::map<std::string, std::int64_t> counts;
    auto reader = AcquireReader();
    for (const auto& name : assignees) {
        if (name.empty() || counts.count(name)) continue;
        auto s = (*reader).Prepare(kSql);
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, std::string_view(name));
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        std::int64_t count = (*s)->Int(0);
        (*s)->Reset();
        if (count > 0) counts[name] = count;
    }
    return counts;
}

Result<void> SqliteComplaintStore::ForEach(core::TenantId tenant, const std::function<bool(const Complaint&)>& visit) {
    // Pages of rows so that no reader is held while the visitor works (it may write to a slow file). Each page is a
    // range of the primary key from where the last one ended (NOT INDEXED: by the tenant's received_at index, every
    // page would walk and sort all of the tenant's complaints — quadratic over the walk).
    constexpr int kPage = 500;
    std::int64_t after = 0;
    for (;;) {
        std::vector<Complaint> page;
        {
            auto reader = AcquireReader();
            auto s = (*reader).Prepare(std::string("SELECT ") + kComplaintColumns +
                                       " FROM complaints c NOT INDEXED WHERE c.tenant_id = ?1 AND c.id > ?2 "
                                       "ORDER BY c.id LIMIT ?3");
            if (!s) return tl::unexpected(s.error());
            (*s)->Bind(1, tenant.value).Bind(2, after).Bind(3, std::int64_t{kPage});
            auto read = (*s)->ForEachRow([&](Statement& r) -> Result<void> {
                auto complaint = Guarded<Complaint>([&] { return ReadComplaint(r); });
                if (!complaint) return tl::unexpected(complaint.error());
                page.push_back(std::move(*complaint));
                return {};
            });
            if (!read) return tl::unexpected(read.error());
        }
        for (const auto& complaint : page) {
            if (!visit(complaint)) return {};
        }
        if (static_cast<int>(page.size()) < kPage) return {};
        after = page.back().id.value;
    }
}

Result<void> SqliteComplaintStore::Record(const core::ports::AuditRecord& record) {
    AuditEntry entry{record.actor.tenant,
                     options_.clock->Now(),
                     record.actor.name,
                     std::string(core::workflow::ToString(record.actor.role)),
                     record.action,
                     record.object_type,
                     record.object_id,
                     0,
                     0,
                     record.detail};
    return Guarded<void>([&]() -> Result<void> {
        auto appended = writes_->Submit<std::int64_t>(
            [this, &entry](Connection& db) { return AppendAudit(db, options_.mac, entry); });
        if (!appended) return tl::unexpected(appended.error());
        return {};
    });
}

Result<AuditReport> SqliteComplaintStore::VerifyAudit() {
    auto reader = AcquireReader();
    return Guarded<AuditReport>([&]() -> Result<AuditReport> {
        if (auto begun = (*reader).Run("BEGIN"); !begun) return tl::unexpected(begun.error());
        auto report = sqlite::VerifyAudit(*reader, options_.mac, options_.anchor_path);
        (void)(*reader).Run("COMMIT");
        return report;
    });
}

bool SqliteComplaintStore::Ping() {
    auto reader = AcquireReader();
    auto s = (*reader).Prepare("SELECT 1");
    return s && (*s)->Step().value_or(false);
}

Result<std::string> SqliteComplaintStore::CheckIntegrity() {
    auto reader = AcquireReader();
    auto s = (*reader).Prepare("PRAGMA integrity_check");
    if (!s) return tl::unexpected(s.error());
    std::string report;
    auto read = (*s)->ForEachRow([&](Statement& r) {
        if (!report.empty()) report += "\n";
        report += r.Text(0);
    });
    if (!read) return tl::unexpected(read.error());
    // The FTS index check writes nothing but needs a write-capable connection, so it goes through the writer.
    auto fts = writes_->Submit<bool>([](Connection& db) -> Result<bool> {
        if (auto ok = db.Execute("INSERT INTO complaints_fts (complaints_fts, rank) VALUES ('integrity-check', 0)");
            !ok) {
            return tl::unexpected(ok.error());
        }
        return true;
    });
    if (!fts) report += "\nfts: " + fts.error().message;
    return report;
}

}  // namespace heed::storage::sqlite
