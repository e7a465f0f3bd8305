#include "http/sla_api.hpp"

#include <algorithm>

#include "core/sla/ics.hpp"
#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"
#include "sla/sla_json.hpp"
#include "http/params.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;
namespace sla = core::sla;
namespace adapters = sla_adapters;

namespace {

core::Error Bad(std::string message, std::string field) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

bool IsStaff(const core::workflow::Actor& actor) {
    return actor.role != core::workflow::Role::kCustomer;
}

core::Error NotFound(const std::string& what) { return {ErrorCode::kNotFound, what + " not found", "", {}}; }

// Who may change calendars and policies (SlaService::SetConfig checks again); asked before the body is read, so
// other roles get 403 whatever they send.
bool CanEditSla(const core::workflow::Actor& actor) {
    return actor.role == core::workflow::Role::kManager || actor.role == core::workflow::Role::kAdmin;
}
const core::Error kNotAnEditor{ErrorCode::kPermissionDenied, "only managers and admins may change calendars and SLA policies",
                               "", {}};

// A calendar, policy or .ics file that is JSON of the right shape but cannot be used (a bad interval, an unknown field
// or time zone, overlapping hours, a policy on a missing calendar, a timed event) is 422 with the reason and the
// field; a body that is not JSON or not the endpoint's envelope stays 400.
Response Unprocessable(const core::Error& error) {
    Response response = ErrorResponse(error);
    if (error.code == ErrorCode::kInvalidArgument) response.status = 422;
    return response;
}

json CalendarsJson(const sla::SlaConfig& config) {
    json items = json::array({adapters::CalendarToJson(sla::Calendar24x7())});
    for (const auto& c : config.calendars) items.push_back(adapters::CalendarToJson(c));
    return items;
}

json PoliciesJson(const sla::SlaConfig& config) {
    json policies = json::array();
    for (const auto& p : config.policies) policies.push_back(adapters::PolicyToJson(p));
    return {{"policies", policies}, {"regulatory", adapters::RegulatoryToJson(config)}};
}

json ClockJson(const sla::SlaClock& clock, core::Instant now) {
    auto instant = [](const std::optional<core::Instant>& at) {
        return at ? json(core::FormatIso8601(*at)) : json(nullptr);
    };
    bool counting = clock.state == sla::ClockState::kRunning || clock.state == sla::ClockState::kWarning;
    return {{"state", sla::ToString(clock.state)},
            {"started_at", instant(clock.started_at)},
            {"due", instant(clock.due)},
            {"warning_at", instant(clock.warning_at)},
            {"met_at", instant(clock.met_at)},
            {"breached_at", instant(clock.breached_at)},
            {"elapsed_business_ms", clock.elapsed.count()},
            {"remaining_business_ms", clock.remaining.count()},
            // Wall-clock time until due, for countdowns; null unless the clock is counting.
            {"remaining_ms", counting && clock.due ? json((*clock.due - now).count()) : json(nullptr)},
            {"breaches", clock.breaches}};
}

}  // namespace

