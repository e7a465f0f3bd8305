#include "http/privacy_api.hpp"

#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;

namespace {

json ReportJson(const core::services::PrivacyReport& report) {
    return {{"dry_run", report.dry_run}, {"complaints", report.numbers}, {"matched", report.numbers.size()},
            {"changed", report.changed}};
}

json PolicyJson(const core::services::RetentionPolicy& policy) {
    return {{"years", policy.years}, {"action", core::NameOf(core::services::kRetentionActionNames, policy.action)},
            {"enabled", policy.years > 0}};
}

}  // namespace

void AddPrivacyApi(Router& router, core::services::PrivacyService& privacy,
                   std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate) {
    auto auth = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    auto& p = privacy;

    router.Add("POST", "/api/v1/erasures", [auth, &p](const Request& request) {
        auto actor = (*auth)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseFields(request.body, {{"contact", 's'}, {"reason", 's'}, {"dry_run", 'b'}});
        if (!body) return ErrorResponse(body.error());
        auto report = p.EraseCustomer(*actor, body->value("contact", ""), body->value("reason", ""),
                                      body->value("dry_run", false));
        if (!report) return ErrorResponse(report.error());
        return JsonResponse(200, ReportJson(*report));
    });

    router.Add("GET", "/api/v1/settings/retention", [auth, &p](const Request& request) {
        auto actor = (*auth)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (actor->role != core::workflow::Role::kAdmin && actor->role != core::workflow::Role::kManager) {
            return ErrorResponse({ErrorCode::kPermissionDenied, "only admins and managers see the retention policy", "", {}});
        }
        auto policy = p.Retention(actor->tenant);
        if (!policy) return ErrorResponse(policy.error());
        return JsonResponse(200, PolicyJson(*policy));
    });

    router.Add("PUT", "/api/v1/settings/retention", [auth, &p](const Request& request) {
        auto actor = (*auth)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseFields(request.body, {{"years", 'i'}, {"action", 's'}});
        if (!body) return ErrorResponse(body.error());
        core::services::RetentionPolicy policy;
        policy.years = static_cast<int>(std::clamp<std::int64_t>(body->value("years", std::int64_t{0}), -1, 101));
        auto action = core::ValueOf(core::services::kRetentionActionNames, body->value("action", "anonymise"));
        if (!action) return ErrorResponse({ErrorCode::kInvalidArgument, "action must be anonymise or delete", "action", {}});
        policy.action = *action;
        auto saved = p.SetRetention(*actor, policy);
        if (!saved) return ErrorResponse(saved.error());
        return JsonResponse(200, PolicyJson(*saved));
    });

    router.Add("POST", "/api/v1/retention/run", [auth, &p](const Request& request) {
        auto actor = (*auth)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseFields(request.body, {{"dry_run", 'b'}});
        if (!body) return ErrorResponse(body.error());
        auto policy = p.Retention(actor->tenant);
        if (!policy) return ErrorResponse(policy.error());
        auto report = p.ApplyRetention(*actor, *policy, body->value("dry_run", false));
        if (!report) return ErrorResponse(report.error());
        json out = ReportJson(*report);
        out["policy"] = PolicyJson(*policy);
        return JsonResponse(200, out);
    });
}

}  // namespace heed::http
