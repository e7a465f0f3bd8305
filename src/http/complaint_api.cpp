#include "http/complaint_api.hpp"

#include <set>

#include "core/complaint/pii.hpp"
#include "http/complaint_json.hpp"
#include "http/json_dto.hpp"
#include "http/landing_page.hpp"
#include "http/params.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;
namespace ports = core::ports;

namespace {

core::Error BadArgument(std::string message, std::string field) {
    return core::Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

std::string EncodeCursor(ports::SortOrder sort, bool by_id, const ports::Cursor& cursor) {
    char tag = by_id ? 't' : sort == ports::SortOrder::kDueAsc ? 'd' : sort == ports::SortOrder::kReceivedAsc ? 'a' : 'r';
    return std::string(1, tag) + "." + std::to_string(cursor.key) + "." + std::to_string(cursor.id.value);
}

core::Result<ports::ComplaintQuery> QueryFrom(const Request& request) {
    ports::ComplaintQuery query;
    const auto& q = request.query;
    static const std::set<std::string> kKnown{"status", "category", "assignee", "channel", "received_from",
                                              "received_to", "q", "sort", "limit", "cursor", "queue",
                                              "sla_state", "number"};
    for (const auto& [key, value] : q) {
        if (!kKnown.count(key)) return tl::unexpected(BadArgument("unknown query parameter " + key, key));
    }
    if (auto it = q.find("status"); it != q.end()) {
        std::string_view rest = it->second;
        while (!rest.empty()) {
            auto comma = rest.find(',');
            auto name = rest.substr(0, comma);
            auto status = core::ValueOf(core::workflow::kStatusNames, name);
            if (!status) return tl::unexpected(BadArgument("unknown status " + std::string(name), "status"));
            query.statuses.push_back(*status);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    if (auto it = q.find("number"); it != q.end()) query.number = it->second;
    if (auto it = q.find("category"); it != q.end()) query.category = it->second;
    if (auto it = q.find("assignee"); it != q.end()) query.assignee = it->second;
    if (auto it = q.find("channel"); it != q.end()) {
        query.channel = core::ValueOf(core::complaint::kChannelNames, it->second);
        if (!query.channel) return tl::unexpected(BadArgument("unknown channel " + it->second, "channel"));
    }
    for (const char* key : {"received_from", "received_to"}) {
        if (auto it = q.find(key); it != q.end()) {
            auto instant = core::ParseIso8601(it->second);
            if (!instant) return tl::unexpected(BadArgument(std::string(key) + " must be ISO 8601", key));
            (std::string_view(key) == "received_from" ? query.received_from : query.received_to) = instant;
        }
    }
    if (auto it = q.find("queue"); it != q.end()) {
        if (it->second != "triage") return tl::unexpected(BadArgument("queue takes the value triage", "queue"));
        query.triage_queue = true;
    }
    if (auto it = q.find("sla_state"); it != q.end()) {
        static const std::set<std::string_view> kSlaStates{"breached", "warning", "running", "paused",
                                                           "met",      "stopped", "inactive"};
        std::string_view rest = it->second;
        while (true) {
            auto comma = rest.find(',');
            auto name = rest.substr(0, comma);
            if (!kSlaStates.count(name)) {
                return tl::unexpected(BadArgument(
                    "sla_state takes breached, warning, running, paused, met, stopped or inactive (comma-separated)",
                    "sla_state"));
            }
            query.sla_states.emplace_back(name);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    if (auto it = q.find("q"); it != q.end()) query.text = it->second;
    if (auto it = q.find("sort"); it != q.end()) {
        if (it->second == "received_desc") query.sort = ports::SortOrder::kReceivedDesc;
        else if (it->second == "received_asc") query.sort = ports::SortOrder::kReceivedAsc;
        else if (it->second == "due_asc") query.sort = ports::SortOrder::kDueAsc;
        else return tl::unexpected(BadArgument("sort must be received_desc, received_asc or due_asc", "sort"));
    }
    if (auto it = q.find("limit"); it != q.end()) {
        auto limit = ParseInteger(it->second);
        if (!limit || *limit < 1 || *limit > 500) {
            return tl::unexpected(BadArgument("limit must be between 1 and 500", "limit"));
        }
        query.limit = static_cast<int>(*limit);
    }
    if (auto it = q.find("cursor"); it != q.end()) {
        const std::string& text = it->second;
        auto first = text.find('.');
        auto second = first == std::string::npos ? std::string::npos : text.find('.', first + 1);
        std::optional<std::int64_t> key, id;
        if (second != std::string::npos) {
            key = ParseInteger(std::string_view(text).substr(first + 1, second - first - 1));
            id = ParseInteger(std::string_view(text).substr(second + 1));
        }
        ports::Cursor cursor{key.value_or(0), core::ComplaintId{id.value_or(0)}};
        if (!key || !id || text.substr(0, first) != EncodeCursor(query.sort, !query.text.empty(), cursor).substr(0, 1)) {
            return tl::unexpected(BadArgument("cursor is not valid for this query", "cursor"));
        }
        query.after = cursor;
    }
    return query;
}

std::optional<std::int64_t> IfMatchVersion(const Request& request) {
    std::string value = request.Header("if-match");
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (value.rfind("W/", 0) == 0) return std::nullopt;
    return ParseInteger(value);
}

Response WithETag(Response response, std::int64_t version) {
    response.headers.emplace_back("ETag", "\"" + std::to_string(version) + "\"");
    return response;
}

}  // namespace

json ComplaintView(core::complaint::Complaint complaint) {
    core::complaint::MaskContactDetails(complaint);
    return ComplaintToJson(complaint);
}

Response ComplaintViewResponse(int status, core::complaint::Complaint complaint) {
    core::complaint::MaskContactDetails(complaint);
    Response response{status, "application/json", {}, {}};
    AppendComplaintJson(response.body, complaint);
    return response;
}

Response IntakeResponse(const core::Result<core::complaint::Complaint>& filed) {
    if (!filed) return ErrorResponse(filed.error());
    Response response{201, "application/json", {}, {}};
    std::string& body = response.body;
    body.reserve(4096);
    AppendComplaintJson(body, *filed);
    body.pop_back();  // the complaint's closing brace: the tracking details join it
    const std::string& number = filed->number;
    body += ",\"tracking\":{\"number\":";
    AppendJsonString(body, number);
    body += ",\"url\":";
    AppendJsonString(body, "/track?number=" + number);  // the customer's tracking page
    body += ",\"api_url\":";
    AppendJsonString(body, "/api/v1/track?number=" + number);  // the same as JSON (add &contact=…)
    body += ",\"message\":";
    AppendJsonString(body, "Your complaint " + number +
                               " has been received. Track it with this number and the phone or e-mail you gave. / "
                               "您的投诉已受理，投诉单号 " + number + "，可凭单号和联系电话或邮箱查询进度。");
    body += "}}";
    response = WithETag(std::move(response), filed->version);
    response.headers.emplace_back("Location", "/api/v1/complaints/" + std::to_string(filed->id.value));
    return response;
}

int StatusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument: return 400;
        case ErrorCode::kUnauthenticated: return 401;
        case ErrorCode::kPermissionDenied: return 403;
        case ErrorCode::kNotFound: return 404;
        case ErrorCode::kConflict: return 409;
        case ErrorCode::kPayloadTooLarge: return 413;
        case ErrorCode::kIllegalTransition: return 422;
        case ErrorCode::kResourceExhausted: return 429;
        case ErrorCode::kUnavailable:
        case ErrorCode::kFailedPrecondition: return 503;
        case ErrorCode::kInternal: return 500;
    }
    return 500;
}

Response JsonResponse(int status, const json& body) {
    return Response{status, "application/json", DumpJson(body), {}};
}

Response ErrorResponse(const core::Error& error) {
    core::Error shown = error;
    // Internal detail (SQLite text, exceptions) stays in the server log.
    if (error.code == ErrorCode::kInternal || error.code == ErrorCode::kUnavailable) {
        shown.message = error.code == ErrorCode::kInternal ? "internal error" : "service unavailable, retry shortly";
    }
    Response response = JsonResponse(StatusFor(error.code), ErrorToJson(shown));
    // The analytics roll-up still being built (core/analytics/facts_cache.hpp): worth asking again shortly.
    if (error.code == ErrorCode::kFailedPrecondition && error.field == "roll_up") {
        response.headers.emplace_back("Retry-After", "5");
    }
    return response;
}

void AddComplaintApi(Router& router, core::services::ComplaintService& service, ApiOptions options) {
    auto& s = service;
    // Every /api/v1 route but public tracking runs as an authenticated actor, scoped to the actor's tenant.
    auto auth = std::make_shared<decltype(options.authenticate)>(std::move(options.authenticate));
    auto authed = [auth](auto handler) {
        return [auth, handler](const Request& request) -> Response {
            auto actor = (*auth)(request);
            if (!actor) return ErrorResponse(actor.error());
            return handler(request, *actor);
        };
    };
    if (options.landing_page) {
        router.Add("GET", "/", [](const Request&) { return Response{200, "text/html; charset=utf-8", LandingPage(), {}}; });
    }
    router.Add("GET", "/healthz", [](const Request&) { return JsonResponse(200, {{"status", "ok"}}); });
    router.Add("GET", "/readyz", [ready = options.ready](const Request&) {
        bool ok = !ready || ready();
        return JsonResponse(ok ? 200 : 503, {{"status", ok ? "ready" : "unavailable"}});
    });
    router.Add("GET", "/metrics", [metrics = options.metrics](const Request&) {
        return Response{200, "text/plain; version=0.0.4", metrics ? metrics() : std::string(), {}};
    });
    router.Add("GET", "/api/openapi.json",
               [](const Request&) { return Response{200, "application/json", OpenApiDocument(), {}}; });

    // Intake does not block a thread while its group commit is in flight: validation runs on the I/O thread, the
    // store's writer completes it, and the answer is built back on the connection's strand.
    router.AddAsync("POST", "/api/v1/complaints", [&s, auth](const Request& request, Reply reply) {
        auto actor = (*auth)(request);
        if (!actor) return reply([error = actor.error()] { return ErrorResponse(error); });
        auto body = ParseBody(request.body);
        if (!body) return reply([error = body.error()] { return ErrorResponse(error); });
        auto draft = ComplaintFromJson(*body);
        if (!draft) return reply([error = draft.error()] { return ErrorResponse(error); });
        s.FileAsync(*actor, std::move(*draft), [reply](core::Result<core::complaint::Complaint> filed) {
            reply([filed = std::move(filed)] { return IntakeResponse(filed); });
        });
    });

    router.Add("GET", "/api/v1/complaints", authed([&s](const Request& request, const core::workflow::Actor& actor) {
        auto query = QueryFrom(request);
        if (!query) return ErrorResponse(query.error());
        auto page = s.List(actor, *query);
        if (!page) return ErrorResponse(page.error());
        Response response{200, "application/json", "{\"items\":[", {}};
        std::string& body = response.body;
        body.reserve(64 + page->items.size() * 3072);
        for (std::size_t i = 0; i < page->items.size(); ++i) {
            if (i) body += ',';
            core::complaint::MaskContactDetails(page->items[i]);  // the page is this answer's own: no copy
            AppendComplaintJson(body, page->items[i]);
        }
        body += "],\"next_cursor\":";
        if (page->next) {
            AppendJsonString(body, EncodeCursor(query->sort, !query->text.empty(), *page->next));
        } else {
            body += "null";
        }
        body += '}';
        return response;
    }));

    router.Add("GET", "/api/v1/complaints/{id}", authed([&s, audit = options.audit](const Request& request,
                                                                                    const core::workflow::Actor& actor) {
        auto id = ComplaintIdParam(request);
        if (!id) return ErrorResponse({ErrorCode::kNotFound, "complaint not found", "", {}});
        auto reveal = request.query.find("reveal");
        if (reveal != request.query.end() && reveal->second != "contact") {
            return ErrorResponse(BadArgument("reveal takes the value contact", "reveal"));
        }
        auto found = s.Get(actor, *id);
        if (!found) return ErrorResponse(found.error());
        if (reveal == request.query.end()) return WithETag(ComplaintViewResponse(200, *found), found->version);
        if (!core::complaint::SeesContactDetails(actor.role)) {
            return ErrorResponse({ErrorCode::kPermissionDenied,
                                  "the " + std::string(core::workflow::ToString(actor.role)) +
                                      " role does not see customers' contact details",
                                  "reveal", {}});
        }
        if (audit) {
            // No record, no reveal: the view is durable in the audit log before the details leave the server.
            auto recorded = audit->Record({actor, "complaint.contact_viewed", "complaint", id->value,
                                           "number=" + found->number});
            if (!recorded) return ErrorResponse(recorded.error());
        }
        Response response{200, "application/json", {}, {}};
        AppendComplaintJson(response.body, *found);
        return WithETag(std::move(response), found->version);
    }));

    router.Add("PATCH", "/api/v1/complaints/{id}", authed([&s](const Request& request, const core::workflow::Actor& actor) {
        auto id = ComplaintIdParam(request);
        if (!id) return ErrorResponse({ErrorCode::kNotFound, "complaint not found", "", {}});
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        auto patch = PatchFromJson(*body);
        if (!patch) return ErrorResponse(patch.error());
        auto version = patch->version ? patch->version : IfMatchVersion(request);
        if (!version) {
            return ErrorResponse(BadArgument("send the version you edited, in the body or as If-Match", "version"));
        }
        auto updated = s.Update(actor, *id, *version, patch->patch);
        if (!updated) return ErrorResponse(updated.error());
        const std::int64_t version_now = updated->version;
        return WithETag(ComplaintViewResponse(200, std::move(*updated)), version_now);
    }));

    router.Add("POST", "/api/v1/complaints/{id}/transitions", authed([&s](const Request& request, const core::workflow::Actor& actor) {
        auto id = ComplaintIdParam(request);
        if (!id) return ErrorResponse({ErrorCode::kNotFound, "complaint not found", "", {}});
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        auto transition = TransitionFromJson(*body);
        if (!transition) return ErrorResponse(transition.error());
        auto version = transition->version ? transition->version : IfMatchVersion(request);
        auto moved = s.Transition(actor, *id, version, transition->to, transition->input);
        if (!moved) return ErrorResponse(moved.error());
        const std::int64_t version_now = moved->version;
        return WithETag(ComplaintViewResponse(200, std::move(*moved)), version_now);
    }));

    router.Add("POST", "/api/v1/complaints/{id}/messages", authed([&s](const Request& request, const core::workflow::Actor& actor) {
        auto id = ComplaintIdParam(request);
        if (!id) return ErrorResponse({ErrorCode::kNotFound, "complaint not found", "", {}});
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        auto message = MessageFromJson(*body);
        if (!message) return ErrorResponse(message.error());
        auto added = s.AddMessage(actor, *id, message->direction, std::move(message->body));
        if (!added) return ErrorResponse(added.error());
        return JsonResponse(201, MessageToJson(*added));
    }));

    router.Add("GET", "/api/v1/complaints/{id}/messages", authed([&s](const Request& request, const core::workflow::Actor& actor) {
        auto id = ComplaintIdParam(request);
        if (!id) return ErrorResponse({ErrorCode::kNotFound, "complaint not found", "", {}});
        auto messages = s.Messages(actor, *id);
        if (!messages) return ErrorResponse(messages.error());
        json items = json::array();
        for (const auto& m : *messages) items.push_back(MessageToJson(m));
        return JsonResponse(200, {{"items", items}});
    }));

    router.Add("GET", "/api/v1/complaints/{id}/events", authed([&s](const Request& request, const core::workflow::Actor& actor) {
        auto id = ComplaintIdParam(request);
        if (!id) return ErrorResponse({ErrorCode::kNotFound, "complaint not found", "", {}});
        auto events = s.Events(actor, *id);
        if (!events) return ErrorResponse(events.error());
        json items = json::array();
        for (const auto& e : *events) items.push_back(EventToJson(e));
        return JsonResponse(200, {{"items", items}});
    }));

    if (options.verify_audit) {
        router.Add("GET", "/api/v1/audit/verify",
                   authed([verify = options.verify_audit](const Request&, const core::workflow::Actor& actor) {
                       if (actor.role != core::workflow::Role::kAdmin && actor.role != core::workflow::Role::kManager) {
                           return ErrorResponse({ErrorCode::kPermissionDenied, "only admins and managers verify the audit log", "", {}});
                       }
                       auto report = verify();
                       if (!report) return ErrorResponse(report.error());
                       return JsonResponse((*report)["ok"].get<bool>() ? 200 : 409, *report);
                   }));
    }

    // The public endpoints: no credentials, so each client address is rate-limited, and the tenant is named in the
    // query (?tenant=NAME; the default tenant otherwise).
    // Returns the refusal, or nullopt with `tenant` set.
    auto public_gate = [resolve = options.resolve_tenant, limit = options.public_limit](
                           const Request& request, core::TenantId& tenant) -> std::optional<Response> {
        if (limit) {
            if (auto wait = limit->Take(request.remote_address, std::chrono::steady_clock::now())) {
                Response refusal = ErrorResponse({ErrorCode::kResourceExhausted,
                                                  "too many requests; retry in " + std::to_string(wait->count()) + " s",
                                                  "", {}});
                refusal.headers.emplace_back("Retry-After", std::to_string(wait->count()));
                return refusal;
            }
        }
        tenant = core::kDefaultTenant;
        auto named = request.query.find("tenant");
        if (named == request.query.end() || named->second == "default") return std::nullopt;
        auto found = resolve ? resolve(named->second) : core::Result<core::TenantId>(tl::unexpected(core::Error{}));
        if (!found) return ErrorResponse({ErrorCode::kNotFound, "no such tenant", "tenant", {}});
        tenant = *found;
        return std::nullopt;
    };

    // Public intake from the web form: the customer's own fields only; the channel is web and the actor the customer.
    router.AddAsync("POST", "/api/v1/public/complaints", [&s, public_gate](const Request& request, Reply reply) {
        core::TenantId tenant;
        if (auto refusal = public_gate(request, tenant)) return reply([refusal = *refusal] { return refusal; });
        auto body = ParseBody(request.body);
        if (!body) return reply([error = body.error()] { return ErrorResponse(error); });
        static const std::set<std::string> kCustomerFields{"customer", "subject", "description", "occurred_at",
                                                           "location", "order_ref", "product_ref", "amount_in_dispute",
                                                           "currency", "remedy_sought", "language"};
        std::string language;
        if (body->is_object()) {
            for (const auto& [key, value] : body->items()) {
                if (!kCustomerFields.count(key)) {
                    return reply([field = key] { return ErrorResponse(BadArgument("unknown field " + field, field)); });
                }
            }
            if (auto customer = body->find("customer"); customer != body->end() && customer->is_object()) {
                for (const auto& [key, value] : customer->items()) {
                    if (key != "name" && key != "phone" && key != "email") {
                        return reply([field = "customer." + key] {
                            return ErrorResponse(BadArgument("unknown field " + field, field));
                        });
                    }
                }
            }
            if (auto it = body->find("language"); it != body->end()) {
                if (!it->is_string() || (*it != "zh" && *it != "en")) {
                    return reply([] { return ErrorResponse(BadArgument("language must be zh or en", "language")); });
                }
                language = it->get<std::string>();
                body->erase("language");
            }
            (*body)["channel"] = "web";
        }
        auto draft = ComplaintFromJson(*body);
        if (!draft) return reply([error = draft.error()] { return ErrorResponse(error); });
        if (draft->customer.phone.empty() && draft->customer.email.empty()) {
            return reply([] {
                return ErrorResponse(BadArgument("a phone number or an e-mail address is needed to track the complaint",
                                                 "customer.phone"));
            });
        }
        if (!language.empty()) draft->attributes["language"] = language;
        core::workflow::Actor customer{tenant, "customer:web", core::workflow::Role::kCustomer, {}};
        std::string tenant_query;
        if (auto named = request.query.find("tenant"); named != request.query.end() && named->second != "default") {
            tenant_query = "&tenant=" + named->second;  // a valid tenant name: URL-safe characters only
        }
        s.FileAsync(customer, std::move(*draft), [reply, tenant_query](core::Result<core::complaint::Complaint> filed) {
            reply([filed = std::move(filed), tenant_query] {
                if (!filed) return ErrorResponse(filed.error());
                Response response = IntakeResponse(filed);
                // The customer sees their number, status and tracking; nothing of the internal record.
                json out = json::parse(response.body);
                out["tracking"]["url"] = out["tracking"]["url"].get<std::string>() + tenant_query;
                out["tracking"]["api_url"] = out["tracking"]["api_url"].get<std::string>() + tenant_query;
                response.body = DumpJson(json{{"number", out["number"]}, {"status", out["status"]}, {"tracking", out["tracking"]}});
                std::erase_if(response.headers, [](const auto& h) { return h.first == "Location" || h.first == "ETag"; });
                return response;
            });
        });
    });

    // Public tracking: the number plus the phone or e-mail given at intake; no internal notes, no staff names.
    router.Add("GET", "/api/v1/track", [&s, public_gate](const Request& request) {
        core::TenantId tenant;
        if (auto refusal = public_gate(request, tenant)) return *refusal;
        auto number = request.query.find("number");
        auto contact = request.query.find("contact");
        core::Error not_found{ErrorCode::kNotFound, "no complaint with this number and contact", "", {}};
        if (number == request.query.end() || contact == request.query.end() || contact->second.empty()) {
            return ErrorResponse(BadArgument("number and contact (phone or e-mail) are required", "contact"));
        }
        auto complaint = s.GetByNumber(tenant, number->second);
        if (!complaint || (complaint->customer.phone != contact->second && complaint->customer.email != contact->second)) {
            return ErrorResponse(not_found);
        }
        auto messages = s.Messages(tenant, complaint->id);
        json public_messages = json::array();
        if (messages) {
            for (const auto& m : *messages) {
                if (m.direction == core::complaint::Direction::kInternal) continue;
                public_messages.push_back({{"direction", core::NameOf(core::complaint::kDirectionNames, m.direction)},
                                           {"body", m.body},
                                           {"at", core::FormatIso8601(m.created_at)}});
            }
        }
        return JsonResponse(200, {{"number", complaint->number},
                          {"status", core::workflow::ToString(complaint->status)},
                          {"subject", complaint->subject},
                          {"received_at", core::FormatIso8601(complaint->milestones.received_at)},
                          {"updated_at", core::FormatIso8601(complaint->updated_at)},
                          {"resolution_summary", complaint->resolution_summary},
                          {"customer_acceptance", complaint->customer_acceptance
                                                      ? json(core::NameOf(core::complaint::kAcceptanceNames,
                                                                          *complaint->customer_acceptance))
                                                      : json(nullptr)},
                          {"messages", public_messages}});
    });
}

}  // namespace heed::http
