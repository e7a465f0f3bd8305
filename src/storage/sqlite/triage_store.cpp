// The TriageStore side of SqliteComplaintStore: rules (definition kept as JSON), thresholds (a tenant setting),
// labels and the indexed lookups over the tables of migration 7.

#include <nlohmann/json.hpp>

#include "core/triage/fingerprint.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::triage::Rule;
using nlohmann::json;
namespace ports = core::ports;
namespace complaint = core::complaint;

namespace {

template <typename E, std::size_t N>
json Names(const std::vector<E>& values, const core::EnumNames<E, N>& names) {
    json out = json::array();
    for (auto value : values) out.push_back(core::NameOf(names, value));
    return out;
}

template <typename E, std::size_t N>
std::vector<E> Values(const json& doc, const char* key, const core::EnumNames<E, N>& names) {
    std::vector<E> out;
    if (auto it = doc.find(key); it != doc.end() && it->is_array()) {
        for (const auto& item : *it) {
            if (auto value = core::ValueOf(names, item.get<std::string>())) out.push_back(*value);
        }
    }
    return out;
}

std::vector<std::string> Strings(const json& doc, const char* key) {
    auto it = doc.find(key);
    return it != doc.end() && it->is_array() ? it->get<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string EncodeRule(const Rule& rule) {
    const auto& w = rule.when;
    const auto& t = rule.then;
    json when{{"categories", w.categories},
              {"channels", Names(w.channels, complaint::kChannelNames)},
              {"tiers", Names(w.tiers, complaint::kCustomerTierNames)},
              {"urgencies", Names(w.urgencies, complaint::kUrgencyNames)},
              {"service_types", Names(w.service_types, complaint::kServiceTypeNames)},
              {"keywords_any", w.keywords_any},
              {"keywords_all", w.keywords_all},
              {"regex", w.regex}};
    if (w.severity_min) when["severity_min"] = *w.severity_min;
    if (w.severity_max) when["severity_max"] = *w.severity_max;
    json then{{"set", t.set},
              {"add_tags", t.add_tags},
              {"risk_flags", Names(t.risk_flags, complaint::kRiskFlagNames)},
              {"escalate", t.escalate},
              {"team", t.team},
              {"department", t.department}};
    return json{{"when", when}, {"then", then}}.dump();
}

Result<Rule> ReadRule(const Statement& s) {
    Rule rule;
    rule.id = core::triage::RuleId{s.Int(0)};
    rule.tenant = core::TenantId{s.Int(1)};
    rule.name = s.Text(2);
    rule.priority = static_cast<int>(s.Int(3));
    rule.enabled = s.Int(4) != 0;
    json doc = json::parse(s.Text(5), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return Fail(ErrorCode::kInternal, "rule " + std::to_string(rule.id.value) + " has a damaged definition");
    }
    const json& w = doc.value("when", json::object());
    const json& t = doc.value("then", json::object());
    rule.when.categories = Strings(w, "categories");
    rule.when.channels = Values(w, "channels", complaint::kChannelNames);
    rule.when.tiers = Values(w, "tiers", complaint::kCustomerTierNames);
    rule.when.urgencies = Values(w, "urgencies", complaint::kUrgencyNames);
    rule.when.service_types = Values(w, "service_types", complaint::kServiceTypeNames);
    if (w.contains("severity_min")) rule.when.severity_min = w.at("severity_min").get<int>();
    if (w.contains("severity_max")) rule.when.severity_max = w.at("severity_max").get<int>();
    rule.when.keywords_any = Strings(w, "keywords_any");
    rule.when.keywords_all = Strings(w, "keywords_all");
    rule.when.regex = w.value("regex", "");
    if (auto it = t.find("set"); it != t.end() && it->is_object()) {
        rule.then.set = it->get<std::map<std::string, std::string>>();
    }
    rule.then.add_tags = Strings(t, "add_tags");
    rule.then.risk_flags = Values(t, "risk_flags", complaint::kRiskFlagNames);
    rule.then.escalate = t.value("escalate", false);
    rule.then.team = t.value("team", "");
    rule.then.department = t.value("department", "");
    rule.version = s.Int(6);
    rule.created_at = core::FromMillis(s.Int(7));
    rule.updated_at = core::FromMillis(s.Int(8));
    return rule;
}

constexpr const char* kRuleColumns =
    "id, tenant_id, name, priority, enabled, definition, version, created_at, updated_at";

template <typename T>
Result<T> Guard(const std::function<Result<T>()>& body) {
    try {
        return body();
    } catch (const std::exception& e) {
        return Fail(ErrorCode::kInternal, std::string("storage failure: ") + e.what());
    }
}

}  // namespace

Result<std::vector<Rule>> SqliteComplaintStore::Rules(core::TenantId tenant) {
    auto reader = AcquireReader();
    return Guard<std::vector<Rule>>([&]() -> Result<std::vector<Rule>> {
        auto s = (*reader).Prepare(std::string("SELECT ") + kRuleColumns +
                                   " FROM triage_rules WHERE tenant_id = ?1 ORDER BY priority, id");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value);
        std::vector<Rule> rules;
        auto read = (*s)->ForEachRow([&](Statement& r) -> Result<void> {
            auto rule = ReadRule(r);
            if (!rule) return tl::unexpected(rule.error());
            rules.push_back(std::move(*rule));
            return {};
        });
        if (!read) return tl::unexpected(read.error());
        return rules;
    });
}

