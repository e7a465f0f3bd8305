#include "storage/sqlite/migrations.hpp"

#include <array>
#include <string>

namespace heed::storage::sqlite {
namespace {

// Append only: never edit a migration that has shipped.
constexpr std::array<const char*, 21> kMigrations{
    // 1: tenants, complaints with their events and messages, per-tenant monthly numbering, full-text index.
    R"sql(
CREATE TABLE tenants (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);
INSERT INTO tenants (id, name, created_at) VALUES (1, 'default', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));

CREATE TABLE complaint_sequences (
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    year_month  INTEGER NOT NULL,
    last_value  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, year_month)
) WITHOUT ROWID;

-- Columns for what queries filter and sort on; every other field of the record lives in `doc` (JSON).
CREATE TABLE complaints (
    id            INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL REFERENCES tenants(id),
    number        TEXT NOT NULL,
    status        TEXT NOT NULL,
    channel       TEXT NOT NULL,
    service_type  TEXT NOT NULL,
    category      TEXT NOT NULL DEFAULT '',
    assignee      TEXT NOT NULL DEFAULT '',
    received_at   INTEGER NOT NULL,
    due_key       INTEGER NOT NULL,
    source_ref    TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    subject       TEXT NOT NULL,
    description   TEXT NOT NULL,
    doc           TEXT NOT NULL
);
CREATE UNIQUE INDEX complaints_number ON complaints (tenant_id, number);
CREATE UNIQUE INDEX complaints_source_ref ON complaints (tenant_id, source_ref) WHERE source_ref <> '';
CREATE INDEX complaints_received ON complaints (tenant_id, received_at, id);
CREATE INDEX complaints_status_received ON complaints (tenant_id, status, received_at, id);
CREATE INDEX complaints_status_due ON complaints (tenant_id, status, due_key, id);
CREATE INDEX complaints_assignee_due ON complaints (tenant_id, assignee, due_key, id);
CREATE INDEX complaints_assignee_status_due ON complaints (tenant_id, assignee, status, due_key, id);
CREATE INDEX complaints_category_received ON complaints (tenant_id, category, received_at, id);

CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL,
    complaint_id  INTEGER NOT NULL REFERENCES complaints(id),
    at            INTEGER NOT NULL,
    actor         TEXT NOT NULL,
    actor_role    TEXT NOT NULL,
    kind          TEXT NOT NULL,
    field         TEXT NOT NULL,
    before_value  TEXT NOT NULL,
    after_value   TEXT NOT NULL,
    note          TEXT NOT NULL
);
CREATE INDEX events_complaint ON events (tenant_id, complaint_id, id);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE messages (
    id            INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL,
    complaint_id  INTEGER NOT NULL REFERENCES complaints(id),
    direction     TEXT NOT NULL,
    author        TEXT NOT NULL,
    author_role   TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX messages_complaint ON messages (tenant_id, complaint_id, id);

CREATE VIRTUAL TABLE complaints_fts USING fts5(
    subject, description, content='complaints', content_rowid='id', tokenize='heed_cjk'
);
CREATE TRIGGER complaints_fts_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO complaints_fts (rowid, subject, description) VALUES (new.id, new.subject, new.description);
END;
CREATE TRIGGER complaints_fts_update AFTER UPDATE OF subject, description ON complaints BEGIN
    INSERT INTO complaints_fts (complaints_fts, rowid, subject, description)
        VALUES ('delete', old.id, old.subject, old.description);
    INSERT INTO complaints_fts (rowid, subject, description) VALUES (new.id, new.subject, new.description);
END;
CREATE TRIGGER complaints_fts_delete AFTER DELETE ON complaints BEGIN
    INSERT INTO complaints_fts (complaints_fts, rowid, subject, description)
        VALUES ('delete', old.id, old.subject, old.description);
END;
)sql",
    // 2: users and API tokens (secrets only as argon2id hashes and keyed digests).
    R"sql(
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    tenant_id      INTEGER NOT NULL REFERENCES tenants(id),
    username       TEXT NOT NULL,
    role           TEXT NOT NULL,
    team           TEXT NOT NULL DEFAULT '',
    password_hash  TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    UNIQUE (tenant_id, username)
);
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    digest      TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    revoked_at  INTEGER
);
)sql",
    // 3: the hash-chained audit log (see audit_chain.hpp).
    R"sql(
CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    tenant_id      INTEGER NOT NULL,
    at             INTEGER NOT NULL,
    actor          TEXT NOT NULL,
    actor_role     TEXT NOT NULL,
    action         TEXT NOT NULL,
    object_type    TEXT NOT NULL,
    object_id      INTEGER NOT NULL,
    events_from    INTEGER NOT NULL,
    events_to      INTEGER NOT NULL,
    state_digest   TEXT NOT NULL,
    events_digest  TEXT NOT NULL,
    prev_mac       TEXT NOT NULL,
    mac            TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, seq);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    // 4: browser sessions, tenant settings, a detail text on audit records, events deletable with their complaint.
    R"sql(
CREATE TABLE sessions (
    digest      TEXT PRIMARY KEY,
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE TABLE tenant_settings (
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, key)
) WITHOUT ROWID;
ALTER TABLE audit_log ADD COLUMN detail TEXT NOT NULL DEFAULT '';
-- Events are deleted only with their complaint (retention), never on their own.
DROP TRIGGER events_append_only_delete;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
WHEN EXISTS (SELECT 1 FROM complaints WHERE id = old.complaint_id)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
)sql",
    // 5: routing — teams, agent profiles (skills as JSON arrays) and the round-robin cursor of each pool.
    R"sql(
CREATE TABLE teams (
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    name        TEXT NOT NULL,
    lead        TEXT NOT NULL DEFAULT '',
    department  INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, name)
) WITHOUT ROWID;
CREATE TABLE agent_profiles (
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    username    TEXT NOT NULL,
    categories  TEXT NOT NULL DEFAULT '[]',
    languages   TEXT NOT NULL DEFAULT '[]',
    channels    TEXT NOT NULL DEFAULT '[]',
    level       TEXT NOT NULL,
    capacity    INTEGER NOT NULL,
    status      TEXT NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, username)
) WITHOUT ROWID;
CREATE TABLE routing_cursors (
    tenant_id      INTEGER NOT NULL REFERENCES tenants(id),
    pool           TEXT NOT NULL,
    last_assigned  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, pool)
) WITHOUT ROWID;
)sql",
    // 6: satisfaction surveys with their raw answers, and the "3+7" follow-up tasks.
    R"sql(
CREATE TABLE surveys (
    id            INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL REFERENCES tenants(id),
    complaint_id  INTEGER NOT NULL,
    number        TEXT NOT NULL,
    language      TEXT NOT NULL,
    assignee      TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL DEFAULT '',
    questions     TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    created_by    TEXT NOT NULL,
    expires_at    INTEGER NOT NULL,
    answered_at   INTEGER,
    csat          INTEGER,
    nps           INTEGER,
    effort        INTEGER,
    answers       TEXT NOT NULL DEFAULT '{}',
    comment       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX surveys_complaint ON surveys (tenant_id, complaint_id);
CREATE INDEX surveys_created ON surveys (tenant_id, created_at);
CREATE TABLE follow_ups (
    id            INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL REFERENCES tenants(id),
    complaint_id  INTEGER NOT NULL,
    number        TEXT NOT NULL,
    kind          TEXT NOT NULL,
    due_at        INTEGER NOT NULL,
    assignee      TEXT NOT NULL DEFAULT '',
    team          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    outcome       TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    done_at       INTEGER,
    done_by       TEXT NOT NULL DEFAULT '',
    survey_id     INTEGER
);
CREATE INDEX follow_ups_status_due ON follow_ups (tenant_id, status, due_at, id);
CREATE INDEX follow_ups_assignee ON follow_ups (tenant_id, assignee, status, due_at);
CREATE INDEX follow_ups_complaint ON follow_ups (tenant_id, complaint_id);
)sql",
    // 7: triage — tenant rules, labels from people's corrections, and the indexes repeat and near-duplicate
    // detection and the triage queue read (derived from the complaint record on every write, see triage_index.cpp).
    R"sql(
