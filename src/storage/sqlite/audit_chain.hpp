#pragma once
// The audit log: every change is appended, in the same transaction as the change, to a hash chain in which each
// record's MAC (keyed with the server key) covers its own fields — server time, actor, action, object — the digest
// of the object's stored state after the change, the digest of the events the change wrote, and the previous
// record's MAC. Verification walks the chain, compares the head with the anchor file kept beside the database, and
// checks that every complaint and event row is exactly what the chain attests, naming the first that is not.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

// Keyed MAC of a message, as lowercase hex. The same key must be used for the life of the database.
using MacFunction = std::function<std::string(std::string_view)>;

struct AuditEntry {
    core::TenantId tenant;
    core::Instant at{};
    std::string actor;
    std::string actor_role;
    std::string action;       // e.g. complaint.created, complaint.updated, token.created
    std::string object_type;  // complaint, token, user, tenant
    std::int64_t object_id = 0;
    std::int64_t events_from = 0;  // ids of the events this change wrote (0 when none)
    std::int64_t events_to = 0;
    std::string detail;  // what else the record attests, e.g. "role=agent team=east" (empty for complaint changes)
};

// The canonical texts that a complaint record's state and events digests cover: exactly what verification reads back
// from the rows, with integers as decimal text and kSeparator between columns.
inline constexpr char kAuditSeparator = '\x1f';

// The 15 stored columns of a complaint row that its state digest covers, in order.
struct ComplaintRowText {
    std::int64_t id = 0;
    std::int64_t tenant = 0;
    std::string_view number, status, channel, service_type, category, assignee;
    std::int64_t received_at = 0, due_key = 0;
    std::string_view source_ref;
    std::int64_t version = 0, updated_at = 0;
    std::string_view subject, description, doc;
};
std::string CanonicalStateText(const ComplaintRowText& row);

// One stored event row, appended to `out` as verification reads it (events of one change are appended in id order).
struct EventRowText {
    std::int64_t id = 0, tenant = 0, complaint = 0, at = 0;
    std::string_view actor, actor_role, kind, field, before, after, note;
};
void AppendCanonicalEventText(std::string& out, const EventRowText& row);

// Appends `entry` to the chain inside the caller's open transaction. For complaints, the state and events digests
// are computed from the rows as stored, so they match what verification will recompute.
core::Result<std::int64_t> AppendAudit(Connection& db, const MacFunction& mac, const AuditEntry& entry);

// The same, with the canonical texts of the complaint's row and of the events the change wrote built by the caller
// from the values it has just stored (CanonicalStateText, AppendCanonicalEventText), which spares reading them back.
// The caller guarantees they are what the rows now hold; verification recomputes them from the rows.
core::Result<std::int64_t> AppendAudit(Connection& db, const MacFunction& mac, const AuditEntry& entry,
                                       const std::string& state_text, const std::string& events_text);

// When the chain is empty but complaints exist (a database from before the audit log), appends a
// `complaint.baseline` record for every complaint as it is now and an `events.baseline` record for every run of
// consecutive event ids of one complaint, so verification covers the existing data from here on. Returns how many
// records it wrote (0 when there was nothing to seal).
core::Result<std::int64_t> SealExisting(Connection& db, const MacFunction& mac, core::Instant now);

struct AuditHead {
    std::int64_t seq = 0;
    std::string mac;
};
core::Result<AuditHead> ReadAuditHead(Connection& db);

// "<seq> <mac>\n" written atomically (temp file + rename) to `path`.
core::Result<void> WriteAnchor(const std::string& path, const AuditHead& head);

struct AuditReport {
    bool ok = true;
    std::int64_t records = 0;
    std::int64_t complaints = 0;
    std::int64_t events = 0;
    std::string problem;  // the first problem found, naming the record
};

// Checks the chain, the anchor (if `anchor_path` exists) and every complaint and event against it.
core::Result<AuditReport> VerifyAudit(Connection& db, const MacFunction& mac, const std::string& anchor_path);

}  // namespace heed::storage::sqlite
