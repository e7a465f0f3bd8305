#include "http/routing_api.hpp"


#include "core/complaint/pii.hpp"
#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"
#include "http/params.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;
namespace routing = core::routing;
namespace services = core::services;

namespace {

core::Error Bad(std::string message, std::string field) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

json TeamJson(const services::TeamView& view) {
    return {{"name", view.team.name},
            {"lead", view.team.lead},
            {"department", view.team.department},
            {"members", view.members},
            {"updated_at", core::FormatIso8601(view.team.updated_at)}};
}

json AgentJson(const services::AgentView& view) {
    const auto& p = view.profile;
    json channels = json::array();
    for (auto channel : p.skills.channels) channels.push_back(core::complaint::ToString(channel));
    return {
        {"username", p.username},
        {"role", core::workflow::ToString(view.role)},
        {"team", view.team},
        {"enabled", view.enabled},
        {"skills", {{"categories", p.skills.categories}, {"languages", p.skills.languages}, {"channels", channels}}},
        {"level", routing::ToString(p.level)},
        {"capacity", p.capacity},
        {"status", routing::ToString(p.status)},
        {"load", view.load},
        {"updated_at", core::FormatIso8601(p.updated_at)}};
}

}  // namespace

void AddRoutingApi(Router& router, services::RoutingService& routing,
                   std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate) {
    auto who = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    auto& r = routing;

    router.Add("GET", "/api/v1/teams", [who, &r](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto teams = r.Teams(*actor);
        if (!teams) return ErrorResponse(teams.error());
        json items = json::array();
        for (const auto& t : *teams) items.push_back(TeamJson(t));
        return JsonResponse(200, {{"items", items}});
    });

    router.Add("PUT", "/api/v1/teams/{name}", [who, &r](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseFields(request.body, {{"lead", 's'}, {"department", 'b'}});
        if (!body) return ErrorResponse(body.error());
        routing::Team team;
        team.name = request.params.at("name");
        team.lead = body->value("lead", "");
        team.department = body->value("department", false);
        auto stored = r.PutTeam(*actor, team);
        if (!stored) return ErrorResponse(stored.error());
        return JsonResponse(200, TeamJson(*stored));
    });

    router.Add("DELETE", "/api/v1/teams/{name}", [who, &r](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto deleted = r.DeleteTeam(*actor, request.params.at("name"));
        if (!deleted) return ErrorResponse(deleted.error());
        return Response{204, "application/json", "", {}};
    });

    router.Add("GET", "/api/v1/agents", [who, &r](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto agents = r.Agents(*actor);
        if (!agents) return ErrorResponse(agents.error());
        json items = json::array();
        for (const auto& a : *agents) items.push_back(AgentJson(a));
        return JsonResponse(200, {{"items", items}});
    });

    router.Add("PUT", "/api/v1/agents/{username}", [who, &r](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseFields(request.body, {{"categories", 'a'},
                                          {"languages", 'a'},
                                          {"channels", 'a'},
                                          {"level", 's'},
                                          {"capacity", 'i'},
                                          {"status", 's'}});
        if (!body) return ErrorResponse(body.error());
        routing::AgentProfile profile;
        profile.username = request.params.at("username");
        profile.skills.categories = body->value("categories", std::vector<std::string>{});
        profile.skills.languages = body->value("languages", std::vector<std::string>{});
        for (const auto& name : body->value("channels", std::vector<std::string>{})) {
            auto channel = core::ValueOf(core::complaint::kChannelNames, name);
            if (!channel) return ErrorResponse(Bad("unknown channel " + name, "channels"));
            profile.skills.channels.push_back(*channel);
        }
        auto level = core::ValueOf(routing::kLevelNames, body->value("level", "junior"));
        if (!level) return ErrorResponse(Bad("level must be junior, senior or expert", "level"));
        profile.level = *level;
        auto status = core::ValueOf(routing::kWorkStatusNames, body->value("status", "available"));
        if (!status) return ErrorResponse(Bad("status must be available, away or offline", "status"));
        profile.status = *status;
        auto capacity = body->value("capacity", std::int64_t{10});
        if (capacity < 0 || capacity > routing::kMaxCapacity) {
            return ErrorResponse(
                Bad("capacity must be between 0 and " + std::to_string(routing::kMaxCapacity), "capacity"));
        }
        profile.capacity = static_cast<int>(capacity);
        auto stored = r.PutAgent(*actor, profile);
        if (!stored) return ErrorResponse(stored.error());
        return JsonResponse(200, AgentJson(*stored));
    });

    router.Add("PUT", "/api/v1/agents/{username}/status", [who, &r](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseFields(request.body, {{"status", 's'}});
        if (!body) return ErrorResponse(body.error());
        auto status = core::ValueOf(routing::kWorkStatusNames, body->value("status", ""));
        if (!status) return ErrorResponse(Bad("status must be available, away or offline", "status"));
        auto stored = r.SetWorkStatus(*actor, request.params.at("username"), *status);
        if (!stored) return ErrorResponse(stored.error());
        return JsonResponse(200, AgentJson(*stored));
    });

    router.Add("GET", "/api/v1/settings/routing", [who, &r](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (actor->role != core::workflow::Role::kAdmin && actor->role != core::workflow::Role::kManager) {
            return ErrorResponse(
                {ErrorCode::kPermissionDenied, "only admins and managers see routing settings", "", {}});
        }
        auto enabled = r.AutoAssignEnabled(actor->tenant);
        if (!enabled) return ErrorResponse(enabled.error());
        return JsonResponse(200, {{"auto_assign", *enabled}});
    });

    router.Add("PUT", "/api/v1/settings/routing", [who, &r](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseFields(request.body, {{"auto_assign", 'b'}});
        if (!body) return ErrorResponse(body.error());
        if (!body->contains("auto_assign")) return ErrorResponse(Bad("auto_assign is required", "auto_assign"));
        auto enabled = r.SetAutoAssign(*actor, (*body)["auto_assign"].get<bool>());
        if (!enabled) return ErrorResponse(enabled.error());
        return JsonResponse(200, {{"auto_assign", *enabled}});
    });

    router.Add("POST", "/api/v1/complaints/{id}/assign", [who, &r](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ComplaintIdParam(request);
        if (!id) return ErrorResponse({ErrorCode::kNotFound, "complaint not found", "", {}});
        auto body = ParseFields(request.body,
                           {{"assignee", 's'}, {"reason", 's'}, {"auto", 'b'}, {"department", 's'}, {"version", 'i'}});
        if (!body) return ErrorResponse(body.error());
        services::AssignRequest assign;
        assign.assignee = body->value("assignee", "");
        assign.automatic = body->value("auto", false);
        assign.department = body->value("department", "");
        assign.reason = body->value("reason", "");
        if (body->contains("version")) assign.expected_version = (*body)["version"].get<std::int64_t>();
        auto outcome = r.Assign(*actor, *id, assign);
        if (!outcome) return ErrorResponse(outcome.error());
        core::complaint::Complaint shown = outcome->complaint;
        core::complaint::MaskContactDetails(shown);
        Response response = JsonResponse(
            200, {{"assigned", outcome->assigned}, {"reason", outcome->reason}, {"complaint", ComplaintToJson(shown)}});
        response.headers.emplace_back("ETag", "\"" + std::to_string(outcome->complaint.version) + "\"");
        return response;
    });
}

}  // namespace heed::http