Result<Rule> SqliteComplaintStore::GetRule(core::TenantId tenant, core::triage::RuleId id) {
    auto reader = AcquireReader();
    return Guard<Rule>([&]() -> Result<Rule> {
        auto s = (*reader).Prepare(std::string("SELECT ") + kRuleColumns +
                                   " FROM triage_rules WHERE tenant_id = ?1 AND id = ?2");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, id.value);
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        if (!*row) return Fail(ErrorCode::kNotFound, "rule not found");
        auto rule = ReadRule(**s);
        (*s)->Reset();
        return rule;
    });
}

Result<Rule> SqliteComplaintStore::CreateRule(Rule rule) {
    std::string definition = EncodeRule(rule);
    return writes_->Submit<Rule>([&rule, &definition](Connection& db) -> Result<Rule> {
        return Guard<Rule>([&]() -> Result<Rule> {
            auto s = db.Prepare(
                "INSERT INTO triage_rules (tenant_id, name, priority, enabled, definition, version, created_at, "
                "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7)");
            if (!s) return tl::unexpected(s.error());
            (*s)->Bind(1, rule.tenant.value).Bind(2, rule.name).Bind(3, std::int64_t{rule.priority});
            (*s)->Bind(4, std::int64_t{rule.enabled ? 1 : 0}).Bind(5, definition);
            (*s)->Bind(6, core::ToMillis(rule.created_at)).Bind(7, core::ToMillis(rule.updated_at));
            if (auto ok = (*s)->Run(); !ok) return tl::unexpected(ok.error());
            rule.id = core::triage::RuleId{sqlite3_last_insert_rowid(db.handle())};
            rule.version = 1;
            return rule;
        });
    });
}

