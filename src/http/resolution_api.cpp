#include "http/resolution_api.hpp"


#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"
#include "http/params.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;
namespace resolution = core::resolution;

namespace {

core::Error Bad(std::string message, std::string field) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

std::optional<std::int64_t> IfMatch(const Request& request) {
    std::string value = request.Header("if-match");
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return ParseInteger(value);
}

json Instant(const std::optional<core::Instant>& at) { return at ? json(core::FormatIso8601(*at)) : json(nullptr); }

json StatsJson(const resolution::TemplateStats& s) {
    auto mean = s.CsatMean();
    return {{"uses", s.uses},
            {"replies", s.replies},
            {"resolutions", s.resolutions},
            {"resolved_complaints", s.resolved_complaints},
            {"csat", {{"mean", mean ? json(*mean) : json(nullptr)}, {"n", s.csat_n}}},
            {"last_used_at", Instant(s.last_used_at)}};
}

json TemplateJson(const resolution::SolutionTemplate& t) {
    json placeholders = json::array();
    for (const auto* body : {&t.body_zh, &t.body_en}) {
        if (auto names = resolution::PlaceholdersIn(*body, "body")) {
            for (const auto& name : *names) {
                if (std::find(placeholders.begin(), placeholders.end(), name) == placeholders.end()) {
                    placeholders.push_back(name);
                }
            }
        }
    }
    return {{"id", t.id.value},
            {"name", t.name},
            {"category", t.category},
            {"body_zh", t.body_zh},
            {"body_en", t.body_en},
            {"placeholders", placeholders},
            {"active", t.active},
            {"version", t.version},
            {"created_by", t.created_by},
            {"created_at", core::FormatIso8601(t.created_at)},
            {"updated_by", t.updated_by},
            {"updated_at", core::FormatIso8601(t.updated_at)}};
}

json TemplateJson(const core::services::TemplateWithStats& t) {
    json out = TemplateJson(t.item);
    out["stats"] = StatsJson(t.stats);
    return out;
}

json RenderedJson(const resolution::Rendered& r) {
    return {{"text", r.text}, {"language", r.language}, {"missing", r.missing}};
}

// What a linked complaint shows on the other one: enough to recognise it, no contact details.
json LinkedJson(const core::complaint::Complaint& c) {
    return {{"id", c.id.value},
            {"number", c.number},
            {"status", core::workflow::ToString(c.status)},
            {"subject", c.subject},
            {"category", c.classification.category},
            {"received_at", core::FormatIso8601(c.milestones.received_at)}};
}

// A template validation failure is unprocessable content (422), not a malformed request.
Response TemplateError(const core::Error& error) {
    if (error.code == ErrorCode::kInvalidArgument && (error.field == "body_zh" || error.field == "body_en")) {
        Response response = ErrorResponse(error);
        response.status = 422;
        return response;
    }
    return ErrorResponse(error);
}

core::Result<resolution::SolutionTemplate> TemplateFromBody(const json& body) {
    resolution::SolutionTemplate t;
    t.name = body.value("name", "");
    t.category = body.value("category", "");
    t.body_zh = body.value("body_zh", "");
    t.body_en = body.value("body_en", "");
    t.active = body.value("active", true);
    return t;
}

core::Result<core::ComplaintId> PathId(const Request& request, const char* name, const char* what) {
    auto id = ParseInteger(request.params.at(name));
    if (!id || *id <= 0) return tl::unexpected(core::Error{ErrorCode::kNotFound, std::string(what) + " not found", "", {}});
    return core::ComplaintId{*id};
}

}  // namespace

