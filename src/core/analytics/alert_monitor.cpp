#include "core/analytics/alert_monitor.hpp"

#include <cstdio>

#include "core/notify/notification.hpp"

namespace heed::core::analytics {
namespace {

std::vector<std::string> SplitAddresses(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    for (char ch : text + ",") {
        if (ch == ',' || ch == ';' || ch == ' ' || ch == '\n') {
            if (!current.empty()) out.push_back(current);
            current.clear();
        } else {
            current += ch;
        }
    }
    return out;
}

std::string Fixed(double value, const char* format) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

}  // namespace

std::pair<std::string, std::string> DescribeAlert(const Alert& a, bool zh) {
    std::string key = a.key.empty() ? (zh ? "未分类" : "uncategorised") : a.key;
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(a.window.to - a.window.from).count();
    std::string subject, text;
    switch (a.kind) {
        case AlertKind::kSurge:
            subject = zh ? "【投诉预警】" + key + " 投诉激增：" + std::to_string(minutes) + " 分钟 " +
                               std::to_string(a.observed) + " 件（通常 " + Fixed(a.expected, "%.1f") + " 件）"
                         : "[Complaint alert] Surge in " + key + ": " + std::to_string(a.observed) + " in " +
                               std::to_string(minutes) + " minutes (usually " + Fixed(a.expected, "%.1f") + ")";
            break;
        case AlertKind::kSentimentDrift:
            subject = zh ? "【投诉预警】" + key + " 客户情绪明显转差：平均 " + Fixed(a.score, "%.2f") + "（此前 " +
                               Fixed(a.expected, "%.2f") + "）"
                         : "[Complaint alert] Sentiment in " + key + " turned negative: mean " + Fixed(a.score, "%.2f") +
                               " (before " + Fixed(a.expected, "%.2f") + ")";
            break;
        case AlertKind::kDuplicateCluster:
            subject = zh ? "【投诉预警】同一事件的相似投诉 " + key + "：" + std::to_string(a.observed) + " 件"
                         : "[Complaint alert] Near-duplicate complaints in cluster " + key + ": " +
                               std::to_string(a.observed);
            break;
    }
    text = (zh ? "时间窗：" : "Window: ") + FormatIso8601(a.window.from) + " – " + FormatIso8601(a.window.to) + "\n" +
           (zh ? "维度：" : "Dimension: ") + a.dimension + " = " + key + "\n" + (zh ? "涉及投诉：" : "Complaints: ");
    for (std::size_t i = 0; i < a.numbers.size() && i < 50; ++i) text += (i ? ", " : "") + a.numbers[i];
    if (a.numbers.size() > 50) text += zh ? " 等" : " …";
    text += zh ? "\n\n请在 Heed 的预警页面（/api/v1/analytics/alerts）查看详情。\n"
               : "\n\nSee the details under /api/v1/analytics/alerts in Heed.\n";
    return {subject, text};
}

AlertMonitor::AlertMonitor(FactsCache& cache, ports::IdentityStore& identity, ports::Outbox& outbox,
                           const ports::Clock& clock, AlertMonitorOptions options)
    : cache_(cache), identity_(identity), outbox_(outbox), clock_(clock), options_(std::move(options)) {
    if (options_.start_thread) thread_ = std::jthread([this](std::stop_token stop) { Run(stop); });
}

AlertMonitor::~AlertMonitor() {
    if (thread_.joinable()) {
        thread_.request_stop();
        wake_.notify_all();
        thread_.join();
    }
}

void AlertMonitor::Run(std::stop_token stop) {
    std::mutex sleep_mutex;
    while (!stop.stop_requested()) {
        EvaluateOnce();
        std::unique_lock lock(sleep_mutex);
        wake_.wait_for(lock, stop, options_.interval, [] { return false; });
    }
}

std::vector<Alert> AlertMonitor::EvaluateOnce() {
    std::lock_guard one(evaluating_);
    std::vector<Alert> fresh;
    auto tenants = identity_.Tenants();
    if (!tenants) {
        if (options_.log) options_.log("alert monitor: cannot list tenants: " + tenants.error().message);
        return fresh;
    }
    const Instant now = clock_.Now();
    for (const auto& tenant : *tenants) {
        // Only tenants that name recipients are evaluated: the others keep their roll-up unbuilt until someone asks
        // for analytics, so their writes do not pay for keeping it current.
        auto setting = identity_.Setting(tenant.id, kAlertRecipientsSetting);
        std::vector<std::string> recipients = setting ? SplitAddresses(*setting) : std::vector<std::string>{};
        if (recipients.empty()) continue;
        AlertOptions alert_options = options_.alert_options ? options_.alert_options(tenant.id) : AlertOptions{};
        std::vector<Alert> found;
        auto read = cache_.Read(tenant.id, [&](const FactsRows& rows) {
            found = SurgeDetector(rows, {now, now}, alert_options).At(now);
        });
        if (!read) {
            if (options_.log) options_.log("alert monitor: " + tenant.name + ": " + read.error().message);
            continue;
        }
        std::vector<Alert> tenant_fresh;
        {
            std::lock_guard lock(mutex_);
            for (auto& alert : found) {
                auto key = std::tuple{tenant.id.value, alert.kind, alert.dimension, alert.key};
                auto it = last_.find(key);
                if (it != last_.end() && now - it->second < alert_options.cooldown) continue;
                last_[key] = now;
                auto& kept = raised_[tenant.id.value];
                kept.push_front(alert);
                if (kept.size() > 500) kept.pop_back();
                tenant_fresh.push_back(std::move(alert));
            }
        }
        if (tenant_fresh.empty()) continue;
        for (const auto& alert : tenant_fresh) {
            bool zh = true;
            auto [subject, text] = DescribeAlert(alert, zh);
            for (const auto& to : recipients) {
                if (!notify::IsPlainEmailAddress(to)) continue;
                notify::OutboxMessage message;
                message.tenant = tenant.id;
                message.kind = notify::NotificationKind::kAlert;
                message.to = to;
                message.language = zh ? "zh" : "en";
                message.subject = subject;
                message.body = text;
                message.created_at = message.next_attempt_at = now;
                auto queued = outbox_.Enqueue(std::move(message));
                if (!queued && options_.log) options_.log("alert monitor: outbox: " + queued.error().message);
            }
        }
        fresh.insert(fresh.end(), tenant_fresh.begin(), tenant_fresh.end());
    }
    return fresh;
}

std::vector<Alert> AlertMonitor::Raised(TenantId tenant) const {
    std::lock_guard lock(mutex_);
    auto it = raised_.find(tenant.value);
    if (it == raised_.end()) return {};
    return {it->second.begin(), it->second.end()};
}

}  // namespace heed::core::analytics
