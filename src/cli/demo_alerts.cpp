#include "cli/demo_alerts.hpp"

#include "core/analytics/alerts.hpp"
#include "core/analytics/facts_cache.hpp"

namespace heed::cli {

using std::chrono::hours;
using std::chrono::minutes;

core::Result<AlertDemoReport> SeedAlertDemo(core::services::ComplaintService& complaints, core::ports::ComplaintStore& store,
                                            core::analytics::AnalyticsSettings& settings, core::TenantId tenant,
                                            core::Instant now) {
    AlertDemoReport report;
    report.category = "物流配送";
    const core::workflow::Actor system{tenant, "demo", core::workflow::Role::kSystem, {}};
    if (auto set = settings.SetAlertRecipients(system, {"manager@example.com"}); !set) return tl::unexpected(set.error());
    static constexpr const char* kNames[] = {"高峰", "马丽", "郑爽", "冯刚", "陈晨", "褚琳", "卫东", "蒋欣",
                                             "沈涛", "韩雪", "杨帆", "朱婷", "秦岭", "许诺"};
    static constexpr const char* kTexts[] = {
        "快递显示已签收，但我根本没有收到包裹，快递员电话打不通。",
        "包裹在转运中心丢失了，客服说要等七天才能核实，太耽误事了。",
        "物流信息三天没有更新，问客服说是网点爆仓，包裹找不到了。",
        "昨天就显示派送中，今天突然变成退回，我没有拒收过。"};
    const core::Instant start = now - hours(3) - minutes(40);
    for (int i = 0; i < static_cast<int>(std::size(kNames)); ++i) {
        core::complaint::Complaint c;
        c.tenant = tenant;
        c.customer.name = kNames[i];
        c.customer.phone = "1360000" + std::to_string(2000 + i);
        c.channel = i % 2 ? core::complaint::Channel::kApp : core::complaint::Channel::kPhone;
        c.subject = "快递丢件";
        c.description = kTexts[i % std::size(kTexts)];
        c.classification.category = report.category;
        c.milestones.received_at = start + minutes(i * 3);
        c.milestones.acknowledged_at = c.milestones.received_at;
        auto filed = complaints.File(system, std::move(c));
        if (!filed) return tl::unexpected(filed.error());
        ++report.filed;
    }
    auto rows = core::analytics::FactsCache::Scan(store, tenant, now);
    if (!rows) return tl::unexpected(rows.error());
    std::vector<const core::analytics::ComplaintFacts*> pointers;
    for (const auto& row : *rows) pointers.push_back(&row);
    core::analytics::SurgeDetector detector(pointers, {now - hours(24), now}, {});
    for (const auto& alert : detector.Replay(minutes(5))) {
        report.alerts.push_back(std::string(core::NameOf(core::analytics::kAlertKindNames, alert.kind)) + " " +
                                alert.dimension + " " + alert.key);
    }
    return report;
}

}  // namespace heed::cli
