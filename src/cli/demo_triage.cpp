#include "cli/demo_triage.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "core/triage/index_entries.hpp"

namespace heed::cli {

using core::complaint::Complaint;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

struct Scenario {
    const char* name;
    const char* phone;
    const char* email;
    const char* subject;
    const char* description;
    const char* category;  // "" = left to triage
    int hours_ago;
};

// Customers (phones) are fictitious; texts are written for the demo.
constexpr Scenario kScenarios[] = {
    // Risk words: safety, legal, media, regulator (Chinese, Traditional, English).
    {"韩梅", "13700001001", "", "电暖器使用中起火",
     "电暖器开了半小时突然冒烟起火，孩子的手被烫伤送医，要求厂家给说法，否则找媒体曝光。", "产品质量", 30},
    {"林志明", "13700001002", "", "退款拖延要起诉",
     "退款申请一个月没有处理，已经咨询律师，再不处理就去法院起诉，并投诉到12315。", "价格争议", 28},
    {"陳美玲", "13700001003", "", "投訴到消協", "你們的會員費扣了兩次，客服不處理，我已經投訴到消協。", "价格争议", 26},
    {"Michael Brown", "", "m.brown@example.com", "Charger caught fire",
     "The laptop charger caught fire on my desk. I have contacted a lawyer and filed a report with the CFPB.", "", 24},
    // A rule: cold-chain food that arrived spoiled → 产品质量, severity 4, escalation, food-safety team.
    {"周杰", "13700001004", "", "冷链生鲜变质", "冷链配送的三文鱼到货时已经变质发臭，冰袋全化了，箱子也是湿的。", "",
     22},
    // A customer's third complaint on the same matter within 30 days.
    {"王建国", "13700001005", "", "快递一周未到", "订单一周还没送到，物流信息停在中转站。", "物流配送", 240},
    {"王建国", "13700001005", "", "又是快递延误", "补发的订单还是没有送到，物流信息五天没更新。", "物流配送", 120},
    {"王建国", "+86 137-0000-1005", "", "第三次物流问题", "第三次了，快递又延误，客服只会说再等等，太失望了。",
     "物流配送", 20},
    // An incident: near-identical complaints about one batch of power banks from four customers.
    {"赵磊", "13700001011", "", "充电宝鼓包发烫",
     "上周在官方旗舰店买的20000毫安快充充电宝，充电时严重发烫，摸上去烫手，今天发现外壳已经鼓包变形，侧面裂开一条缝，放"
     "在家里担心会爆炸。查了一下同一批次很多人都有这个问题，要求召回这一批次并全额退款。",
     "", 18},
    {"钱芳", "13700001012", "", "充电宝鼓包发烫",
     "上周在官方旗舰店买的20000毫安快充充电宝，充电时严重发烫，摸上去烫手，今天发现外壳已经鼓包变形，侧面裂开一条缝，放"
     "在家里担心会爆炸！查了一下同一批次很多人都有这个问题，要求召回这一批次并全额退款！",
     "", 16},
    {"孙丽", "13700001013", "", "充电宝鼓包",
     "上周在官方旗舰店买的20000毫安 快充充电宝 充电时严重发烫，摸上去烫手，今天发现外壳已经鼓包变形 "
     "侧面裂开一条缝，放在家里担心会爆炸。查了一下同一批次很多人都有这个问题，要求召回这一批次并全额退款。",
     "", 12},
    {"李强", "13700001014", "", "充电宝发烫鼓包",
     "上周在官方旗舰店买的20000毫安快充充电宝；充电时严重发烫；摸上去烫手，今天发现外壳已经鼓包变形，侧面裂开一条缝，放"
     "在家里担心会爆炸。查了一下同一批次很多人都有这个问题，要求召回这一批次并全额退款。",
     "", 8},
    // The same customer sending the same text twice: a duplicate.
    {"吴敏", "13700001020", "", "发票开错", "发票抬头开错了，联系客服三次都没有人回复，要求重新开具发票并道歉。",
     "售后服务", 6},
    {"吴敏", "13700001020", "", "发票开错", "发票抬头开错了，联系客服三次都没有人回复，要求重新开具发票并道歉。",
     "售后服务", 5},
    // A burst from one contact, each asking for compensation: a fraud score for a person to weigh.
    {"郑某", "13700001030", "", "要求赔偿", "快递盒子有点压痕，要求赔偿五百元。", "物流配送", 4},
    {"郑某", "13700001030", "", "要求赔偿", "包装袋有划痕，要求赔偿三百元，否则差评。", "退换货", 3},
    {"郑某", "13700001030", "", "要求赔偿", "商品颜色和图片略有不同，要求赔偿一千元。", "信息不准确", 2},
};

core::triage::Rule ColdChainRule() {
    core::triage::Rule rule;
    rule.name = "冷链生鲜变质 → 食品安全";
    rule.priority = 10;
    rule.when.keywords_any = {"冷链", "生鲜", "三文鱼", "牛排"};
    rule.when.regex = "(变质|发臭|腐烂)";
    rule.then.set = {{"category", "产品质量"}, {"subcategory", "食品安全"}, {"severity", "4"}};
    rule.then.add_tags = {"食品安全"};
    rule.then.risk_flags = {core::complaint::RiskFlag::kSafety};
    rule.then.escalate = true;
    rule.then.team = "售后服务组";
    return rule;
}

core::triage::Rule VipRule() {
    core::triage::Rule rule;
    rule.name = "VIP 客户 → VIP 专席";
    rule.priority = 20;
    rule.when.tiers = {core::complaint::CustomerTier::kVip};
    rule.then.team = "VIP 专席";
    rule.then.set = {{"urgency", "important"}};
    return rule;
}

}  // namespace

