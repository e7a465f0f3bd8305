#include "http/analytics_settings_api.hpp"

#include <memory>

#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;
namespace analytics = core::analytics;

namespace {

core::Error Bad(std::string message, std::string field) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

json TargetsJson(const analytics::Targets& t) {
    return {{"csat", t.csat},
            {"resolution_rate", t.resolution_rate},
            {"repeat_rate", t.repeat_rate},
            {"nps", t.nps},
            {"sla_compliance", t.sla_compliance}};
}

}  // namespace

void AddAnalyticsSettingsApi(Router& router, analytics::AnalyticsSettings& settings,
                             std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate) {
    auto who = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    auto& s = settings;

    router.Add("GET", "/api/v1/settings/kpi-targets", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (auto ok = s.MayRead(*actor); !ok) return ErrorResponse(ok.error());
        auto targets = s.KpiTargets(actor->tenant);
        if (!targets) return ErrorResponse(targets.error());
        return JsonResponse(200, TargetsJson(*targets));
    });

    // A partial body changes the targets it names and keeps the others.
    router.Add("PUT", "/api/v1/settings/kpi-targets", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        auto targets = s.KpiTargets(actor->tenant);
        if (!targets) return ErrorResponse(targets.error());
        const std::pair<const char*, double analytics::Targets::*> fields[] = {
            {"csat", &analytics::Targets::csat},
            {"resolution_rate", &analytics::Targets::resolution_rate},
            {"repeat_rate", &analytics::Targets::repeat_rate},
            {"nps", &analytics::Targets::nps},
            {"sla_compliance", &analytics::Targets::sla_compliance}};
        for (const auto& [key, value] : body->items()) {
            double analytics::Targets::*member = nullptr;
            for (const auto& [name, m] : fields) {
                if (key == name) member = m;
            }
            if (!member) return ErrorResponse(Bad("unknown field " + key, key));
            if (!value.is_number()) return ErrorResponse(Bad(key + " must be a number", key));
            (*targets).*member = value.get<double>();
        }
        auto saved = s.SetKpiTargets(*actor, *targets);
        if (!saved) return ErrorResponse(saved.error());
        return JsonResponse(200, TargetsJson(*saved));
    });

    router.Add("GET", "/api/v1/settings/alert-recipients", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (auto ok = s.MayRead(*actor); !ok) return ErrorResponse(ok.error());
        auto recipients = s.AlertRecipients(actor->tenant);
        if (!recipients) return ErrorResponse(recipients.error());
        return JsonResponse(200, {{"recipients", *recipients}});
    });

    router.Add("PUT", "/api/v1/settings/alert-recipients", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        std::vector<std::string> recipients;
        for (const auto& [key, value] : body->items()) {
            if (key != "recipients") return ErrorResponse(Bad("unknown field " + key, key));
            if (!value.is_array()) return ErrorResponse(Bad("recipients must be a list of e-mail addresses", key));
            for (const auto& address : value) {
                if (!address.is_string()) return ErrorResponse(Bad("recipients must be a list of e-mail addresses", key));
                recipients.push_back(address.get<std::string>());
            }
        }
        if (!body->contains("recipients")) return ErrorResponse(Bad("recipients is required", "recipients"));
        auto saved = s.SetAlertRecipients(*actor, recipients);
        if (!saved) return ErrorResponse(saved.error());
        return JsonResponse(200, {{"recipients", *saved}});
    });
}

}  // namespace heed::http
