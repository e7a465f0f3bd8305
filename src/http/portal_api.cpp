#include "http/portal_api.hpp"

#include <set>

#include "core/complaint/pii.hpp"
#include "core/feedback/acceptance.hpp"
#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;

namespace {

core::Error Bad(std::string message, std::string field) {
    return core::Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

}  // namespace

void AddPortalApi(Router& router, core::services::ComplaintService& complaints,
                  core::services::FeedbackService& feedback, PortalApiOptions options) {
    auto shared = std::make_shared<PortalApiOptions>(std::move(options));
    // Rate limit, tenant, then number + contact → the customer acting on their own complaint. Any mismatch is the
    // same 404, so the portal cannot be used to learn which numbers exist or whose they are.
    struct Customer {
        core::workflow::Actor actor;
        core::complaint::Complaint complaint;
    };
    auto identify = [shared, &complaints](const Request& request, const json& body,
                                          std::set<std::string> known) -> tl::expected<Customer, Response> {
        if (shared->public_limit) {
            if (auto wait = shared->public_limit->Take(request.remote_address, std::chrono::steady_clock::now())) {
                Response refusal = ErrorResponse({ErrorCode::kResourceExhausted,
                                                  "too many requests; retry in " + std::to_string(wait->count()) + " s",
                                                  "", {}});
                refusal.headers.emplace_back("Retry-After", std::to_string(wait->count()));
                return tl::unexpected(refusal);
            }
        }
        known.insert({"number", "contact"});
        for (const auto& [key, value] : body.items()) {
            if (!known.count(key)) return tl::unexpected(ErrorResponse(Bad("unknown field " + key, key)));
        }
        auto number = body.find("number");
        auto contact = body.find("contact");
        if (number == body.end() || !number->is_string() || contact == body.end() || !contact->is_string() ||
            contact->get<std::string>().empty()) {
            return tl::unexpected(ErrorResponse(Bad("number and contact (phone or e-mail) are required", "contact")));
        }
        core::TenantId tenant = core::kDefaultTenant;
        if (auto named = request.query.find("tenant"); named != request.query.end() && named->second != "default") {
            auto found = shared->resolve_tenant ? shared->resolve_tenant(named->second)
                                                : core::Result<core::TenantId>(tl::unexpected(core::Error{}));
            if (!found) return tl::unexpected(ErrorResponse({ErrorCode::kNotFound, "no such tenant", "tenant", {}}));
            tenant = *found;
        }
        core::Error not_found{ErrorCode::kNotFound, "no complaint with this number and contact", "", {}};
        auto complaint = complaints.GetByNumber(tenant, number->get<std::string>());
        const std::string& given = contact->get_ref<const std::string&>();
        if (!complaint || (complaint->customer.phone != given && complaint->customer.email != given)) {
            return tl::unexpected(ErrorResponse(not_found));
        }
        core::workflow::Actor actor{tenant, "customer:" + complaint->number, core::workflow::Role::kCustomer, {}};
        return Customer{actor, *complaint};
    };

    router.Add("POST", "/api/v1/track/messages", [&complaints, identify](const Request& request) {
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        auto customer = identify(request, *body, {"body"});
        if (!customer) return customer.error();
        auto text = body->find("body");
        if (text == body->end() || !text->is_string()) return ErrorResponse(Bad("body is required", "body"));
        auto added = complaints.AddMessage(customer->actor, customer->complaint.id, core::complaint::Direction::kInbound,
                                           text->get<std::string>());
        if (!added) return ErrorResponse(added.error());
        return JsonResponse(201, {{"number", customer->complaint.number},
                                  {"message", {{"direction", "inbound"},
                                               {"body", added->body},
                                               {"at", core::FormatIso8601(added->created_at)}}}});
    });

    router.Add("POST", "/api/v1/track/acceptance", [&feedback, identify](const Request& request) {
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        auto customer = identify(request, *body, {"accepted", "reason"});
        if (!customer) return customer.error();
        auto accepted = body->find("accepted");
        if (accepted == body->end() || !accepted->is_boolean()) {
            return ErrorResponse(Bad("accepted must be true or false", "accepted"));
        }
        std::string reason;
        if (auto it = body->find("reason"); it != body->end()) {
            if (!it->is_string()) return ErrorResponse(Bad("reason must be a string", "reason"));
            reason = it->get<std::string>();
        }
        auto recorded = feedback.RecordAcceptance(customer->actor, customer->complaint.id, accepted->get<bool>(), reason,
                                                  "portal");
        if (!recorded) return ErrorResponse(recorded.error());
        json out{{"number", recorded->number},
                 {"status", core::workflow::ToString(recorded->status)},
                 {"accepted", accepted->get<bool>()}};
        if (!accepted->get<bool>()) {
            std::string language = core::services::LanguageOf(*recorded);
            json options = json::array();
            for (const auto& o : core::feedback::ExternalOptions(language)) {
                options.push_back({{"name", o.name}, {"how", o.how}});
            }
            out["message"] = core::feedback::ExternalOptionsMessage(language);
            out["external_options"] = options;
        }
        return JsonResponse(200, out);
    });

    // The customer asks for someone more senior: one step up the escalation chain, at most once a day.
    router.Add("POST", "/api/v1/track/escalate", [&complaints, identify](const Request& request) {
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        auto customer = identify(request, *body, {"reason"});
        if (!customer) return customer.error();
        auto reason = body->find("reason");
        if (reason == body->end() || !reason->is_string()) return ErrorResponse(Bad("reason is required", "reason"));
        auto escalated = complaints.Escalate(customer->actor, customer->complaint.id, reason->get<std::string>());
        if (!escalated) return ErrorResponse(escalated.error());
        std::string language = core::services::LanguageOf(*escalated);
        return JsonResponse(200, {{"number", escalated->number},
                                  {"status", core::workflow::ToString(escalated->status)},
                                  {"escalated", true},
                                  {"message", language == "zh" ? "已转交上级负责人处理，我们会尽快与您联系。"
                                                               : "Your complaint has been passed to a senior member "
                                                                 "of staff, who will contact you."}});
    });

    router.Add("POST", "/api/v1/complaints/{id}/acceptance", [&feedback, shared](const Request& request) {
        auto actor = shared->authenticate(request);
        if (!actor) return ErrorResponse(actor.error());
        std::int64_t id = 0;
        try {
            id = std::stoll(request.params.at("id"));
        } catch (...) {
            id = 0;
        }
        if (id <= 0) return ErrorResponse({ErrorCode::kNotFound, "complaint not found", "", {}});
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        std::optional<bool> accepted;
        std::string reason, via = "phone";
        for (const auto& [key, value] : body->items()) {
            if (key == "accepted") {
                if (!value.is_boolean()) return ErrorResponse(Bad("accepted must be true or false", key));
                accepted = value.get<bool>();
            } else if (key == "reason" || key == "via") {
                if (!value.is_string()) return ErrorResponse(Bad(key + " must be a string", key));
                (key == "reason" ? reason : via) = value.get<std::string>();
            } else {
                return ErrorResponse(Bad("unknown field " + key, key));
            }
        }
        if (!accepted) return ErrorResponse(Bad("accepted (true or false) is required", "accepted"));
        auto recorded = feedback.RecordAcceptance(*actor, core::ComplaintId{id}, *accepted, reason, via);
        if (!recorded) return ErrorResponse(recorded.error());
        auto shown = *recorded;
        core::complaint::MaskContactDetails(shown);
        Response response = JsonResponse(200, ComplaintToJson(shown));
        response.headers.emplace_back("ETag", "\"" + std::to_string(recorded->version) + "\"");
        return response;
    });
}

}  // namespace heed::http
