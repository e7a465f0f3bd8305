#include "cli/demo_compensation.hpp"

#include <optional>

namespace heed::cli {

using core::compensation::Kind;
using core::workflow::Role;

namespace {

struct DemoDecision {
    const char* by;
    Role role;
    bool approve;
    const char* reason;
};

struct DemoRequest {
    const char* team;  // a complaint of this team is chosen
    const char* by;
    Role role;
    Kind kind;
    std::int64_t minor;  // CNY fen
    const char* reason;
    std::optional<DemoDecision> decision;
};

const DemoRequest kRequests[] = {
    {"一线客服组", "agent.liu", Role::kAgent, Kind::kRefund, 15'900, "快递丢件，退还商品款 159 元",
     DemoDecision{"lead", Role::kTeamLead, true, "物流部已确认丢件"}},
    {"一线客服组", "agent.zhao", Role::kAgent, Kind::kCoupon, 5'000, "配送延误三天，补偿 50 元优惠券", std::nullopt},
    {"一线客服组", "agent", Role::kAgent, Kind::kRefund, 8'800, "运费多收，退还差价", std::nullopt},
    {"一线客服组", "agent.sun", Role::kAgent, Kind::kCash, 50'000, "客户要求精神损失补偿 500 元",
     DemoDecision{"lead", Role::kTeamLead, false, "已全额退款并致歉，不另行现金补偿"}},
    {"售后服务组", "agent.wu", Role::kAgent, Kind::kReplacement, 289'900, "洗衣机二次维修仍漏水，换新机",
     DemoDecision{"manager", Role::kManager, true, "符合三包换货条件"}},
    {"售后服务组", "agent.emma", Role::kAgent, Kind::kRepair, 450'000, "Out-of-warranty compressor repair as goodwill",
     std::nullopt},
    {"VIP 专席", "agent.james", Role::kAgent, Kind::kRefund, 1'500'000, "VIP 客户整单退款（冰箱+安装）", std::nullopt},
    {"VIP 专席", "lead.olivia", Role::kTeamLead, Kind::kCash, 2'000'000, "批量延误，VIP 客户现金赔付",
     DemoDecision{"director", Role::kDirector, true, "按重大客诉预案执行"}},
};

}  // namespace

core::Result<CompensationDemoReport> SeedCompensationDemo(core::services::CompensationService& compensations,
                                                          core::services::ComplaintService& complaints,
                                                          core::TenantId tenant) {
    CompensationDemoReport report;
    std::size_t offset = 0;
    for (const auto& r : kRequests) {
        // A complaint of the team that is being worked or was resolved, a different one for each request.
        core::ports::ComplaintQuery query;
        query.statuses = {core::workflow::Status::kInProgress, core::workflow::Status::kResolved,
                          core::workflow::Status::kFollowUp, core::workflow::Status::kClosed};
        query.limit = 200;
        auto page = complaints.List(tenant, query);
        if (!page) return tl::unexpected(page.error());
        const core::complaint::Complaint* chosen = nullptr;
        std::size_t seen = 0;
        for (const auto& c : page->items) {
            if (c.team == r.team && seen++ == offset) {
                chosen = &c;
                break;
            }
        }
        ++offset;
        if (!chosen) continue;  // a tiny demo may have no complaint of this team
        core::workflow::Actor requester{tenant, r.by, r.role, r.team};
        auto asked = compensations.Request(requester, chosen->id, {r.kind, {r.minor, "CNY"}, r.reason});
        if (!asked) return tl::unexpected(asked.error());
        ++report.requested;
        if (!r.decision) {
            ++report.pending;
            continue;
        }
        core::workflow::Actor decider{tenant, r.decision->by, r.decision->role,
                                      r.decision->role == Role::kTeamLead ? r.team : ""};
        auto decided = compensations.Decide(decider, asked->id, r.decision->approve, r.decision->reason);
        if (!decided) return tl::unexpected(decided.error());
        ++(r.decision->approve ? report.approved : report.rejected);
    }
    return report;
}

}  // namespace heed::cli