core::Result<TriageDemoReport> SeedTriageDemo(core::services::ComplaintService& complaints,
                                              core::services::RuleService& rules, core::TenantId tenant,
                                              core::Instant now) {
    TriageDemoReport report;
    const core::workflow::Actor system{tenant, "demo", core::workflow::Role::kSystem, {}};
    auto existing = rules.List(system);
    if (!existing) return tl::unexpected(existing.error());
    for (auto rule : {ColdChainRule(), VipRule()}) {
        bool present =
            std::any_of(existing->begin(), existing->end(), [&](const auto& r) { return r.name == rule.name; });
        if (present) continue;
        if (auto created = rules.Create(system, rule); !created) return tl::unexpected(created.error());
        ++report.rules;
    }
    // Oldest first, one at a time: each intake's repeat and cluster lookups see the ones before.
    std::vector<Scenario> ordered(std::begin(kScenarios), std::end(kScenarios));
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.hours_ago > b.hours_ago; });
    const core::workflow::Actor intake{tenant, "demo", core::workflow::Role::kSystem, {}};
    for (const auto& s : ordered) {
        Complaint c;
        c.tenant = tenant;
        c.customer.name = s.name;
        c.customer.phone = s.phone;
        c.customer.email = s.email;
        c.channel = *s.email ? core::complaint::Channel::kEmail : core::complaint::Channel::kApp;
        c.subject = s.subject;
        c.description = s.description;
        c.classification.category = s.category;
        c.milestones.received_at = now - hours(s.hours_ago) - minutes(7);
        c.milestones.acknowledged_at = c.milestones.received_at;
        if (std::string_view(s.subject) == "要求赔偿") c.amount_in_dispute = core::complaint::Money{30000, "CNY"};
        auto filed = complaints.File(intake, std::move(c));
        if (!filed) return tl::unexpected(filed.error());
        ++report.filed;
        report.with_risk_flags += !filed->classification.risk_flags.empty();
        report.repeats += filed->links.repeat_of.has_value();
        report.in_triage_queue += !filed->triage.review_fields.empty();
        if (const auto& score = filed->classification.sentiment_score) {
            ++report.with_sentiment;
            report.sharply_negative += *score <= -0.8;
        }
        if (!filed->links.incident_cluster.empty()) report.cluster = filed->links.incident_cluster;
    }
    if (!report.cluster.empty()) {
        // Its members' customers, as the cluster list counts them (a large demo has thousands of bigger clusters, so
        // the list's first page need not hold this one).
        auto members = rules.ClusterMembers(system, report.cluster);
        if (!members) return tl::unexpected(members.error());
        std::set<std::string> customers;
        for (auto id : *members) {
            auto member = complaints.Get(tenant, id);
            if (!member) return tl::unexpected(member.error());
            auto keys = core::triage::ContactKeys(member->customer);
            customers.insert(keys.empty() ? member->number : keys.front());
        }
        report.cluster_customers = static_cast<int>(customers.size());
    }
    return report;
}

}  // namespace heed::cli
