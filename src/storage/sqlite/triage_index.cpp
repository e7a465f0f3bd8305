#include "storage/sqlite/triage_index.hpp"

#include "core/triage/fingerprint.hpp"
#include "storage/sqlite/row_codec.hpp"

namespace heed::storage::sqlite {

using core::Result;

namespace {

std::string JoinKeys(const std::vector<std::string>& keys) {
    std::string joined;
    for (const auto& key : keys) joined += (joined.empty() ? "" : " ") + key;
    return joined;
}

}  // namespace

Result<void> SyncTriageIndex(Connection& db, const core::complaint::Complaint& c,
                             const core::triage::IndexEntries& entries, bool fresh) {
    const std::int64_t id = c.id.value;
    const std::int64_t received = core::ToMillis(c.milestones.received_at);
    const std::string keys = JoinKeys(entries.contact_keys);
    // Most updates change neither contact details nor text: then the key and band rows stay as they are.
    bool keys_same = false, hash_same = false;
    if (!fresh) {
        auto s = db.Prepare("SELECT contact_keys, simhash FROM complaint_triage WHERE complaint_id = ?1");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, id);
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        if (*row) {
            keys_same = (*s)->Text(0) == keys;
            bool stored_null = (*s)->IsNull(1);
            hash_same = entries.simhash ? !stored_null && static_cast<std::uint64_t>((*s)->Int(1)) == *entries.simhash
                                        : stored_null;
        }
        (*s)->Reset();
    }
    auto upsert = db.Prepare(
        "INSERT INTO complaint_triage (complaint_id, tenant_id, received_at, category, repeat_count, compensated, "
        "customer, contact_keys, simhash, cluster, in_queue, text_digest, number) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
        "ON CONFLICT (complaint_id) DO UPDATE SET category = ?4, repeat_count = ?5, compensated = ?6, customer = ?7, "
        "contact_keys = ?8, simhash = ?9, cluster = ?10, in_queue = ?11, received_at = ?3, text_digest = ?12, "
        "number = ?13");
    if (!upsert) return tl::unexpected(upsert.error());
    Statement& u = **upsert;
    u.Bind(1, id).Bind(2, c.tenant.value).Bind(3, received).Bind(4, c.classification.category);
    u.Bind(5, std::int64_t{c.triage.repeat_count}).Bind(6, std::int64_t{entries.compensated ? 1 : 0});
    u.Bind(7, entries.customer).Bind(8, keys);
    if (entries.simhash)
        u.Bind(9, static_cast<std::int64_t>(*entries.simhash));
    else
        u.BindNull(9);
    u.Bind(10, c.links.incident_cluster).Bind(11, std::int64_t{entries.in_triage_queue ? 1 : 0});
    u.Bind(12, static_cast<std::int64_t>(entries.text_digest)).Bind(13, c.number);
    if (auto ok = u.Run(); !ok) return ok;

    if (!keys_same) {
        if (!fresh) {
            auto clear = db.Prepare("DELETE FROM complaint_contacts WHERE complaint_id = ?1");
            if (!clear) return tl::unexpected(clear.error());
            (*clear)->Bind(1, id);
            if (auto ok = (*clear)->Run(); !ok) return ok;
        }
        auto insert = db.Prepare(
            "INSERT OR IGNORE INTO complaint_contacts (tenant_id, contact, received_at, complaint_id) "
            "VALUES (?1, ?2, ?3, ?4)");
        if (!insert) return tl::unexpected(insert.error());
        for (const auto& key : entries.contact_keys) {
            (*insert)->Reset();
            (*insert)->Bind(1, c.tenant.value).Bind(2, key).Bind(3, received).Bind(4, id);
            if (auto ok = (*insert)->Run(); !ok) return ok;
        }
    }
    if (!hash_same) {
        if (!fresh) {
            auto clear = db.Prepare("DELETE FROM text_fingerprints WHERE complaint_id = ?1");
            if (!clear) return tl::unexpected(clear.error());
            (*clear)->Bind(1, id);
            if (auto ok = (*clear)->Run(); !ok) return ok;
        }
        if (entries.simhash) {
            // The four band rows in one statement.
            static_assert(core::triage::kFingerprintBands == 4, "one row per band below");
            auto insert = db.Prepare(
                "INSERT OR IGNORE INTO text_fingerprints (tenant_id, band, received_at, complaint_id) "
                "VALUES (?1, ?5, ?2, ?3), (?1, ?6, ?2, ?3), (?1, ?7, ?2, ?3), (?1, ?8, ?2, ?3)");
            if (!insert) return tl::unexpected(insert.error());
            (*insert)->Bind(1, c.tenant.value).Bind(2, received).Bind(3, id);
            const auto bands = core::triage::FingerprintBands(*entries.simhash);
            for (int i = 0; i < core::triage::kFingerprintBands; ++i) (*insert)->Bind(5 + i, bands[i]);
            if (auto ok = (*insert)->Run(); !ok) return ok;
        }
    }
    return {};
}

