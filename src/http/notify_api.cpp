#include "http/notify_api.hpp"


#include "core/common/utf8.hpp"
#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"
#include "http/params.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;
namespace notify = core::notify;
using core::workflow::Role;

namespace {

core::Error Bad(std::string message, std::string field) {
    return core::Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

json MessageToJson(const notify::OutboxMessage& m) {
    return json{{"id", m.id},
                {"complaint_id", m.complaint ? json(m.complaint->value) : json(nullptr)},
                {"kind", core::NameOf(notify::kNotificationKindNames, m.kind)},
                {"to", m.to},
                {"language", m.language},
                {"subject", m.subject},
                {"body", m.body},
                {"status", core::NameOf(notify::kOutboxStatusNames, m.status)},
                {"attempts", m.attempts},
                {"created_at", core::FormatIso8601(m.created_at)},
                {"next_attempt_at", core::FormatIso8601(m.next_attempt_at)},
                {"sent_at", m.sent_at ? json(core::FormatIso8601(*m.sent_at)) : json(nullptr)},
                {"last_error", m.last_error}};
}

}  // namespace

void AddNotifyApi(Router& router, core::services::NotificationService& notifications,
                  core::services::ComplaintService& complaints,
                  std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate) {
    auto auth = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    router.Add("GET", "/api/v1/outbox", [&notifications, auth](const Request& request) {
        auto actor = (*auth)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (actor->role != Role::kAdmin && actor->role != Role::kManager && actor->role != Role::kDirector &&
            actor->role != Role::kTeamLead) {
            return ErrorResponse({ErrorCode::kPermissionDenied, "the outbox is for leads, managers and admins", "", {}});
        }
        std::optional<notify::OutboxStatus> status;
        std::optional<core::ComplaintId> complaint;
        int limit = 100;
        for (const auto& [key, value] : request.query) {
            if (key == "status") {
                status = core::ValueOf(notify::kOutboxStatusNames, value);
                if (!status) return ErrorResponse(Bad("status must be pending, sent or failed", "status"));
            } else if (key == "complaint_id") {
                auto id = ParseInteger(value);
                if (!id || *id <= 0) return ErrorResponse(Bad("complaint_id must be a positive integer", "complaint_id"));
                complaint = core::ComplaintId{*id};
            } else if (key == "limit") {
                auto n = ParseInteger(value);
                if (!n || *n < 1 || *n > 500) return ErrorResponse(Bad("limit must be between 1 and 500", "limit"));
                limit = static_cast<int>(*n);
            } else {
                return ErrorResponse(Bad("unknown query parameter " + key, key));
            }
        }
        auto items = notifications.List(actor->tenant, status, complaint, limit);
        if (!items) return ErrorResponse(items.error());
        json list = json::array();
        for (const auto& m : *items) list.push_back(MessageToJson(m));
        return JsonResponse(200, {{"smtp_configured", notifications.sending()},
                                  {"note", notifications.sending() ? "" : "no mail server is configured ([smtp] url): "
                                                                          "messages are kept here until one is"},
                                  {"items", list}});
    });

    router.Add("POST", "/api/v1/notifications", [&notifications, &complaints, auth](const Request& request) {
        auto actor = (*auth)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (actor->role == Role::kCustomer || actor->role == Role::kAnalyst) {
            return ErrorResponse({ErrorCode::kPermissionDenied, "this role does not write to customers", "", {}});
        }
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        std::optional<std::int64_t> id;
        std::string kind, text;
        for (const auto& [key, value] : body->items()) {
            if (key == "complaint_id") {
                if (!value.is_number_integer()) return ErrorResponse(Bad("complaint_id must be an integer", key));
                id = value.get<std::int64_t>();
            } else if (key == "kind" || key == "text") {
                if (!value.is_string()) return ErrorResponse(Bad(key + " must be a string", key));
                (key == "kind" ? kind : text) = value.get<std::string>();
            } else {
                return ErrorResponse(Bad("unknown field " + key, key));
            }
        }
        if (!id || *id <= 0) return ErrorResponse(Bad("complaint_id is required", "complaint_id"));
        if (kind != "update") return ErrorResponse(Bad("kind must be update (the others are sent by Heed itself)", "kind"));
        if (text.find_first_not_of(" \t\r\n") == std::string::npos || text.size() > 5000 || !core::IsValidUtf8(text)) {
            return ErrorResponse(Bad("text is required: valid UTF-8, at most 5000 bytes", "text"));
        }
        auto found = complaints.Get(*actor, core::ComplaintId{*id});
        if (!found) return ErrorResponse(found.error());
        auto queued = notifications.Notify(*found, notify::NotificationKind::kUpdate, {{"text", text}});
        if (!queued) return ErrorResponse(queued.error());
        if (!*queued) {
            return ErrorResponse(Bad("the customer gave no usable e-mail address", "customer.email"));
        }
        return JsonResponse(201, MessageToJson(**queued));
    });
}

}  // namespace heed::http
