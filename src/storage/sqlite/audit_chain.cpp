#include "storage/sqlite/audit_chain.hpp"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <vector>

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;

namespace {

constexpr char kSeparator = kAuditSeparator;

void AppendInteger(std::string& out, std::int64_t value) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, end);
}

// The canonical text of a complaint row: every stored column, in a fixed order.
Result<std::string> ComplaintStateText(Connection& db, std::int64_t id) {
    auto s = db.Prepare(
        "SELECT tenant_id, number, status, channel, service_type, category, assignee, received_at, due_key, "
        "source_ref, version, updated_at, subject, description, doc FROM complaints WHERE id = ?1");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, id);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) {
        (*s)->Reset();
        return std::string("<absent>");
    }
    std::string text = std::to_string(id);
    for (int column = 0; column < 15; ++column) {
        text += kSeparator;
        text += (*s)->Text(column);
    }
    (*s)->Reset();
    return text;
}

// The canonical text of a complaint's events with ids in [from, to].
Result<std::string> EventsText(Connection& db, std::int64_t complaint, std::int64_t from, std::int64_t to) {
    auto s = db.Prepare(
        "SELECT id, tenant_id, complaint_id, at, actor, actor_role, kind, field, before_value, after_value, note "
        "FROM events WHERE id BETWEEN ?1 AND ?2 ORDER BY id");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, from).Bind(2, to);
    std::string text;
    auto read = (*s)->ForEachRow([&](Statement& r) {
        if (r.Int(2) != complaint) text += "<foreign>";
        for (int column = 0; column < 11; ++column) {
            text += r.Text(column);
            text += kSeparator;
        }
        text += '\n';
    });
    if (!read) return tl::unexpected(read.error());
    return text;
}

std::string RecordText(std::int64_t seq, const AuditEntry& e, const std::string& state, const std::string& events,
                       const std::string& previous) {
    std::string text = std::to_string(seq);
    for (const std::string& part : {std::to_string(e.tenant.value), std::to_string(core::ToMillis(e.at)), e.actor,
                                    e.actor_role, e.action, e.object_type, std::to_string(e.object_id),
                                    std::to_string(e.events_from), std::to_string(e.events_to), state, events,
                                    previous}) {
        text += kSeparator;
        text += part;
    }
    // Records written before details existed have none; leaving the part out keeps their MACs valid.
    if (!e.detail.empty()) {
        text += kSeparator;
        text += e.detail;
    }
    return text;
}

Result<std::string> StateDigest(Connection& db, const MacFunction& mac, const AuditEntry& e) {
    if (e.object_type != "complaint") return std::string();
    auto text = ComplaintStateText(db, e.object_id);
    if (!text) return tl::unexpected(text.error());
    return mac(*text);
}

Result<std::string> EventsDigest(Connection& db, const MacFunction& mac, const AuditEntry& e) {
    if (e.events_from == 0) return std::string();
    auto text = EventsText(db, e.object_id, e.events_from, e.events_to);
    if (!text) return tl::unexpected(text.error());
    return mac(*text);
}

}  // namespace