CREATE TABLE triage_rules (
    id          INTEGER PRIMARY KEY,
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    name        TEXT NOT NULL,
    priority    INTEGER NOT NULL,
    enabled     INTEGER NOT NULL,
    definition  TEXT NOT NULL,
    version     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX triage_rules_order ON triage_rules (tenant_id, priority, id);
CREATE TABLE triage_labels (
    id               INTEGER PRIMARY KEY,
    tenant_id        INTEGER NOT NULL,
    complaint_id     INTEGER NOT NULL,
    field            TEXT NOT NULL,
    label            TEXT NOT NULL,
    previous         TEXT NOT NULL,
    previous_source  TEXT NOT NULL,
    actor            TEXT NOT NULL,
    at               INTEGER NOT NULL
);
CREATE INDEX triage_labels_tenant ON triage_labels (tenant_id, id);
CREATE INDEX triage_labels_complaint ON triage_labels (complaint_id, field);
CREATE TABLE complaint_contacts (
    tenant_id     INTEGER NOT NULL,
    contact       TEXT NOT NULL,
    received_at   INTEGER NOT NULL,
    complaint_id  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, contact, received_at, complaint_id)
) WITHOUT ROWID;
CREATE INDEX complaint_contacts_complaint ON complaint_contacts (complaint_id);
CREATE TABLE complaint_triage (
    complaint_id  INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL,
    received_at   INTEGER NOT NULL,
    category      TEXT NOT NULL,
    repeat_count  INTEGER NOT NULL,
    compensated   INTEGER NOT NULL,
    customer      TEXT NOT NULL,
    contact_keys  TEXT NOT NULL,
    simhash       INTEGER,
    cluster       TEXT NOT NULL,
    in_queue      INTEGER NOT NULL
);
CREATE INDEX complaint_triage_queue ON complaint_triage (tenant_id, received_at) WHERE in_queue = 1;
CREATE INDEX complaint_triage_cluster ON complaint_triage (tenant_id, cluster) WHERE cluster <> '';
CREATE TABLE text_fingerprints (
    tenant_id     INTEGER NOT NULL,
    band          INTEGER NOT NULL,
    received_at   INTEGER NOT NULL,
    complaint_id  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, band, received_at, complaint_id)
) WITHOUT ROWID;
CREATE INDEX text_fingerprints_complaint ON text_fingerprints (complaint_id);
)sql",
    // 8: the outbox of messages to customers (sent by the notification dispatcher, kept until the server accepts).
    R"sql(
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    tenant_id        INTEGER NOT NULL REFERENCES tenants(id),
    complaint_id     INTEGER,
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    language         TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    sent_at          INTEGER,
    last_error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
CREATE INDEX outbox_tenant ON outbox (tenant_id, status, id);
)sql",
    // 9: compensation requests and their approval decisions (the complaint keeps the totals in its document).
    R"sql(
CREATE TABLE compensations (
    id                INTEGER PRIMARY KEY,
    tenant_id         INTEGER NOT NULL REFERENCES tenants(id),
    complaint_id      INTEGER NOT NULL,
    complaint_number  TEXT NOT NULL,
    kind              TEXT NOT NULL,
    amount_minor      INTEGER NOT NULL CHECK (amount_minor > 0),
    currency          TEXT NOT NULL,
    reason            TEXT NOT NULL,
    required_role     TEXT NOT NULL,
    status            TEXT NOT NULL,
    requested_by      TEXT NOT NULL,
    requested_role    TEXT NOT NULL,
    requested_at      INTEGER NOT NULL,
    decided_by        TEXT NOT NULL DEFAULT '',
    decided_role      TEXT NOT NULL DEFAULT 'system',
    decided_at        INTEGER,
    decision_reason   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX compensations_complaint ON compensations (tenant_id, complaint_id, id);
CREATE INDEX compensations_status ON compensations (tenant_id, status, id);
)sql",
    // 10: triage — a digest of each description's exact bytes, so that byte-identical texts are told apart from
    // near-identical ones without reading the complaints; fingerprints in four 16-bit bands instead of six narrower
    // ones. The derived indexes are emptied: the store rebuilds them from the records when it opens.
    R"sql(
ALTER TABLE complaint_triage ADD COLUMN text_digest INTEGER NOT NULL DEFAULT 0;
DELETE FROM text_fingerprints;
DELETE FROM complaint_contacts;
DELETE FROM complaint_triage;
)sql",
    // 11: when each complaint's SLA clocks next need a look (the sweeper's index, across tenants).
    R"sql(