Result<void> DeleteTriageIndex(Connection& db, core::TenantId tenant, core::ComplaintId id) {
    for (const char* sql : {"DELETE FROM complaint_triage WHERE complaint_id = ?1 AND tenant_id = ?2",
                            "DELETE FROM complaint_contacts WHERE complaint_id = ?1 AND tenant_id = ?2",
                            "DELETE FROM text_fingerprints WHERE complaint_id = ?1 AND tenant_id = ?2",
                            "DELETE FROM triage_labels WHERE complaint_id = ?1 AND tenant_id = ?2"}) {
        auto s = db.Prepare(sql);
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, id.value).Bind(2, tenant.value);
        if (auto ok = (*s)->Run(); !ok) return ok;
    }
    return {};
}

Result<void> InsertTriageLabels(Connection& db, std::vector<core::triage::TriageLabel>& labels) {
    if (labels.empty()) return {};
    auto insert = db.Prepare(
        "INSERT INTO triage_labels (tenant_id, complaint_id, field, label, previous, previous_source, actor, at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert) return tl::unexpected(insert.error());
    for (auto& label : labels) {
        Statement& s = **insert;
        s.Reset();
        s.Bind(1, label.tenant.value).Bind(2, label.complaint.value).Bind(3, label.field).Bind(4, label.label);
        s.Bind(5, label.previous).Bind(6, label.previous_source).Bind(7, label.actor).Bind(8, core::ToMillis(label.at));
        if (auto ok = s.Run(); !ok) return ok;
        label.id = sqlite3_last_insert_rowid(db.handle());
    }
    return {};
}

Result<void> BackfillTriageIndex(Connection& db) {
    auto missing = db.Prepare(
        "SELECT count(*) FROM complaints c WHERE NOT EXISTS (SELECT 1 FROM complaint_triage t WHERE t.complaint_id = "
        "c.id)");
    if (!missing) return tl::unexpected(missing.error());
    auto row = (*missing)->Step();
    if (!row) return tl::unexpected(row.error());
    std::int64_t count = (*missing)->Int(0);
    (*missing)->Reset();
    if (count == 0) return {};
    std::int64_t after = 0;
    for (;;) {
        std::vector<core::complaint::Complaint> page;
        {
            auto s = db.Prepare(std::string("SELECT ") + kComplaintColumns +
                                " FROM complaints c WHERE c.id > ?1 AND NOT EXISTS (SELECT 1 FROM complaint_triage t "
                                "WHERE t.complaint_id = c.id) ORDER BY c.id LIMIT 500");
            if (!s) return tl::unexpected(s.error());
            (*s)->Bind(1, after);
            auto read = (*s)->ForEachRow([&](Statement& r) -> core::Result<void> {
                auto complaint = ReadComplaint(r);
                if (!complaint) return tl::unexpected(complaint.error());
                page.push_back(std::move(*complaint));
                return {};
            });
            if (!read) return tl::unexpected(read.error());
        }
        for (const auto& complaint : page) {
            if (auto ok = SyncTriageIndex(db, complaint, core::triage::IndexEntriesFor(complaint)); !ok) return ok;
        }
        if (page.size() < 500) return {};
        after = page.back().id.value;
    }
}

}  // namespace heed::storage::sqlite