void AddSlaApi(Router& router, core::services::SlaService& sla_service, core::services::ComplaintService& complaints,
               std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate) {
    auto who = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    auto& s = sla_service;
    auto& c = complaints;

    // Reads the set-up, lets `change` edit a copy, stores it and recomputes the tenant's open complaints.
    auto change_config = [&s, &c](const core::workflow::Actor& actor,
                                  const std::function<core::Result<void>(sla::SlaConfig&)>& change,
                                  const std::function<json(const sla::SlaConfig&)>& answer, int status) {
        auto current = s.Config(actor.tenant);
        if (!current) return ErrorResponse(current.error());
        sla::SlaConfig next = **current;
        if (auto changed = change(next); !changed) return Unprocessable(changed.error());
        auto stored = s.SetConfig(actor, std::move(next));
        if (!stored) return Unprocessable(stored.error());
        auto recomputed = c.RecomputeSla(actor.tenant);
        if (!recomputed) return ErrorResponse(recomputed.error());
        json body = answer(**stored);
        body["recomputed"] = *recomputed;
        return JsonResponse(status, body);
    };

    router.Add("GET", "/api/v1/calendars", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (!IsStaff(*actor)) return ErrorResponse({ErrorCode::kPermissionDenied, "staff only", "", {}});
        auto config = s.Config(actor->tenant);
        if (!config) return ErrorResponse(config.error());
        return JsonResponse(200, {{"items", CalendarsJson(**config)}});
    });

    router.Add("GET", "/api/v1/calendars/{name}", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (!IsStaff(*actor)) return ErrorResponse({ErrorCode::kPermissionDenied, "staff only", "", {}});
        auto config = s.Config(actor->tenant);
        if (!config) return ErrorResponse(config.error());
        const sla::BusinessCalendar* found = sla::FindCalendar(**config, request.params.at("name"));
        if (!found) return ErrorResponse(NotFound("calendar"));
        return JsonResponse(200, adapters::CalendarToJson(*found));
    });

    router.Add("PUT", "/api/v1/calendars/{name}", [who, change_config](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (!CanEditSla(*actor)) return ErrorResponse(kNotAnEditor);
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        const std::string name = request.params.at("name");
        if (!body->is_object()) return ErrorResponse(Bad("the body is a calendar object", "calendar"));
        if (!body->contains("name")) (*body)["name"] = name;
        auto calendar = adapters::CalendarFromJson(*body);
        if (!calendar) return Unprocessable(calendar.error());
        if (calendar->name != name) return ErrorResponse(Bad("the name in the body differs from the path", "name"));
        bool created = false;
        return change_config(
            *actor,
            [&](sla::SlaConfig& config) -> core::Result<void> {
                for (auto& existing : config.calendars) {
                    if (existing.name == name) {
                        existing = *calendar;
                        return {};
                    }
                }
                created = true;
                config.calendars.push_back(*calendar);
                return {};
            },
            [&](const sla::SlaConfig& config) { return adapters::CalendarToJson(*sla::FindCalendar(config, name)); },
            200);
    });

    router.Add("DELETE", "/api/v1/calendars/{name}", [who, change_config](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (!CanEditSla(*actor)) return ErrorResponse(kNotAnEditor);
        const std::string name = request.params.at("name");
        return change_config(
            *actor,
            [&](sla::SlaConfig& config) -> core::Result<void> {
                auto it = std::find_if(config.calendars.begin(), config.calendars.end(),
                                       [&](const auto& cal) { return cal.name == name; });
                if (it == config.calendars.end()) return tl::unexpected(NotFound("calendar"));
                for (const auto& policy : config.policies) {
                    if (policy.calendar == name) {
                        return core::Fail(ErrorCode::kConflict,
                                          "policy '" + policy.name + "' uses this calendar; change it first",
                                          "calendar");
                    }
                }
                config.calendars.erase(it);
                return {};
            },
            [&](const sla::SlaConfig&) { return json{{"deleted", name}}; }, 200);
    });

    router.Add("POST", "/api/v1/calendars/{name}/holidays", [who, change_config](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (!CanEditSla(*actor)) return ErrorResponse(kNotAnEditor);
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        if (!body->is_object() || body->size() != 1 || !body->contains("ics") || !(*body)["ics"].is_string()) {
            return ErrorResponse(Bad("the body is {\"ics\": \"<the iCalendar file as text>\"}", "ics"));
        }
        auto dates = sla::ParseIcsHolidays((*body)["ics"].get<std::string>());
        if (!dates) return Unprocessable(dates.error());
        const std::string name = request.params.at("name");
        std::size_t added = 0;
        return change_config(
            *actor,
            [&](sla::SlaConfig& config) -> core::Result<void> {
                for (auto& calendar : config.calendars) {
                    if (calendar.name != name) continue;
                    for (auto date : *dates) {
                        if (std::find(calendar.holidays.begin(), calendar.holidays.end(), date) ==
                            calendar.holidays.end()) {
                            calendar.holidays.push_back(date);
                            ++added;
                        }
                    }
                    std::sort(calendar.holidays.begin(), calendar.holidays.end());
                    return {};
                }
                return tl::unexpected(NotFound(name == "24x7" ? "a calendar of your own named 24x7" : "calendar"));
            },
            [&](const sla::SlaConfig& config) {
                json answer = adapters::CalendarToJson(*sla::FindCalendar(config, name));
                answer["added"] = added;
                return answer;
            },
            200);
    });

    router.Add("GET", "/api/v1/sla-policies", [who, &s](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (!IsStaff(*actor)) return ErrorResponse({ErrorCode::kPermissionDenied, "staff only", "", {}});
        auto config = s.Config(actor->tenant);
        if (!config) return ErrorResponse(config.error());
        return JsonResponse(200, PoliciesJson(**config));
    });

    router.Add("PUT", "/api/v1/sla-policies", [who, change_config](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (!CanEditSla(*actor)) return ErrorResponse(kNotAnEditor);
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        if (!body->is_object() || !body->contains("policies")) {
            return ErrorResponse(Bad("the body is {\"policies\": [...], \"regulatory\": {...}}", "policies"));
        }
        for (const auto& [key, value] : body->items()) {
            if (key != "policies" && key != "regulatory") return ErrorResponse(Bad("unknown field " + key, key));
        }
        if (!(*body)["policies"].is_array()) return ErrorResponse(Bad("policies must be a list", "policies"));
        std::vector<sla::SlaPolicy> policies;
        for (const auto& item : (*body)["policies"]) {
            auto policy = adapters::PolicyFromJson(item);
            if (!policy) return Unprocessable(policy.error());
            policies.push_back(std::move(*policy));
        }
        return change_config(
            *actor,
            [&](sla::SlaConfig& config) -> core::Result<void> {
                config.policies = policies;
                if (body->contains("regulatory")) return adapters::RegulatoryFromJson((*body)["regulatory"], config);
                return {};
            },
            PoliciesJson, 200);
    });

    router.Add("GET", "/api/v1/complaints/{id}/sla", [who, &c](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ComplaintIdParam(request);
        if (!id) return ErrorResponse(NotFound("complaint"));
        auto found = c.Get(*actor, *id);
        if (!found) return ErrorResponse(found.error());
        auto state = c.Sla(*actor, *id);
        if (!state) return ErrorResponse(state.error());
        core::Instant at = c.Now();
        return JsonResponse(200, {{"policy", state->policy.empty() ? json(nullptr) : json(state->policy)},
                                  {"state", sla::ToString(state->overall)},
                                  {"now", core::FormatIso8601(at)},
                                  {"first_response", ClockJson(state->first_response, at)},
                                  {"next_update", ClockJson(state->next_update, at)},
                                  {"resolution", ClockJson(state->resolution, at)},
                                  {"regulatory_due", found->sla.regulatory_due_at
                                                         ? json(core::FormatIso8601(*found->sla.regulatory_due_at))
                                                         : json(nullptr)},
                                  {"escalation_level",
                                   core::services::EscalationLevelName(found->sla.escalation_level)},
                                  {"escalation_reason", found->sla.escalation_reason}});
    });

    router.Add("POST", "/api/v1/complaints/{id}/escalate", [who, &c](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ComplaintIdParam(request);
        if (!id) return ErrorResponse(NotFound("complaint"));
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        if (!body->is_object() || body->size() != 1 || !body->contains("reason") || !(*body)["reason"].is_string()) {
            return ErrorResponse(Bad("the body is {\"reason\": \"…\"}", "reason"));
        }
        auto escalated = c.Escalate(*actor, *id, (*body)["reason"].get<std::string>());
        if (!escalated) return ErrorResponse(escalated.error());
        return ComplaintViewResponse(200, *escalated);
    });
}

}  // namespace heed::http