void AddResolutionApi(Router& router, core::services::TemplateService& templates,
                      core::services::SuggestionService& suggestions, core::services::ComplaintService& complaints,
                      std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate) {
    auto who = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    auto& t = templates;
    auto& c = complaints;

    router.Add("GET", "/api/v1/templates", [who, &t](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        std::optional<std::string> category;
        bool include_inactive = false;
        for (const auto& [key, value] : request.query) {
            if (key == "category") {
                category = value;
            } else if (key == "include_inactive") {
                if (value != "true" && value != "false") {
                    return ErrorResponse(Bad("include_inactive must be true or false", key));
                }
                include_inactive = value == "true";
            } else {
                return ErrorResponse(Bad("unknown query parameter " + key, key));
            }
        }
        auto listed = t.List(*actor, category, include_inactive);
        if (!listed) return ErrorResponse(listed.error());
        json items = json::array();
        for (const auto& item : *listed) items.push_back(TemplateJson(item));
        return JsonResponse(200, {{"items", items}, {"placeholders", resolution::kPlaceholders}});
    });

    router.Add("POST", "/api/v1/templates", [who, &t](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto body = ParseFields(request.body,
                           {{"name", 's'}, {"category", 's'}, {"body_zh", 's'}, {"body_en", 's'}, {"active", 'b'}});
        if (!body) return ErrorResponse(body.error());
        auto draft = TemplateFromBody(*body);
        auto stored = t.Create(*actor, std::move(*draft));
        if (!stored) return TemplateError(stored.error());
        Response response = JsonResponse(201, TemplateJson(core::services::TemplateWithStats{*stored, {}}));
        response.headers.emplace_back("Location", "/api/v1/templates/" + std::to_string(stored->id.value));
        return response;
    });

    router.Add("GET", "/api/v1/templates/{id}", [who, &t](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "template not found", "", {}});
        auto found = t.Get(*actor, resolution::TemplateId{*id});
        if (!found) return ErrorResponse(found.error());
        return JsonResponse(200, TemplateJson(*found));
    });

    router.Add("PUT", "/api/v1/templates/{id}", [who, &t](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "template not found", "", {}});
        auto body = ParseFields(request.body, {{"name", 's'},
                                          {"category", 's'},
                                          {"body_zh", 's'},
                                          {"body_en", 's'},
                                          {"active", 'b'},
                                          {"version", 'i'}});
        if (!body) return ErrorResponse(body.error());
        std::optional<std::int64_t> version =
            body->contains("version") ? std::optional((*body)["version"].get<std::int64_t>()) : IfMatch(request);
        if (!version) return ErrorResponse(Bad("send the version you edited, in the body or as If-Match", "version"));
        auto draft = TemplateFromBody(*body);
        auto stored = t.Update(*actor, resolution::TemplateId{*id}, *version, std::move(*draft));
        if (!stored) return TemplateError(stored.error());
        return JsonResponse(200, TemplateJson(*stored));
    });

    router.Add("DELETE", "/api/v1/templates/{id}", [who, &t](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "template not found", "", {}});
        auto deleted = t.Delete(*actor, resolution::TemplateId{*id});
        if (!deleted) return ErrorResponse(deleted.error());
        return Response{204, "application/json", "", {}};
    });

    router.Add("POST", "/api/v1/templates/{id}/render", [who, &t](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "template not found", "", {}});
        auto body = ParseFields(request.body, {{"complaint_id", 'i'}, {"language", 's'}});
        if (!body) return ErrorResponse(body.error());
        if (!body->contains("complaint_id")) return ErrorResponse(Bad("complaint_id is required", "complaint_id"));
        std::optional<std::string> language;
        if (body->contains("language")) language = (*body)["language"].get<std::string>();
        auto rendered = t.Render(*actor, resolution::TemplateId{*id},
                                 core::ComplaintId{(*body)["complaint_id"].get<std::int64_t>()}, language);
        if (!rendered) return ErrorResponse(rendered.error());
        json out = RenderedJson(rendered->rendered);
        out["template_id"] = rendered->item.id.value;
        out["complaint_id"] = (*body)["complaint_id"];
        return JsonResponse(200, out);
    });

    router.Add("POST", "/api/v1/templates/{id}/apply", [who, &t](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "template not found", "", {}});
        auto body = ParseFields(request.body, {{"complaint_id", 'i'}, {"as", 's'}, {"text", 's'}, {"version", 'i'}});
        if (!body) return ErrorResponse(body.error());
        if (!body->contains("complaint_id")) return ErrorResponse(Bad("complaint_id is required", "complaint_id"));
        auto kind = resolution::UseKind::kReply;
        if (auto as = body->value("as", "reply"); as == "resolution") {
            kind = resolution::UseKind::kResolution;
        } else if (as != "reply") {
            return ErrorResponse(Bad("as must be reply or resolution", "as"));
        }
        std::optional<std::string> text;
        if (body->contains("text")) text = (*body)["text"].get<std::string>();
        std::optional<std::int64_t> version;
        if (body->contains("version")) version = (*body)["version"].get<std::int64_t>();
        auto applied = t.Apply(*actor, resolution::TemplateId{*id},
                               core::ComplaintId{(*body)["complaint_id"].get<std::int64_t>()}, kind, text, version);
        if (!applied) return ErrorResponse(applied.error());
        json out{{"use", {{"id", applied->use.id},
                          {"template_id", applied->use.template_id.value},
                          {"complaint_id", applied->use.complaint.value},
                          {"as", resolution::ToString(applied->use.kind)},
                          {"actor", applied->use.actor},
                          {"at", core::FormatIso8601(applied->use.at)}}},
                 {"text", applied->rendered.text},
                 {"language", applied->rendered.language},
                 {"complaint", ComplaintView(applied->complaint)},
                 {"message", applied->message ? MessageToJson(*applied->message) : json(nullptr)}};
        return JsonResponse(200, out);
    });

    router.Add("GET", "/api/v1/complaints/{id}/suggestions", [who, &suggestions](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = PathId(request, "id", "complaint");
        if (!id) return ErrorResponse(id.error());
        auto found = suggestions.Suggest(*actor, *id);
        if (!found) return ErrorResponse(found.error());
        json templates_json = json::array();
        for (const auto& s : found->templates) {
            json item = TemplateJson(core::services::TemplateWithStats{s.item, s.stats});
            item["score"] = s.score;
            item["same_category"] = s.same_category;
            templates_json.push_back(std::move(item));
        }
        json similar = json::array();
        for (const auto& s : found->similar) {
            similar.push_back({{"id", s.complaint.id.value},
                               {"number", s.complaint.number},
                               {"status", core::workflow::ToString(s.complaint.status)},
                               {"subject", s.complaint.subject},
                               {"category", s.complaint.classification.category},
                               {"product", s.complaint.product_ref},
                               {"resolution_summary", s.complaint.resolution_summary},
                               {"resolved_at", Instant(s.complaint.milestones.resolved_at)},
                               {"csat", s.complaint.feedback.csat ? json(*s.complaint.feedback.csat) : json(nullptr)},
                               {"customer_acceptance",
                                s.complaint.customer_acceptance
                                    ? json(core::NameOf(core::complaint::kAcceptanceNames, *s.complaint.customer_acceptance))
                                    : json(nullptr)},
                               {"similarity", s.similarity},
                               {"same_category", s.same_category},
                               {"same_product", s.same_product},
                               {"score", s.score}});
        }
        return JsonResponse(200, {{"complaint_id", id->value},
                                  {"templates", templates_json},
                                  {"similar", similar},
                                  {"candidates_weighed", found->candidates}});
    });

    router.Add("GET", "/api/v1/complaints/{id}/links", [who, &c](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = PathId(request, "id", "complaint");
        if (!id) return ErrorResponse(id.error());
        auto found = c.Get(*actor, *id);
        if (!found) return ErrorResponse(found.error());
        json related = json::array();
        for (const auto& link : found->links.related) {
            auto other = c.Get(*actor, link.id);
            if (!other) continue;  // outside the caller's scope, or deleted by retention
            json item = LinkedJson(*other);
            item["reason"] = link.reason;
            item["by"] = link.by;
            item["at"] = core::FormatIso8601(link.at);
            related.push_back(std::move(item));
        }
        json merged_from = json::array();
        for (auto merged_id : found->links.merged_from) {
            auto other = c.Get(*actor, merged_id);
            if (!other) continue;
            json item = LinkedJson(*other);
            item["customer_name"] = other->customer.name;
            auto messages = c.Messages(*actor, merged_id);
            item["messages"] = messages ? static_cast<std::int64_t>(messages->size()) : 0;
            merged_from.push_back(std::move(item));
        }
        json merged_into = nullptr;
        if (found->links.merged_into) {
            if (auto other = c.Get(*actor, *found->links.merged_into)) merged_into = LinkedJson(*other);
        }
        return JsonResponse(200, {{"complaint_id", id->value},
                                  {"related", related},
                                  {"merged_from", merged_from},
                                  {"merged_into", merged_into}});
    });

    router.Add("POST", "/api/v1/complaints/{id}/links", [who, &c](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = PathId(request, "id", "complaint");
        if (!id) return ErrorResponse(id.error());
        auto body = ParseFields(request.body, {{"complaint_id", 'i'}, {"reason", 's'}});
        if (!body) return ErrorResponse(body.error());
        if (!body->contains("complaint_id")) return ErrorResponse(Bad("complaint_id is required", "complaint_id"));
        auto linked = c.Link(*actor, *id, core::ComplaintId{(*body)["complaint_id"].get<std::int64_t>()},
                             body->value("reason", ""));
        if (!linked) return ErrorResponse(linked.error());
        return ComplaintViewResponse(201, *linked);
    });

    router.Add("DELETE", "/api/v1/complaints/{id}/links/{other}", [who, &c](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = PathId(request, "id", "complaint");
        if (!id) return ErrorResponse(id.error());
        auto other = PathId(request, "other", "link");
        if (!other) return ErrorResponse(other.error());
        auto body = ParseFields(request.body, {{"reason", 's'}});
        if (!body) return ErrorResponse(body.error());
        auto unlinked = c.Unlink(*actor, *id, *other, body->value("reason", ""));
        if (!unlinked) return ErrorResponse(unlinked.error());
        return ComplaintViewResponse(200, *unlinked);
    });

    router.Add("POST", "/api/v1/complaints/{id}/merge", [who, &c](const Request& request) {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto id = PathId(request, "id", "complaint");
        if (!id) return ErrorResponse(id.error());
        auto body = ParseFields(request.body, {{"into", 'i'}, {"reason", 's'}, {"version", 'i'}});
        if (!body) return ErrorResponse(body.error());
        if (!body->contains("into")) return ErrorResponse(Bad("into (the primary complaint's id) is required", "into"));
        core::workflow::TransitionInput input;
        input.merge_target = core::ComplaintId{(*body)["into"].get<std::int64_t>()};
        input.reason = body->value("reason", "");
        if (input.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
            return ErrorResponse(Bad("a reason is required", "reason"));
        }
        std::optional<std::int64_t> version;
        if (body->contains("version")) version = (*body)["version"].get<std::int64_t>();
        auto merged = c.Transition(*actor, *id, version, core::workflow::Status::kMerged, input);
        if (!merged) {
            core::Error error = merged.error();
            if (error.field == "merge_target") error.field = "into";
            return ErrorResponse(error);
        }
        return ComplaintViewResponse(200, *merged);
    });
}

}  // namespace heed::http
