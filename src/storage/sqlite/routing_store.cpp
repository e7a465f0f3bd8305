#include "storage/sqlite/routing_store.hpp"

#include <nlohmann/json.hpp>

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;
namespace routing = core::routing;

namespace {

constexpr const char* kTeamColumns = "name, lead, department, updated_at, tenant_id";
constexpr const char* kAgentColumns =
    "username, categories, languages, channels, level, capacity, status, updated_at, tenant_id";

routing::Team ReadTeam(const Statement& s) {
    return routing::Team{core::TenantId{s.Int(4)}, s.Text(0), s.Text(1), s.Int(2) != 0, core::FromMillis(s.Int(3))};
}

std::vector<std::string> TextList(const std::string& json_text) {
    std::vector<std::string> out;
    auto parsed = nlohmann::json::parse(json_text, nullptr, false);
    if (!parsed.is_array()) return out;
    for (const auto& item : parsed) {
        if (item.is_string()) out.push_back(item.get<std::string>());
    }
    return out;
}

routing::AgentProfile ReadAgent(const Statement& s) {
    routing::AgentProfile p;
    p.username = s.Text(0);
    p.skills.categories = TextList(s.Text(1));
    p.skills.languages = TextList(s.Text(2));
    for (const auto& name : TextList(s.Text(3))) {
        if (auto channel = core::ValueOf(core::complaint::kChannelNames, name)) p.skills.channels.push_back(*channel);
    }
    p.level = core::ValueOf(routing::kLevelNames, s.Text(4)).value_or(routing::Level::kJunior);
    p.capacity = static_cast<int>(s.Int(5));
    p.status = core::ValueOf(routing::kWorkStatusNames, s.Text(6)).value_or(routing::WorkStatus::kOffline);
    p.updated_at = core::FromMillis(s.Int(7));
    p.tenant = core::TenantId{s.Int(8)};
    return p;
}

}  // namespace

Result<std::unique_ptr<SqliteRoutingStore>> SqliteRoutingStore::Open(const std::string& path) {
    auto db = Connection::Open(path, false);
    if (!db) return tl::unexpected(db.error());
    return std::unique_ptr<SqliteRoutingStore>(new SqliteRoutingStore(std::move(*db)));
}

Result<void> SqliteRoutingStore::PutTeam(const routing::Team& team) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO teams (tenant_id, name, lead, department, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (tenant_id, name) DO UPDATE SET lead = excluded.lead, department = excluded.department, "
        "updated_at = excluded.updated_at");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, team.tenant.value).Bind(2, std::string_view(team.name)).Bind(3, std::string_view(team.lead));
    (*s)->Bind(4, std::int64_t{team.department ? 1 : 0}).Bind(5, core::ToMillis(team.updated_at));
    return (*s)->Run();
}

Result<routing::Team> SqliteRoutingStore::FindTeam(core::TenantId tenant, const std::string& name) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string("SELECT ") + kTeamColumns + " FROM teams WHERE tenant_id = ?1 AND name = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, std::string_view(name));
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) {
        (*s)->Reset();
        return Fail(ErrorCode::kNotFound, "no team " + name);
    }
    auto team = ReadTeam(**s);
    (*s)->Reset();
    return team;
}

Result<std::vector<routing::Team>> SqliteRoutingStore::Teams(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string("SELECT ") + kTeamColumns + " FROM teams WHERE tenant_id = ?1 ORDER BY name");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value);
    return (*s)->Collect([](Statement& r) { return ReadTeam(r); });
}

Result<void> SqliteRoutingStore::DeleteTeam(core::TenantId tenant, const std::string& name) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare("DELETE FROM teams WHERE tenant_id = ?1 AND name = ?2 RETURNING 1");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, std::string_view(name));
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    bool deleted = *row;
    if (deleted) {
        if (auto rest = (*s)->Step(); !rest) return tl::unexpected(rest.error());
    }
    (*s)->Reset();
    if (!deleted) return Fail(ErrorCode::kNotFound, "no team " + name);
    return {};
}

Result<void> SqliteRoutingStore::PutAgent(const routing::AgentProfile& p) {
    nlohmann::json channels = nlohmann::json::array();
    for (auto channel : p.skills.channels) channels.push_back(std::string(core::complaint::ToString(channel)));
    std::string categories = nlohmann::json(p.skills.categories).dump();
    std::string languages = nlohmann::json(p.skills.languages).dump();
    std::string channel_text = channels.dump();
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO agent_profiles (tenant_id, username, categories, languages, channels, level, capacity, status, "
        "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (tenant_id, username) DO UPDATE SET "
        "categories = excluded.categories, languages = excluded.languages, channels = excluded.channels, "
        "level = excluded.level, capacity = excluded.capacity, status = excluded.status, "
        "updated_at = excluded.updated_at");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, p.tenant.value).Bind(2, std::string_view(p.username)).Bind(3, std::string_view(categories));
    (*s)->Bind(4, std::string_view(languages)).Bind(5, std::string_view(channel_text));
    (*s)->Bind(6, routing::ToString(p.level)).Bind(7, std::int64_t{p.capacity});
    (*s)->Bind(8, routing::ToString(p.status)).Bind(9, core::ToMillis(p.updated_at));
    return (*s)->Run();
}

Result<routing::AgentProfile> SqliteRoutingStore::FindAgent(core::TenantId tenant, const std::string& username) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string("SELECT ") + kAgentColumns +
                          " FROM agent_profiles WHERE tenant_id = ?1 AND username = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, std::string_view(username));
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) {
        (*s)->Reset();
        return Fail(ErrorCode::kNotFound, "no agent profile for " + username);
    }
    auto profile = ReadAgent(**s);
    (*s)->Reset();
    return profile;
}

Result<std::vector<routing::AgentProfile>> SqliteRoutingStore::Agents(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(std::string("SELECT ") + kAgentColumns +
                          " FROM agent_profiles WHERE tenant_id = ?1 ORDER BY username");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value);
    return (*s)->Collect([](Statement& r) { return ReadAgent(r); });
}

Result<std::string> SqliteRoutingStore::LastAssigned(core::TenantId tenant, const std::string& pool) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare("SELECT last_assigned FROM routing_cursors WHERE tenant_id = ?1 AND pool = ?2");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, std::string_view(pool));
    auto row = (*s)->Step();
    if (!row) return tl::unexpected(row.error());
    std::string last = *row ? (*s)->Text(0) : std::string();
    (*s)->Reset();
    return last;
}

Result<void> SqliteRoutingStore::SetLastAssigned(core::TenantId tenant, const std::string& pool,
                                                 const std::string& username) {
    std::lock_guard lock(mutex_);
    auto s = db_->Prepare(
        "INSERT INTO routing_cursors (tenant_id, pool, last_assigned) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (tenant_id, pool) DO UPDATE SET last_assigned = excluded.last_assigned");
    if (!s) return tl::unexpected(s.error());
    (*s)->Bind(1, tenant.value).Bind(2, std::string_view(pool)).Bind(3, std::string_view(username));
    return (*s)->Run();
}

}  // namespace heed::storage::sqlite