Result<Rule> SqliteComplaintStore::UpdateRule(Rule rule, std::int64_t expected_version) {
    std::string definition = EncodeRule(rule);
    return writes_->Submit<Rule>([&rule, &definition, expected_version](Connection& db) -> Result<Rule> {
        return Guard<Rule>([&]() -> Result<Rule> {
            auto s = db.Prepare(
                "UPDATE triage_rules SET name = ?1, priority = ?2, enabled = ?3, definition = ?4, "
                "version = version + 1, updated_at = ?5 WHERE tenant_id = ?6 AND id = ?7 AND version = ?8 "
                "RETURNING version, created_at");
            if (!s) return tl::unexpected(s.error());
            (*s)->Bind(1, rule.name).Bind(2, std::int64_t{rule.priority}).Bind(3, std::int64_t{rule.enabled ? 1 : 0});
            (*s)->Bind(4, definition).Bind(5, core::ToMillis(rule.updated_at)).Bind(6, rule.tenant.value);
            (*s)->Bind(7, rule.id.value).Bind(8, expected_version);
            auto row = (*s)->Step();
            if (!row) return tl::unexpected(row.error());
            if (!*row) {
                auto probe = db.Prepare("SELECT version FROM triage_rules WHERE tenant_id = ?1 AND id = ?2");
                if (!probe) return tl::unexpected(probe.error());
                (*probe)->Bind(1, rule.tenant.value).Bind(2, rule.id.value);
                auto found = (*probe)->Step();
                if (!found) return tl::unexpected(found.error());
                if (!*found) return Fail(ErrorCode::kNotFound, "rule not found");
                std::int64_t stored = (*probe)->Int(0);
                (*probe)->Reset();
                return Fail(
                    ErrorCode::kConflict,
                    "rule was changed by someone else (version " + std::to_string(stored) + "); reload and retry",
                    "version");
            }
            rule.version = (*s)->Int(0);
            rule.created_at = core::FromMillis((*s)->Int(1));
            (*s)->Reset();
            return rule;
        });
    });
}

Result<void> SqliteComplaintStore::DeleteRule(core::TenantId tenant, core::triage::RuleId id) {
    return writes_->Submit<void>([tenant, id](Connection& db) -> Result<void> {
        auto s = db.Prepare("DELETE FROM triage_rules WHERE tenant_id = ?1 AND id = ?2 RETURNING id");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, id.value);
        auto row = (*s)->Step();
        if (!row) return tl::unexpected(row.error());
        bool found = *row;
        (*s)->Reset();
        if (!found) return Fail(ErrorCode::kNotFound, "rule not found");
        return {};
    });
}

Result<ports::TriageThresholds> SqliteComplaintStore::Thresholds(core::TenantId tenant) {
    auto reader = AcquireReader();
    auto s = (*reader).Prepare("SELECT value FROM tenant_settings WHERE tenant_id = ?1 AND key = 'triage.thresholds'");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value);
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    ports::TriageThresholds thresholds;
    if (*row) {
        json doc = json::parse((*s)->Text(0), nullptr, false);
        if (doc.is_object()) {
            for (const auto& [field, value] : doc.items()) {
                if (value.is_number()) thresholds[field] = value.get<double>();
            }
        }
    }
    (*s)->Reset();
    return thresholds;
}

Result<void> SqliteComplaintStore::SetThresholds(core::TenantId tenant, const ports::TriageThresholds& thresholds) {
    std::string value = json(thresholds).dump();
    return writes_->Submit<void>([tenant, &value](Connection& db) -> Result<void> {
        auto s = db.Prepare(
            "INSERT INTO tenant_settings (tenant_id, key, value) VALUES (?1, 'triage.thresholds', ?2) "
            "ON CONFLICT (tenant_id, key) DO UPDATE SET value = ?2");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, value);
        return (*s)->Run();
    });
}

