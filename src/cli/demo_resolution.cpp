#include "cli/demo_resolution.hpp"

#include <map>

namespace heed::cli {

using core::workflow::Role;
using core::workflow::Status;

namespace {

struct DemoTemplate {
    const char* name;
    const char* category;
    const char* zh;
    const char* en;
};

// clang-format off
const DemoTemplate kTemplates[] = {
    {"物流延误致歉与加急", "物流配送",
     "{customer_name}您好，关于您的投诉 {number}：订单 {order} 因物流中转延误未能按时送达，非常抱歉。我们已联系承运商加急派送，"
     "并为您退还运费。如仍有问题请随时联系我们。",
     "Dear {customer_name}, about complaint {number}: order {order} was delayed in transit, and we are sorry. We have "
     "asked the carrier to expedite it and refunded the shipping fee."},
    {"丢件补发", "物流配送",
     "{customer_name}您好，经与物流核实，订单 {order} 的包裹已确认丢失。我们已为您免费补发{product}，新单号将短信告知。",
     "Dear {customer_name}, the carrier confirmed that the parcel of order {order} was lost. We are sending a new "
     "{product} free of charge; you will receive the tracking number by text."},
    {"质量问题退换", "产品质量",
     "{customer_name}您好，您反映的{product}质量问题（投诉 {number}）经检测属实。我们将为您办理退货退款或换新，请选择方式后回复。",
     "Dear {customer_name}, the quality problem with your {product} (complaint {number}) was confirmed by our "
     "inspection. We will refund or replace it; please tell us which you prefer."},
    {"上门检测安排", "产品质量",
     "{customer_name}您好，已为您安排技术员在48小时内上门检测{product}，检测后若属质量问题将免费维修或更换。",
     "Dear {customer_name}, a technician will inspect your {product} within 48 hours; a quality fault will be repaired "
     "or replaced free of charge."},
    {"服务态度致歉", "服务态度",
     "{customer_name}您好，对于我们工作人员在服务中给您带来的不愉快，我们深表歉意。相关人员已被约谈并重新培训，感谢您的监督。",
     "Dear {customer_name}, we apologise for how our staff treated you. The colleague concerned has been spoken to and "
     "retrained. Thank you for telling us."},
    {"退款到账说明", "退换货",
     "{customer_name}您好，订单 {order} 的退款 {amount} 已原路退回，预计1–3个工作日到账，请留意银行通知。",
     "Dear {customer_name}, the refund of {amount} for order {order} has been sent back to your original payment "
     "method and should arrive within 1–3 business days."},
    {"价格差额退还", "价格争议",
     "{customer_name}您好，经核实订单 {order} 确实存在价格差异，差额 {amount} 已退还至您的账户，给您带来不便敬请谅解。",
     "Dear {customer_name}, we confirmed the price difference on order {order}; {amount} has been refunded to your "
     "account. We apologise for the inconvenience."},
    {"售后维修完成", "售后服务",
     "{customer_name}您好，您的{product}已维修完成并通过检测，如7天内同一问题复发，我们将直接为您换新。",
     "Dear {customer_name}, your {product} has been repaired and tested. If the same fault returns within 7 days we "
     "will replace it."},
    {"通用致歉", "",
     "{customer_name}您好，感谢您的耐心等待，您的投诉 {number} 已处理完毕。如对处理结果不满意，请直接回复本消息。",
     "Dear {customer_name}, thank you for your patience: complaint {number} has been resolved. If you are not happy "
     "with the outcome, just reply to this message."},
};
// clang-format on

constexpr int kUsesPerTemplate = 120;

}  // namespace

core::Result<ResolutionDemoReport> SeedResolutionDemo(core::services::TemplateService& templates,
                                                      core::ports::TemplateStore& store,
                                                      core::services::ComplaintService& complaints,
                                                      core::TenantId tenant) {
    ResolutionDemoReport report;
    core::workflow::Actor manager{tenant, "manager", Role::kManager, ""};
    std::map<std::string, std::vector<core::resolution::TemplateId>> by_category;
    for (const auto& t : kTemplates) {
        core::resolution::SolutionTemplate draft;
        draft.name = t.name;
        draft.category = t.category;
        draft.body_zh = t.zh;
        draft.body_en = t.en;
        auto created = templates.Create(manager, draft);
        if (!created) return tl::unexpected(created.error());
        by_category[t.category].push_back(created->id);
        ++report.templates;
    }

    // Use history: the newest resolved and closed complaints of each category were resolved with one of its
    // templates (alternating), or with the general one.
    std::map<core::resolution::TemplateId, int> used;
    core::ports::ComplaintQuery query;
    query.statuses = {Status::kResolved, Status::kFollowUp, Status::kClosed};
    query.limit = 500;
    for (int page = 0; page < 10; ++page) {
        auto listed = complaints.List(tenant, query);
        if (!listed) return tl::unexpected(listed.error());
        for (const auto& c : listed->items) {
            auto it = by_category.find(c.classification.category);
            const auto& candidates = it != by_category.end() ? it->second : by_category[""];
            auto id = candidates[static_cast<std::size_t>(c.id.value) % candidates.size()];
            if (used[id] >= kUsesPerTemplate || !c.milestones.resolved_at || c.resolution_summary.empty()) continue;
            core::resolution::TemplateUse use{0, tenant, id, c.id, core::resolution::UseKind::kResolution,
                                              c.assignee.empty() ? "agent" : c.assignee, *c.milestones.resolved_at};
            if (auto added = store.AddUse(use); !added) return tl::unexpected(added.error());
            ++used[id];
            ++report.uses;
            if (c.feedback.csat) ++report.rated;
        }
        if (!listed->next) break;
        query.after = listed->next;
    }

    // Live replies with a template, through the service like an agent's, on complaints being worked.
    core::ports::ComplaintQuery working;
    working.statuses = {Status::kInProgress};
    working.limit = 50;
    auto open = complaints.List(tenant, working);
    if (!open) return tl::unexpected(open.error());
    int replies = 0;
    for (const auto& c : open->items) {
        auto it = by_category.find(c.classification.category);
        if (it == by_category.end() || replies >= 3) continue;
        core::workflow::Actor agent{tenant, c.assignee.empty() ? "agent" : c.assignee, Role::kAgent, ""};
        auto applied = templates.Apply(agent, it->second.front(), c.id, core::resolution::UseKind::kReply, std::nullopt,
                                       std::nullopt);
        if (!applied) continue;  // a complaint without an order or amount for the placeholders: skipped
        ++replies;
        ++report.uses;
    }

    // Related complaints linked (pairs of the same category among the newest), and a customer's repeated
    // submission merged into their complaint twice.
    core::ports::ComplaintQuery newest;
    newest.limit = 200;
    auto recent = complaints.List(tenant, newest);
    if (!recent) return tl::unexpected(recent.error());
    std::map<std::string, std::vector<const core::complaint::Complaint*>> same_category;
    for (const auto& c : recent->items) {
        // Merged and rejected complaints cannot take a duplicate (the merge would be refused).
        if (c.status != Status::kMerged && c.status != Status::kRejected && !c.classification.category.empty()) {
            same_category[c.classification.category].push_back(&c);
        }
    }
    std::vector<const core::complaint::Complaint*> primaries;
    for (const auto& [category, items] : same_category) {
        if (items.size() >= 2 && report.links < 3) {
            auto linked = complaints.Link(manager, items[0]->id, items[1]->id, "同一批次商品的投诉，统一跟进");
            if (linked) ++report.links;
        }
        if (!items.empty() && primaries.size() < 2) primaries.push_back(items.back());
    }
    for (const auto* primary : primaries) {
        core::complaint::Complaint again;
        again.customer = primary->customer;
        again.channel = core::complaint::Channel::kPhone;
        again.subject = primary->subject;
        again.description = "客户再次来电反映同一问题：" + primary->description;
        again.order_ref = primary->order_ref;
        again.product_ref = primary->product_ref;
        again.classification.category = primary->classification.category;
        again.team = primary->team;
        auto filed = complaints.File({tenant, "system", Role::kSystem, ""}, again);
        if (!filed) return tl::unexpected(filed.error());
        core::workflow::TransitionInput input;
        input.merge_target = primary->id;
        input.reason = "客户重复提交，合并到原投诉处理";
        auto merged = complaints.Transition(manager, filed->id, std::nullopt, Status::kMerged, input);
        if (!merged) return tl::unexpected(merged.error());
        ++report.merged;
    }
    return report;
}

}  // namespace heed::cli