ALTER TABLE complaints ADD COLUMN sla_check_at INTEGER;
CREATE INDEX complaints_sla_check ON complaints (sla_check_at) WHERE sla_check_at IS NOT NULL;
)sql",
    // 12: solution templates and each use of one on a complaint (reply or resolution), for their statistics.
    R"sql(
CREATE TABLE solution_templates (
    id          INTEGER PRIMARY KEY,
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    name        TEXT NOT NULL,
    category    TEXT NOT NULL DEFAULT '',
    body_zh     TEXT NOT NULL DEFAULT '',
    body_en     TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1,
    version     INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX solution_templates_tenant ON solution_templates (tenant_id, category, id);
CREATE TABLE template_uses (
    id            INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL,
    template_id   INTEGER NOT NULL,
    complaint_id  INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    actor         TEXT NOT NULL,
    at            INTEGER NOT NULL
);
CREATE INDEX template_uses_template ON template_uses (tenant_id, template_id, kind, complaint_id);
CREATE INDEX template_uses_complaint ON template_uses (complaint_id);
)sql",
    // 13: users' e-mail addresses (escalations to them are announced by e-mail).
    R"sql(
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
)sql",
    // 14: the resolved complaints of each category, newest first, with their versions: suggestions read their
    // candidate range from this index alone (the status is there so that the query's status test needs no row).
    R"sql(
CREATE INDEX complaints_resolved_category ON complaints (tenant_id, category, received_at, id, version, status)
    WHERE status IN ('resolved', 'follow_up', 'closed');
)sql",
    // 15: the full-text index is rewritten only when the subject or description really changed. Every update sets
    // both columns, so the old trigger re-tokenized the text of each status change, reply and SLA recomputation.
    R"sql(
DROP TRIGGER complaints_fts_update;
CREATE TRIGGER complaints_fts_update AFTER UPDATE OF subject, description ON complaints
WHEN old.subject IS NOT new.subject OR old.description IS NOT new.description BEGIN
    INSERT INTO complaints_fts (complaints_fts, rowid, subject, description)
        VALUES ('delete', old.id, old.subject, old.description);
    INSERT INTO complaints_fts (rowid, subject, description) VALUES (new.id, new.subject, new.description);
END;
)sql",
    // 16: the SLA state as a column (it lived only in the document, so the "due soon" queue read every breached
    // complaint row by row before the first one in warning), filled from the documents, and the due order of the
    // complaints in warning or breached as an index range. Partial: the other states (most rows) never touch it,
    // so moving their due times costs this index nothing.
    R"sql(
ALTER TABLE complaints ADD COLUMN sla_state TEXT NOT NULL DEFAULT 'inactive';
UPDATE complaints SET sla_state = json_extract(doc, '$.sla.state')
    WHERE json_extract(doc, '$.sla.state') NOT IN ('', 'inactive');
CREATE INDEX complaints_sla_due ON complaints (tenant_id, sla_state, status, due_key, id)
    WHERE sla_state = 'warning' OR sla_state = 'breached';
)sql",
    // 17: a new complaint's full-text row is written by the store, for all complaints of a transaction in one
    // statement just before its commit, no longer by a trigger per inserted row (FTS5 writes a new index segment at the
    // end of each statement that touched it: one per complaint at intake). Updates and deletes keep their triggers.
    R"sql(
DROP TRIGGER complaints_fts_insert;
)sql",
    // 18: the complaint's number in its triage row, so the repeat and near-duplicate lookups at intake answer from
    // the small triage rows alone instead of reading each candidate's whole complaint row for its number.
    R"sql(
ALTER TABLE complaint_triage ADD COLUMN number TEXT NOT NULL DEFAULT '';
UPDATE complaint_triage SET number = coalesce((SELECT c.number FROM complaints c
                                               WHERE c.id = complaint_triage.complaint_id), '');
)sql",
    // 19: the due order of open and waiting complaints moves into the server's memory (due_order.hpp): their due
    // times all move when an SLA policy or calendar changes, and each of the four indexes over the due time cost
    // ≈ 8 µs per moved complaint. The due-time indexes keep only the solved and ended complaints (whose due times no
    // longer move); the assignee's work queue keeps an index by status without the due time; a generation number,
    // raised by every transaction that writes complaints, tells a server that another process wrote some.
    R"sql(