Result<std::vector<ports::ContactMatch>> SqliteComplaintStore::ByContact(core::TenantId tenant,
                                                                         const std::vector<std::string>& keys,
                                                                         core::Instant since, int limit) {
    std::vector<ports::ContactMatch> matches;
    if (keys.empty()) return matches;
    // One newest-first index walk per key, each cut at `limit`: a customer with thousands of complaints costs the
    // same as one with three. A single key (most customers give one contact detail) is that walk joined to the
    // triage rows in the key's own order; several are walked apart and merged (a union, then a sort).
    std::string sql = "SELECT t.complaint_id, t.number, t.category, t.received_at, t.repeat_count, t.compensated ";
    if (keys.size() == 1) {
        sql += "FROM complaint_contacts c JOIN complaint_triage t ON t.complaint_id = c.complaint_id "
               "WHERE c.tenant_id = ?1 AND c.contact = ?4 AND c.received_at >= ?2 "
               "ORDER BY c.received_at DESC, c.complaint_id DESC LIMIT ?3";
    } else {
        std::string in;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            in += std::string(i ? " UNION " : "") +
                  "SELECT complaint_id FROM (SELECT complaint_id FROM complaint_contacts WHERE tenant_id = ?1 AND "
                  "contact = ?" +
                  std::to_string(i + 4) + " AND received_at >= ?2 ORDER BY received_at DESC LIMIT ?3)";
        }
        sql += "FROM complaint_triage t WHERE t.complaint_id IN (" + in +
               ") ORDER BY t.received_at DESC, t.complaint_id DESC LIMIT ?3";
    }
    auto reader = AcquireReader();
    return Guard<std::vector<ports::ContactMatch>>([&]() -> Result<std::vector<ports::ContactMatch>> {
        auto s = (*reader).Prepare(sql);
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, core::ToMillis(since)).Bind(3, std::int64_t{limit});
        for (std::size_t i = 0; i < keys.size(); ++i) (*s)->Bind(static_cast<int>(i + 4), keys[i]);
        auto read = (*s)->ForEachRow([&](Statement& r) {
            matches.push_back({core::ComplaintId{r.Int(0)}, r.Text(1), r.Text(2), core::FromMillis(r.Int(3)),
                               static_cast<int>(r.Int(4)), r.Int(5) != 0});
        });
        if (!read) return tl::unexpected(read.error());
        return matches;
    });
}

// One newest-first walk of the (tenant, band, received_at) key per band, each cut at the limit: a mass incident of
// thousands of identical complaints costs each intake the same as a pair. The walks yield (received_at, id) from the
// key itself (a band row's received_at is its complaint's, which never changes), so the newest `limit` candidates are
// chosen before any row is read: only those are looked up in complaint_triage (which holds the number, so the
// complaint rows are not read), not every candidate of the four walks.
const std::string kBandWalks = [] {
    std::string sql;
    for (int i = 0; i < core::triage::kFingerprintBands; ++i) {
        sql += std::string(i ? " UNION " : "") +
               "SELECT * FROM (SELECT received_at, complaint_id FROM text_fingerprints WHERE tenant_id = ?1 AND "
               "band = ?" +
               std::to_string(i + 4) + " AND received_at >= ?2 ORDER BY received_at DESC LIMIT ?3)";
    }
    return sql;
}();

Result<std::vector<ports::TextMatch>> SqliteComplaintStore::ByFingerprint(core::TenantId tenant, std::uint64_t simhash,
                                                                          core::Instant since, int limit) {
    auto bands = core::triage::FingerprintBands(simhash);
    auto reader = AcquireReader();
    return Guard<std::vector<ports::TextMatch>>([&]() -> Result<std::vector<ports::TextMatch>> {
        // The window in memory answers when it reflects the database as it is now (another process may have
        // written: then SQL answers, and the writer reads the window again) and reaches back to `since`.
        if (options_.fingerprint_window.count() > 0) {
            auto current = InMemoryCurrent(*reader);
            if (!current) return tl::unexpected(current.error());
            if (*current) {
                if (auto found = fingerprints_.Find(tenant.value, simhash, core::ToMillis(since), limit)) return *found;
            }
        }
        auto s = (*reader).Prepare(
            "SELECT t.complaint_id, t.number, t.simhash, t.customer, t.cluster, t.received_at, t.text_digest "
            "FROM (SELECT received_at, complaint_id FROM (" +
            kBandWalks +
            ") ORDER BY received_at DESC, complaint_id DESC LIMIT ?3) w JOIN complaint_triage t ON t.complaint_id = "
            "w.complaint_id ORDER BY t.received_at DESC, t.complaint_id DESC");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, core::ToMillis(since)).Bind(3, std::int64_t{limit});
        for (int i = 0; i < core::triage::kFingerprintBands; ++i) (*s)->Bind(i + 4, bands[i]);
        return (*s)->Collect([](Statement& r) -> ports::TextMatch {
            return {core::ComplaintId{r.Int(0)}, r.Text(1), static_cast<std::uint64_t>(r.Int(2)), r.Text(3), r.Text(4),
                    core::FromMillis(r.Int(5)), static_cast<std::uint64_t>(r.Int(6))};
        });
    });
}

