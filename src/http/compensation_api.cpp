#include "http/compensation_api.hpp"


#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"
#include "http/params.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;
namespace compensation = core::compensation;

namespace {

core::Error Bad(std::string message, std::string field) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

json CompensationJson(const compensation::Compensation& c) {
    return {{"id", c.id.value},
            {"complaint_id", c.complaint.value},
            {"complaint_number", c.complaint_number},
            {"kind", compensation::ToString(c.kind)},
            {"amount_minor", c.amount.minor_units},
            {"currency", c.amount.currency},
            {"reason", c.reason},
            {"required_role", core::workflow::ToString(c.required)},
            {"status", compensation::ToString(c.status)},
            {"requested_by", c.requested_by},
            {"requested_role", core::workflow::ToString(c.requested_role)},
            {"requested_at", core::FormatIso8601(c.requested_at)},
            {"decided_by", c.decided_by.empty() ? json(nullptr) : json(c.decided_by)},
            {"decided_role", c.decided_by.empty() ? json(nullptr) : json(core::workflow::ToString(c.decided_role))},
            {"decided_at", c.decided_at ? json(core::FormatIso8601(*c.decided_at)) : json(nullptr)},
            {"decision_reason", c.decision_reason}};
}

json TotalsJson(const std::map<std::string, core::complaint::CompensationTotal>& totals) {
    json out = json::array();
    for (const auto& [currency, t] : totals) {
        out.push_back({{"currency", currency},
                       {"requested", t.requested},
                       {"approved", t.approved},
                       {"rejected", t.rejected},
                       {"pending", t.pending}});
    }
    return out;
}

json LimitsJson(const compensation::ApprovalLimits& limits) {
    return {{"currency", limits.currency},
            {"team_lead_max", limits.team_lead_max},
            {"manager_max", limits.manager_max},
            {"above", "director"}};
}

}  // namespace

void AddCompensationApi(Router& router, core::services::CompensationService& compensations,
                        std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate) {
    auto who = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    auto& s = compensations;

    router.Add("GET", "/api/v1/complaints/{id}/compensations", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "complaint not found", "", {}});
        auto listed = s.ForComplaint(*actor, core::ComplaintId{*id});
        if (!listed) return ErrorResponse(listed.error());
        json items = json::array();
        for (const auto& c : listed->items) items.push_back(CompensationJson(c));
        return JsonResponse(200, {{"items", items}, {"totals", TotalsJson(listed->totals)}});
    });

    router.Add("POST", "/api/v1/complaints/{id}/compensations", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "complaint not found", "", {}});
        auto body = ParseFields(request.body, {{"kind", 's'}, {"amount_minor", 'i'}, {"currency", 's'}, {"reason", 's'}});
        if (!body) return ErrorResponse(body.error());
        auto kind = core::ValueOf(compensation::kKindNames, body->value("kind", ""));
        if (!kind) return ErrorResponse(Bad("kind must be refund, replacement, coupon, repair or cash", "kind"));
        if (!body->contains("amount_minor")) return ErrorResponse(Bad("amount_minor is required", "amount_minor"));
        core::services::CompensationRequest asked{
            *kind,
            {(*body)["amount_minor"].get<std::int64_t>(), body->value("currency", "CNY")},
            body->value("reason", "")};
        auto stored = s.Request(*actor, core::ComplaintId{*id}, asked);
        if (!stored) return ErrorResponse(stored.error());
        return JsonResponse(201, CompensationJson(*stored));
    });

    router.Add("GET", "/api/v1/approvals", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        for (const auto& [key, value] : request.query) {
            if (key != "status" && key != "limit") return ErrorResponse(Bad("unknown query parameter " + key, key));
        }
        std::optional<compensation::Status> status = compensation::Status::kPending;
        if (auto it = request.query.find("status"); it != request.query.end() && it->second != "pending") {
            if (it->second == "all") {
                status.reset();
            } else {
                status = core::ValueOf(compensation::kStatusNames, it->second);
                if (!status) return ErrorResponse(Bad("status must be pending, approved, rejected or all", "status"));
            }
        }
        int limit = 100;
        if (auto it = request.query.find("limit"); it != request.query.end()) {
            auto value = ParseInteger(it->second);
            if (!value || *value < 1 || *value > 500)
                return ErrorResponse(Bad("limit must be between 1 and 500", "limit"));
            limit = static_cast<int>(*value);
        }
        auto listed = s.Approvals(*actor, status, limit);
        if (!listed) return ErrorResponse(listed.error());
        json items = json::array();
        for (const auto& c : *listed) items.push_back(CompensationJson(c));
        return JsonResponse(200, {{"items", items}});
    });

    router.Add("POST", "/api/v1/approvals/{id}/decision", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "no such compensation", "", {}});
        auto body = ParseFields(request.body, {{"decision", 's'}, {"reason", 's'}});
        if (!body) return ErrorResponse(body.error());
        std::string decision = body->value("decision", "");
        if (decision != "approve" && decision != "reject") {
            return ErrorResponse(Bad("decision must be approve or reject", "decision"));
        }
        auto decided =
            s.Decide(*actor, compensation::CompensationId{*id}, decision == "approve", body->value("reason", ""));
        if (!decided) return ErrorResponse(decided.error());
        return JsonResponse(200, CompensationJson(*decided));
    });

    router.Add("GET", "/api/v1/settings/approval-limits", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto limits = s.Limits(*actor);
        if (!limits) return ErrorResponse(limits.error());
        return JsonResponse(200, LimitsJson(*limits));
    });

    router.Add("PUT", "/api/v1/settings/approval-limits", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseFields(request.body, {{"currency", 's'}, {"team_lead_max", 'i'}, {"manager_max", 'i'}});
        if (!body) return ErrorResponse(body.error());
        for (const char* required : {"currency", "team_lead_max", "manager_max"}) {
            if (!body->contains(required)) return ErrorResponse(Bad(std::string(required) + " is required", required));
        }
        compensation::ApprovalLimits limits{(*body)["currency"].get<std::string>(),
                                            (*body)["team_lead_max"].get<std::int64_t>(),
                                            (*body)["manager_max"].get<std::int64_t>()};
        auto stored = s.SetLimits(*actor, limits);
        if (!stored) return ErrorResponse(stored.error());
        return JsonResponse(200, LimitsJson(*stored));
    });
}

}  // namespace heed::http