DROP INDEX complaints_status_due;
DROP INDEX complaints_assignee_due;
DROP INDEX complaints_assignee_status_due;
DROP INDEX complaints_sla_due;
CREATE INDEX complaints_assignee_status ON complaints (tenant_id, assignee, status, received_at, id);
CREATE INDEX complaints_closed_due ON complaints (tenant_id, status, due_key, id)
    WHERE status = 'resolved' OR status = 'follow_up' OR status = 'closed' OR status = 'merged'
       OR status = 'rejected';
CREATE INDEX complaints_closed_sla_due ON complaints (tenant_id, sla_state, status, due_key, id)
    WHERE (sla_state = 'warning' OR sla_state = 'breached')
      AND (status = 'resolved' OR status = 'follow_up' OR status = 'closed' OR status = 'merged'
           OR status = 'rejected');
CREATE TABLE store_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO store_generation (id, value) VALUES (1, 0);
)sql",
    // 20: a recomputation after a change of calendars or policies no longer rewrites the complaint rows whose due
    // times alone move (≈ 1.5 KB each, audited, with an event): their new SLA values go to a narrow row of
    // complaint_sla, valid for the complaint's version it names, which reads lay over the complaint's own (the next
    // update of the complaint stores them in the row and drops it). The check times the sweeper looks for move to
    // their own narrow table, written with the complaint and with those values, so that both ways keep one index.
    // What the SLA reads of each open or waiting complaint (core/sla/inputs.hpp) is kept in sla_inputs, written
    // with the complaint, so a recomputation reads one narrow row per complaint; the complaints filed before this
    // schema get theirs at the tenant's first recomputation, which then lists the tenant in sla_inputs_complete.
    R"sql(
CREATE TABLE sla_checks (
    complaint_id  INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL,
    check_at      INTEGER NOT NULL
);
INSERT INTO sla_checks (complaint_id, tenant_id, check_at)
    SELECT id, tenant_id, sla_check_at FROM complaints WHERE sla_check_at IS NOT NULL;
CREATE INDEX sla_checks_at ON sla_checks (check_at, complaint_id);
DROP INDEX complaints_sla_check;
CREATE TABLE complaint_sla (
    complaint_id  INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL,
    due_key       INTEGER NOT NULL,
    sla_state     TEXT NOT NULL,
    doc           TEXT NOT NULL
);
CREATE TABLE sla_inputs (
    complaint_id  INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    inputs        TEXT NOT NULL
);
CREATE TABLE sla_inputs_complete (tenant_id INTEGER PRIMARY KEY);
)sql",
    // 21: complaint_sla names the complaint's tenant, so that new values for a complaint that has a row already are
    // written by checking that row alone (its version is the complaint's, as any other write of the complaint drops
    // it) rather than by reading the complaint's sla_inputs row as well.
    R"sql(
ALTER TABLE complaint_sla ADD COLUMN tenant_id INTEGER NOT NULL DEFAULT 0;
UPDATE complaint_sla SET tenant_id = coalesce((SELECT c.tenant_id FROM complaints c WHERE c.id = complaint_id), 0);
)sql",
};

core::Result<int> UserVersion(Connection& connection) {
    auto statement = connection.Prepare("PRAGMA user_version");
    if (!statement) return tl::unexpected(statement.error());
    auto row = (*statement)->Step();
    if (!row) return tl::unexpected(row.error());
    int version = static_cast<int>((*statement)->Int(0));
    (*statement)->Reset();
    return version;
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

core::Result<int> Migrate(Connection& connection) {
    auto start = UserVersion(connection);
    if (!start) return start;
    if (*start > LatestSchemaVersion()) {
        return core::Fail(core::ErrorCode::kFailedPrecondition,
                          "database schema version " + std::to_string(*start) + " is newer than this heed (" +
                              std::to_string(LatestSchemaVersion()) + "); upgrade heed");
    }
    for (int version = *start; version < LatestSchemaVersion(); ++version) {
        std::string script = std::string("BEGIN IMMEDIATE;\n") + kMigrations[version] +
                             "\nPRAGMA user_version = " + std::to_string(version + 1) + ";\nCOMMIT;";
        if (auto ok = connection.Execute(script); !ok) {
            (void)connection.Execute("ROLLBACK");
            return tl::unexpected(ok.error());
        }
    }
    return *start;
}

}  // namespace heed::storage::sqlite