Result<std::vector<ports::ClusterSummary>> SqliteComplaintStore::Clusters(core::TenantId tenant, core::Instant since,
                                                                          int limit) {
    auto reader = AcquireReader();
    return Guard<std::vector<ports::ClusterSummary>>([&]() -> Result<std::vector<ports::ClusterSummary>> {
        auto s = (*reader).Prepare(
            "SELECT cluster, count(*), count(DISTINCT CASE WHEN customer = '' THEN 'n' || complaint_id ELSE customer "
            "END), min(received_at), max(received_at) FROM complaint_triage WHERE tenant_id = ?1 AND cluster <> '' "
            "GROUP BY cluster HAVING max(received_at) >= ?2 ORDER BY 3 DESC, 5 DESC LIMIT ?3");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, core::ToMillis(since)).Bind(3, std::int64_t{limit});
        return (*s)->Collect([](Statement& r) -> ports::ClusterSummary {
            return {r.Text(0), r.Int(1), r.Int(2), core::FromMillis(r.Int(3)), core::FromMillis(r.Int(4))};
        });
    });
}

Result<std::vector<core::ComplaintId>> SqliteComplaintStore::ClusterMembers(core::TenantId tenant,
                                                                            const std::string& cluster) {
    auto reader = AcquireReader();
    return Guard<std::vector<core::ComplaintId>>([&]() -> Result<std::vector<core::ComplaintId>> {
        auto s = (*reader).Prepare(
            "SELECT complaint_id FROM complaint_triage WHERE tenant_id = ?1 AND cluster = ?2 "
            "ORDER BY received_at, complaint_id");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, cluster);
        return (*s)->Collect([](Statement& r) { return core::ComplaintId{r.Int(0)}; });
    });
}

Result<std::vector<core::triage::TriageLabel>> SqliteComplaintStore::Labels(core::TenantId tenant, std::int64_t after,
                                                                            int limit) {
    auto reader = AcquireReader();
    return Guard<std::vector<core::triage::TriageLabel>>([&]() -> Result<std::vector<core::triage::TriageLabel>> {
        auto s = (*reader).Prepare(
            "SELECT l.id, l.tenant_id, l.complaint_id, l.field, l.label, l.previous, l.previous_source, l.actor, l.at, "
            "c.subject, c.description FROM triage_labels l JOIN complaints c ON c.id = l.complaint_id "
            "AND c.tenant_id = l.tenant_id WHERE l.tenant_id = ?1 AND l.id > ?2 AND l.id = (SELECT max(m.id) FROM "
            "triage_labels m WHERE m.complaint_id = l.complaint_id AND m.field = l.field) ORDER BY l.id LIMIT ?3");
        if (!s) return tl::unexpected(s.error());
        (*s)->Bind(1, tenant.value).Bind(2, after).Bind(3, std::int64_t{limit});
        return (*s)->Collect([](Statement& r) -> core::triage::TriageLabel {
            return {r.Int(0), core::TenantId{r.Int(1)}, core::ComplaintId{r.Int(2)}, r.Text(3), r.Text(4), r.Text(5),
                    r.Text(6), r.Text(7), core::FromMillis(r.Int(8)), r.Text(9) + "\n" + r.Text(10)};
        });
    });
}

}  // namespace heed::storage::sqlite
