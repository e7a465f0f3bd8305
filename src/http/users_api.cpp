#include "http/users_api.hpp"

#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;

namespace {

json UserJson(const core::identity::User& u) {
    return {{"username", u.username}, {"role", core::workflow::ToString(u.role)}, {"team", u.team},
            {"email", u.email}, {"disabled", u.disabled}, {"created_at", core::FormatIso8601(u.created_at)}};
}

core::Error Bad(std::string message, std::string field) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

// The JSON object with only `allowed` keys, text values except `disabled` (boolean).
core::Result<json> UserBody(const std::string& body, std::initializer_list<const char*> allowed) {
    auto parsed = ParseBody(body);
    if (!parsed) return parsed;
    for (const auto& [key, value] : parsed->items()) {
        bool known = false;
        for (const char* a : allowed) known |= key == a;
        if (!known) return tl::unexpected(Bad("unknown field " + key, key));
        if (key == "disabled" ? !value.is_boolean() : !value.is_string()) {
            return tl::unexpected(Bad(key + " has the wrong type", key));
        }
    }
    return parsed;
}

core::Result<core::workflow::Role> RoleFrom(const json& body) {
    auto role = core::ValueOf(core::workflow::kRoleNames, body.value("role", "agent"));
    if (!role || *role == core::workflow::Role::kSystem) {
        return tl::unexpected(Bad("role must be customer, agent, team_lead, manager, director, department, analyst or admin", "role"));
    }
    return *role;
}

}  // namespace

void AddUsersApi(Router& router, core::services::AuthService& auth,
                 std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate) {
    auto who = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    auto& a = auth;

    router.Add("GET", "/api/v1/users", [who, &a](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto users = a.Users(*actor);
        if (!users) return ErrorResponse(users.error());
        json items = json::array();
        for (const auto& u : *users) items.push_back(UserJson(u));
        return JsonResponse(200, {{"items", items}});
    });

    router.Add("POST", "/api/v1/users", [who, &a](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = UserBody(request.body, {"username", "password", "role", "team", "email"});
        if (!body) return ErrorResponse(body.error());
        auto role = RoleFrom(*body);
        if (!role) return ErrorResponse(role.error());
        auto added = a.AddUser(actor->tenant, body->value("username", ""), body->value("password", ""), *role,
                               body->value("team", ""), *actor, body->value("email", ""));
        if (!added) return ErrorResponse(added.error());
        added->password_hash.clear();
        return JsonResponse(201, UserJson(*added));
    });

    router.Add("PATCH", "/api/v1/users/{username}", [who, &a](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = UserBody(request.body, {"role", "team", "disabled", "password", "email"});
        if (!body) return ErrorResponse(body.error());
        core::services::UserChange change;
        if (body->contains("role")) {
            auto role = RoleFrom(*body);
            if (!role) return ErrorResponse(role.error());
            change.role = *role;
        }
        if (body->contains("team")) change.team = (*body)["team"].get<std::string>();
        if (body->contains("disabled")) change.disabled = (*body)["disabled"].get<bool>();
        if (body->contains("password")) change.password = (*body)["password"].get<std::string>();
        if (body->contains("email")) change.email = (*body)["email"].get<std::string>();
        auto changed = a.ChangeUser(*actor, request.params.at("username"), change);
        if (!changed) return ErrorResponse(changed.error());
        return JsonResponse(200, UserJson(*changed));
    });
}

}  // namespace heed::http