Result<AuditHead> ReadAuditHead(Connection& db) {
    auto s = db.Prepare("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!s) return tl::unexpected(s.error());
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    AuditHead head;
    if (*row) head = {(*s)->Int(0), (*s)->Text(1)};
    (*s)->Reset();
    return head;
}

namespace {

Result<std::int64_t> InsertRecord(Connection& db, const MacFunction& mac, const AuditEntry& e, const AuditHead& head,
                                  const std::string& state, const std::string& events) {
    std::int64_t seq = head.seq + 1;
    std::string record_mac = mac(RecordText(seq, e, state, events, head.mac));
    auto s = db.Prepare(
        "INSERT INTO audit_log (seq, tenant_id, at, actor, actor_role, action, object_type, object_id, events_from, "
        "events_to, state_digest, events_digest, prev_mac, mac, detail) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!s) return tl::unexpected(s.error());
    Statement& st = **s;
    st.Bind(1, seq).Bind(2, e.tenant.value).Bind(3, core::ToMillis(e.at)).Bind(4, e.actor).Bind(5, e.actor_role);
    st.Bind(6, e.action).Bind(7, e.object_type).Bind(8, e.object_id).Bind(9, e.events_from).Bind(10, e.events_to);
    st.Bind(11, state).Bind(12, events).Bind(13, head.mac).Bind(14, record_mac).Bind(15, e.detail);
    if (auto ok = st.Run(); !ok) return tl::unexpected(ok.error());
    return seq;
}

}  // namespace

std::string CanonicalStateText(const ComplaintRowText& r) {
    std::string text;
    text.reserve(r.number.size() + r.status.size() + r.channel.size() + r.service_type.size() + r.category.size() +
                 r.assignee.size() + r.source_ref.size() + r.subject.size() + r.description.size() + r.doc.size() +
                 128);
    AppendInteger(text, r.id);
    auto text_column = [&text](std::string_view value) {
        text += kSeparator;
        text.append(value);
    };
    auto integer_column = [&text](std::int64_t value) {
        text += kSeparator;
        AppendInteger(text, value);
    };
    integer_column(r.tenant);
    text_column(r.number);
    text_column(r.status);
    text_column(r.channel);
    text_column(r.service_type);
    text_column(r.category);
    text_column(r.assignee);
    integer_column(r.received_at);
    integer_column(r.due_key);
    text_column(r.source_ref);
    integer_column(r.version);
    integer_column(r.updated_at);
    text_column(r.subject);
    text_column(r.description);
    text_column(r.doc);
    return text;
}

void AppendCanonicalEventText(std::string& out, const EventRowText& r) {
    auto integer_column = [&out](std::int64_t value) {
        AppendInteger(out, value);
        out += kSeparator;
    };
    auto text_column = [&out](std::string_view value) {
        out.append(value);
        out += kSeparator;
    };
    integer_column(r.id);
    integer_column(r.tenant);
    integer_column(r.complaint);
    integer_column(r.at);
    text_column(r.actor);
    text_column(r.actor_role);
    text_column(r.kind);
    text_column(r.field);
    text_column(r.before);
    text_column(r.after);
    text_column(r.note);
    out += '\n';
}

Result<std::int64_t> AppendAudit(Connection& db, const MacFunction& mac, const AuditEntry& e) {
    auto head = ReadAuditHead(db);
    if (!head) return tl::unexpected(head.error());
    auto state = StateDigest(db, mac, e);
    if (!state) return tl::unexpected(state.error());
    auto events = EventsDigest(db, mac, e);
    if (!events) return tl::unexpected(events.error());
    return InsertRecord(db, mac, e, *head, *state, *events);
}

Result<std::int64_t> AppendAudit(Connection& db, const MacFunction& mac, const AuditEntry& e,
                                 const std::string& state_text, const std::string& events_text) {
    auto head = ReadAuditHead(db);
    if (!head) return tl::unexpected(head.error());
    std::string state = e.object_type == "complaint" ? mac(state_text) : std::string();
    std::string events = e.events_from == 0 ? std::string() : mac(events_text);
    return InsertRecord(db, mac, e, *head, state, events);
}

Result<std::int64_t> SealExisting(Connection& db, const MacFunction& mac, core::Instant now) {
    auto head = ReadAuditHead(db);
    if (!head) return tl::unexpected(head.error());
    if (head->seq > 0) return std::int64_t{0};
    struct Run {
        std::int64_t tenant, complaint, from, to;
    };
    std::vector<std::pair<std::int64_t, std::int64_t>> complaints;  // id, tenant
    std::vector<Run> runs;
    {
        auto s = db.Prepare("SELECT id, tenant_id FROM complaints ORDER BY id");
        if (!s) return tl::unexpected(s.error());
        auto read = (*s)->ForEachRow([&](Statement& r) { complaints.emplace_back(r.Int(0), r.Int(1)); });
        if (!read) return tl::unexpected(read.error());
    }
    if (complaints.empty()) return std::int64_t{0};
    {
        auto s = db.Prepare("SELECT id, tenant_id, complaint_id FROM events ORDER BY id");
        if (!s) return tl::unexpected(s.error());
        auto read = (*s)->ForEachRow([&](Statement& r) {
            std::int64_t id = r.Int(0), tenant = r.Int(1), complaint = r.Int(2);
            if (!runs.empty() && runs.back().complaint == complaint && runs.back().to == id - 1) {
                runs.back().to = id;
            } else {
                runs.push_back({tenant, complaint, id, id});
            }
        });
        if (!read) return tl::unexpected(read.error());
    }
    std::int64_t written = 0;
    for (const auto& [id, tenant] : complaints) {
        AuditEntry entry{core::TenantId{tenant}, now, "system", "system", "complaint.baseline", "complaint", id, 0, 0,
                         "sealed when the audit log was introduced"};
        if (auto ok = AppendAudit(db, mac, entry); !ok) return tl::unexpected(ok.error());
        ++written;
    }
    for (const auto& run : runs) {
        AuditEntry entry{core::TenantId{run.tenant}, now, "system", "system", "events.baseline", "complaint",
                         run.complaint, run.from, run.to, ""};
        if (auto ok = AppendAudit(db, mac, entry); !ok) return tl::unexpected(ok.error());
        ++written;
    }
    return written;
}

Result<void> WriteAnchor(const std::string& path, const AuditHead& head) {
    std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << head.seq << " " << head.mac << "\n";
        if (!out.flush()) return Fail(ErrorCode::kUnavailable, "cannot write the audit anchor " + path);
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        return Fail(ErrorCode::kUnavailable, "cannot replace the audit anchor " + path);
    }
    return {};
}

Result<AuditReport> VerifyAudit(Connection& db, const MacFunction& mac, const std::string& anchor_path) {
    AuditReport report;
    auto fail = [&report](std::string problem) {
        report.ok = false;
        report.problem = std::move(problem);
        return report;
    };
    auto s = db.Prepare(
        "SELECT seq, tenant_id, at, actor, actor_role, action, object_type, object_id, events_from, events_to, "
        "state_digest, events_digest, prev_mac, mac, detail FROM audit_log ORDER BY seq");
    if (!s) return tl::unexpected(s.error());
    std::string previous;
    std::int64_t expected_seq = 1;
    std::map<std::int64_t, std::pair<std::int64_t, std::string>> latest_state;  // complaint → (seq, digest)
    struct EventRange {
        std::int64_t seq, complaint, from, to;
        std::string digest;
    };
    std::vector<EventRange> ranges;
    std::map<std::int64_t, std::string> macs_by_seq;
    for (;;) {
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        if (!*row) break;
        Statement& r = **s;
        std::int64_t seq = r.Int(0);
        AuditEntry e{core::TenantId{r.Int(1)}, core::FromMillis(r.Int(2)), r.Text(3), r.Text(4), r.Text(5),
                     r.Text(6), r.Int(7), r.Int(8), r.Int(9), r.Text(14)};
        std::string state = r.Text(10), events = r.Text(11), prev = r.Text(12), stored = r.Text(13);
        if (seq != expected_seq) {
            (*s)->Reset();
            return fail("audit record " + std::to_string(expected_seq) + " is missing (next is " +
                        std::to_string(seq) + "): deleted or renumbered");
        }
        if (prev != previous || mac(RecordText(seq, e, state, events, prev)) != stored) {
            (*s)->Reset();
            return fail("audit record " + std::to_string(seq) + " (" + e.action + " " + e.object_type + " " +
                        std::to_string(e.object_id) + ") was altered or inserted: its MAC does not match");
        }
        if (e.object_type == "complaint" && e.action == "complaint.deleted") {
            // Removed by retention: the complaint and its events are legitimately gone from here on.
            latest_state.erase(e.object_id);
            std::erase_if(ranges, [&](const EventRange& r) { return r.complaint == e.object_id; });
        } else if (e.object_type == "complaint" && (e.action == "complaint.created" || e.action == "complaint.updated" ||
                                                    e.action == "complaint.baseline")) {
            // Records that only mention a complaint (complaint.contact_viewed …) attest nothing about its row.
            latest_state[e.object_id] = {seq, state};
        }
        if (e.events_from) ranges.push_back({seq, e.object_id, e.events_from, e.events_to, events});
        previous = stored;
        macs_by_seq[seq] = stored;
        ++expected_seq;
        ++report.records;
    }
    if (std::ifstream anchor(anchor_path); anchor) {
        std::int64_t seq = 0;
        std::string anchored;
        anchor >> seq >> anchored;
        auto it = macs_by_seq.find(seq);
        if (seq > 0 && (it == macs_by_seq.end() || it->second != anchored)) {
            return fail("the chain does not contain the anchored record " + std::to_string(seq) +
                        ": records were deleted from its end or the chain was rewritten");
        }
    }
    // Every complaint row must be what its latest audit record attests; no row may lack one.
    auto ids = db.Prepare("SELECT id FROM complaints ORDER BY id");
    if (!ids) return tl::unexpected(ids.error());
    auto complaint_ids = (*ids)->Collect([](Statement& r) { return r.Int(0); });
    if (!complaint_ids) return tl::unexpected(complaint_ids.error());
    for (std::int64_t id : *complaint_ids) {
        auto it = latest_state.find(id);
        if (it == latest_state.end()) return fail("complaint " + std::to_string(id) + " has no audit record: inserted");
        auto text = ComplaintStateText(db, id);
        if (!text) return tl::unexpected(text.error());
        if (mac(*text) != it->second.second) {
            return fail("complaint " + std::to_string(id) + " differs from what audit record " +
                        std::to_string(it->second.first) + " attests: altered");
        }
        latest_state.erase(it);
        ++report.complaints;
    }
    if (!latest_state.empty()) {
        return fail("complaint " + std::to_string(latest_state.begin()->first) + " is attested by audit record " +
                    std::to_string(latest_state.begin()->second.first) + " but missing: deleted");
    }
    std::int64_t covered = 0;
    for (const auto& range : ranges) {
        auto text = EventsText(db, range.complaint, range.from, range.to);
        if (!text) return tl::unexpected(text.error());
        if (mac(*text) != range.digest) {
            return fail("events " + std::to_string(range.from) + "–" + std::to_string(range.to) + " of complaint " +
                        std::to_string(range.complaint) + " differ from audit record " + std::to_string(range.seq) +
                        ": altered, inserted or deleted");
        }
        covered += range.to - range.from + 1;
    }
    auto count = db.Prepare("SELECT count(*) FROM events");
    if (!count) return tl::unexpected(count.error());
    if (auto row = (*count)->Step(); !row || !*row) return Fail(ErrorCode::kInternal, "cannot count events");
    std::int64_t events = (*count)->Int(0);
    (*count)->Reset();
    if (events != covered) {
        return fail(std::to_string(events - covered) + " event rows are not covered by any audit record: inserted");
    }
    report.events = events;
    return report;
}

}  // namespace heed::storage::sqlite
