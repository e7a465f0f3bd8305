#include "cli/demo_routing.hpp"

namespace heed::cli {

using core::complaint::Channel;
using core::routing::Level;
using core::routing::WorkStatus;
using core::workflow::Role;

namespace {

struct DemoUser {
    const char* name;
    Role role;
    const char* team;
};

// The staff the demo complaints were played through with (see demo.cpp), plus a director for large compensations.
constexpr DemoUser kStaff[] = {
    {"agent.liu", Role::kAgent, "一线客服组"},    {"agent.zhao", Role::kAgent, "一线客服组"},
    {"agent.sun", Role::kAgent, "一线客服组"},    {"agent.zhou", Role::kAgent, "售后服务组"},
    {"agent.wu", Role::kAgent, "售后服务组"},     {"agent.emma", Role::kAgent, "售后服务组"},
    {"agent.james", Role::kAgent, "VIP 专席"},    {"lead.chen", Role::kTeamLead, "售后服务组"},
    {"lead.olivia", Role::kTeamLead, "VIP 专席"}, {"director", Role::kDirector, ""},
};

struct DemoTeam {
    const char* name;
    const char* lead;
    bool department;
};

constexpr DemoTeam kTeams[] = {
    {"一线客服组", "lead", false},
    {"售后服务组", "lead.chen", false},
    {"VIP 专席", "lead.olivia", false},
    {"物流部", "logistics", true},
};

struct DemoProfile {
    const char* name;
    std::vector<std::string> categories;
    std::vector<std::string> languages;
    std::vector<Channel> channels;
    Level level;
    int capacity;
    WorkStatus status;
};

std::vector<DemoProfile> Profiles() {
    return {
        {"agent",
         {"物流配送", "退换货", "服务态度", "其他"},
         {"zh", "en"},
         {},
         Level::kJunior,
         60,
         WorkStatus::kAvailable},
        {"agent.liu", {"物流配送", "退换货"}, {"zh"}, {}, Level::kJunior, 60, WorkStatus::kAvailable},
        {"agent.zhao", {"产品质量", "价格争议", "信息不准确"}, {"zh"}, {}, Level::kJunior, 60, WorkStatus::kAvailable},
        {"agent.sun",
         {"服务态度", "承诺未兑现", "其他", "隐私与安全"},
         {"zh"},
         {},
         Level::kSenior,
         60,
         WorkStatus::kAvailable},
        {"agent.zhou", {}, {"zh"}, {Channel::kPhone, Channel::kWechat}, Level::kJunior, 60, WorkStatus::kAway},
        {"agent.wu", {"售后服务", "退换货", "产品质量"}, {"zh"}, {}, Level::kSenior, 60, WorkStatus::kAvailable},
        {"agent.emma",
         {},
         {"en"},
         {Channel::kEmail, Channel::kWeb, Channel::kApp},
         Level::kSenior,
         60,
         WorkStatus::kAvailable},
        {"agent.james", {}, {"en", "zh"}, {}, Level::kExpert, 60, WorkStatus::kAvailable},
        {"lead.chen", {}, {"zh"}, {}, Level::kExpert, 15, WorkStatus::kAvailable},
        {"lead.olivia", {}, {"en", "zh"}, {}, Level::kExpert, 15, WorkStatus::kOffline},
    };
}

}  // namespace

core::Result<RoutingDemoReport> SeedRoutingDemo(core::services::AuthService& auth,
                                                core::services::RoutingService& routing,
                                                core::services::ComplaintService& complaints, core::TenantId tenant,
                                                int auto_assign_count) {
    RoutingDemoReport report;
    for (const auto& user : kStaff) {
        auto added = auth.AddUser(tenant, user.name, kDemoPassword, user.role, user.team,
                                  core::services::AuthService::CommandLine(), std::string(user.name) + "@example.com");
        if (added)
            ++report.users;
        else if (added.error().code != core::ErrorCode::kConflict)
            return tl::unexpected(added.error());
    }
    const core::workflow::Actor admin{tenant, "demo", Role::kAdmin, {}};
    for (const auto& team : kTeams) {
        if (auto stored = routing.PutTeam(admin, {tenant, team.name, team.lead, team.department, {}}); !stored) {
            return tl::unexpected(stored.error());
        }
        ++report.teams;
    }
    for (auto& p : Profiles()) {
        core::routing::AgentProfile profile{
            tenant, p.name, {p.categories, p.languages, p.channels}, p.level, p.capacity, p.status, {}};
        if (auto stored = routing.PutAgent(admin, profile); !stored) return tl::unexpected(stored.error());
        ++report.profiles;
    }
    if (auto enabled = routing.SetAutoAssign(admin, true); !enabled) return tl::unexpected(enabled.error());

    // New complaints still waiting for an owner: let the routing rule place some of them.
    core::ports::ComplaintQuery waiting;
    waiting.statuses = {core::workflow::Status::kNew, core::workflow::Status::kTriaged};
    waiting.limit = auto_assign_count;
    auto page = complaints.List(tenant, waiting);
    if (!page) return tl::unexpected(page.error());
    const core::workflow::Actor router{tenant, "routing", Role::kSystem, {}};
    for (const auto& c : page->items) {
        if (!c.assignee.empty()) continue;  // escalated at intake: the chain already chose its owner
        auto outcome = routing.Assign(router, c.id, {.automatic = true});
        if (!outcome) return tl::unexpected(outcome.error());
        ++(outcome->assigned ? report.auto_assigned : report.unassigned);
    }
    return report;
}

}  // namespace heed::cli
