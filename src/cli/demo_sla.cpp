#include "cli/demo_sla.hpp"

namespace heed::cli {

using namespace std::chrono;
using core::workflow::Role;

namespace {

// Public holidays as the State Council announced them (2025 with its make-up working days; 2026's holidays).
struct Span {
    year_month_day first;
    int days;
};
constexpr Span kHolidays[] = {
    {2025y / January / 1d, 1},  {2025y / January / 28d, 8}, {2025y / April / 4d, 3},  {2025y / May / 1d, 5},
    {2025y / May / 31d, 3},     {2025y / October / 1d, 8},  {2026y / January / 1d, 3}, {2026y / February / 15d, 9},
    {2026y / April / 4d, 3},    {2026y / May / 1d, 5},      {2026y / June / 19d, 3},  {2026y / September / 25d, 3},
    {2026y / October / 1d, 7},
};
constexpr year_month_day kMakeUpDays[] = {2025y / January / 26d, 2025y / February / 8d, 2025y / April / 27d,
                                          2025y / September / 28d, 2025y / October / 11d};

core::sla::SlaPolicy Policy(std::string name, hours first, hours next, hours resolution) {
    core::sla::SlaPolicy policy;
    policy.name = std::move(name);
    policy.calendar = "office";
    policy.targets = {first, next, resolution};
    return policy;
}

}  // namespace

core::Result<SlaDemoReport> SeedSlaDemo(core::services::SlaService& sla, core::TenantId tenant) {
    core::sla::BusinessCalendar office;
    office.name = "office";
    office.time_zone = "Asia/Shanghai";
    office.utc_offset = hours(8);
    for (weekday day : {Monday, Tuesday, Wednesday, Thursday, Friday}) office.week[day.c_encoding()] = {{9h, 18h}};
    for (const auto& span : kHolidays) {
        for (int i = 0; i < span.days; ++i) office.holidays.push_back(sys_days{span.first} + days{i});
    }
    for (auto date : kMakeUpDays) office.extra_working_days.push_back({date});

    core::sla::SlaConfig config;
    config.calendars = {office};
    auto urgent = Policy("urgent", 2h, 4h, 9h);  // 紧急投诉2小时内响应, resolved within the office day
    urgent.conditions.urgencies = {core::complaint::Urgency::kUrgent};
    auto vip = Policy("vip", 4h, 8h, 18h);
    vip.conditions.tiers = {core::complaint::CustomerTier::kVip};
    config.policies = {urgent, vip, Policy("general", 9h, 18h, 45h)};  // a first answer within one office day
    config.regulatory_period = days{15};
    config.regulatory_calendar = "office";
    auto stored = sla.SetConfig({tenant, "demo", Role::kAdmin}, std::move(config));
    if (!stored) return tl::unexpected(stored.error());
    SlaDemoReport report;
    report.holidays = static_cast<int>(office.holidays.size());
    report.policies = static_cast<int>((*stored)->policies.size());
    return report;
}

core::Result<void> FinishSlaDemo(core::services::ComplaintService& complaints, core::ports::ComplaintStore& store,
                                 core::TenantId tenant, SlaDemoReport& report) {
    std::vector<core::complaint::Complaint> candidates;
    auto visited = store.ForEach(tenant, [&](const core::complaint::Complaint& c) {
        if (c.status == core::workflow::Status::kInProgress && c.sla.escalation_level == 0 && !c.number.empty()) {
            candidates.push_back(c);
        }
        return true;
    });
    if (!visited) return tl::unexpected(visited.error());
    // Two in progress whose clocks are running, answered already, now wait for the customer: their resolution and
    // next-update clocks pause (no due time until the customer answers).
    int paused = 0;
    for (auto it = candidates.rbegin(); it != candidates.rend() && paused < 2;) {
        if ((it->sla.state == "running" || it->sla.state == "warning") && it->milestones.first_response_at) {
            core::workflow::Actor agent{tenant, it->assignee.empty() ? "agent" : it->assignee, Role::kAgent};
            auto waiting = complaints.Transition(agent, it->id, std::nullopt, core::workflow::Status::kWaitingCustomer,
                                                 {.reason = "等待客户提供快递单照片"});
            if (!waiting) return tl::unexpected(waiting.error());
            ++paused;
            it = decltype(it){candidates.erase(std::next(it).base())};
            continue;
        }
        ++it;
    }
    report.paused = paused;
    // The newest two still in progress: one customer asks for a manager by the portal, one agent asks for help.
    const char* const reasons[] = {"客户要求由主管处理", "客户情绪激动，需要组长介入"};
    for (std::size_t i = 0; i < 2 && i < candidates.size(); ++i) {
        const auto& c = candidates[candidates.size() - 1 - i];
        core::workflow::Actor actor = i == 0 ? core::workflow::Actor{tenant, "customer:" + c.number, Role::kCustomer}
                                             : core::workflow::Actor{tenant, c.assignee.empty() ? "agent" : c.assignee,
                                                                     Role::kAgent};
        auto escalated = complaints.Escalate(actor, c.id, reasons[i]);
        if (!escalated) return tl::unexpected(escalated.error());
        ++report.requested;
    }
    report.open_by_state.clear();
    report.escalated = 0;
    visited = store.ForEach(tenant, [&](const core::complaint::Complaint& c) {
        auto category = core::workflow::CategoryOf(c.status);
        if (category == core::workflow::StatusCategory::kOpen || category == core::workflow::StatusCategory::kPaused) {
            ++report.open_by_state[c.sla.state.empty() ? "inactive" : c.sla.state];
        }
        if (c.sla.escalation_level > 0) ++report.escalated;
        return true;
    });
    if (!visited) return tl::unexpected(visited.error());
    return {};
}

}  // namespace heed::cli
