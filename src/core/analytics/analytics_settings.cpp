#include "core/analytics/analytics_settings.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/analytics/alert_monitor.hpp"
#include "core/analytics/analytics_service.hpp"
#include "core/notify/notification.hpp"

namespace heed::core::analytics {
namespace {

using workflow::Role;

struct Field {
    const char* name;
    double Targets::*member;
    double low, high;
};
constexpr Field kFields[] = {{"csat", &Targets::csat, 1, 5},
                             {"resolution_rate", &Targets::resolution_rate, 0, 1},
                             {"repeat_rate", &Targets::repeat_rate, 0, 1},
                             {"nps", &Targets::nps, -100, 100},
                             {"sla_compliance", &Targets::sla_compliance, 0, 1}};

}  // namespace

std::string FormatTargets(const Targets& targets) {
    std::string out;
    for (const auto& field : kFields) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%s=%.10g", field.name, targets.*field.member);
        out += (out.empty() ? "" : ";") + std::string(buffer);
    }
    return out;
}

Result<Targets> ParseTargets(const std::string& text) {
    Targets targets;
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find(';', at);
        if (end == std::string::npos) end = text.size();
        auto pair = text.substr(at, end - at);
        at = end + 1;
        auto equals = pair.find('=');
        std::string key = pair.substr(0, equals);
        const Field* field = nullptr;
        for (const auto& f : kFields) {
            if (key == f.name) field = &f;
        }
        if (!field || equals == std::string::npos) return Fail(ErrorCode::kInvalidArgument, "unknown target " + key, key);
        std::string number = pair.substr(equals + 1);
        char* stop = nullptr;
        double value = std::strtod(number.c_str(), &stop);
        if (number.empty() || stop != number.c_str() + number.size() || !std::isfinite(value)) {
            return Fail(ErrorCode::kInvalidArgument, key + " must be a number", key);
        }
        targets.*field->member = value;
    }
    return targets;
}

Result<void> ValidateTargets(const Targets& targets) {
    for (const auto& field : kFields) {
        double value = targets.*field.member;
        if (!std::isfinite(value) || value < field.low || value > field.high) {
            char message[96];
            std::snprintf(message, sizeof message, "%s must be %g … %g", field.name, field.low, field.high);
            return Fail(ErrorCode::kInvalidArgument, message, field.name);
        }
    }
    return {};
}

Result<void> AnalyticsSettings::MayRead(const workflow::Actor& actor) const {
    if (!MayReadAnalytics(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied, "analytics settings are for analysts, team leads, managers and admins");
    }
    return {};
}

Result<void> AnalyticsSettings::MayChange(const workflow::Actor& actor) const {
    if (actor.role != Role::kManager && actor.role != Role::kDirector && actor.role != Role::kAdmin &&
        actor.role != Role::kSystem) {
        return Fail(ErrorCode::kPermissionDenied, "managers, directors and admins change analytics settings");
    }
    return {};
}

Result<Targets> AnalyticsSettings::KpiTargets(TenantId tenant) {
    auto text = identity_.Setting(tenant, kKpiTargetsSetting);
    if (!text) return tl::unexpected(text.error());
    if (text->empty()) return Targets{};
    return ParseTargets(*text);
}

Result<Targets> AnalyticsSettings::SetKpiTargets(const workflow::Actor& by, const Targets& targets) {
    if (auto ok = MayChange(by); !ok) return tl::unexpected(ok.error());
    if (auto ok = ValidateTargets(targets); !ok) return tl::unexpected(ok.error());
    auto text = FormatTargets(targets);
    auto recorded = audit_.Record({by, "settings.kpi_targets", "settings", 0, text});
    if (!recorded) return tl::unexpected(recorded.error());
    auto saved = identity_.SetSetting(by.tenant, kKpiTargetsSetting, text);
    if (!saved) return tl::unexpected(saved.error());
    return targets;
}

Result<std::vector<std::string>> AnalyticsSettings::AlertRecipients(TenantId tenant) {
    auto text = identity_.Setting(tenant, kAlertRecipientsSetting);
    if (!text) return tl::unexpected(text.error());
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text->size()) {
        auto end = text->find(',', at);
        if (end == std::string::npos) end = text->size();
        if (end > at) out.push_back(text->substr(at, end - at));
        at = end + 1;
    }
    return out;
}

Result<std::vector<std::string>> AnalyticsSettings::SetAlertRecipients(const workflow::Actor& by,
                                                                       const std::vector<std::string>& to) {
    if (auto ok = MayChange(by); !ok) return tl::unexpected(ok.error());
    if (to.size() > 50) return Fail(ErrorCode::kInvalidArgument, "at most 50 recipients", "recipients");
    std::string text;
    for (const auto& address : to) {
        if (!notify::IsPlainEmailAddress(address)) {
            return Fail(ErrorCode::kInvalidArgument, "not a plain e-mail address: " + address, "recipients");
        }
        text += (text.empty() ? "" : ",") + address;
    }
    auto recorded = audit_.Record({by, "settings.alert_recipients", "settings", 0, "count=" + std::to_string(to.size())});
    if (!recorded) return tl::unexpected(recorded.error());
    auto saved = identity_.SetSetting(by.tenant, kAlertRecipientsSetting, text);
    if (!saved) return tl::unexpected(saved.error());
    return to;
}

}  // namespace heed::core::analytics
