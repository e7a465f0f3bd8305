#include "http/triage_api.hpp"

#include <set>

#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"
#include "http/params.hpp"

namespace heed::http {

using core::ErrorCode;
using core::triage::Rule;
using nlohmann::json;
namespace complaint = core::complaint;

namespace {

core::Error Bad(std::string field, std::string problem) {
    return {ErrorCode::kInvalidArgument, field + " " + problem, field, {}};
}

template <typename E, std::size_t N>
json Names(const std::vector<E>& values, const core::EnumNames<E, N>& names) {
    json out = json::array();
    for (auto value : values) out.push_back(core::NameOf(names, value));
    return out;
}

json RuleJson(const Rule& rule) {
    const auto& w = rule.when;
    const auto& t = rule.then;
    json when = json::object();
    if (!w.categories.empty()) when["categories"] = w.categories;
    if (!w.channels.empty()) when["channels"] = Names(w.channels, complaint::kChannelNames);
    if (!w.tiers.empty()) when["tiers"] = Names(w.tiers, complaint::kCustomerTierNames);
    if (!w.urgencies.empty()) when["urgencies"] = Names(w.urgencies, complaint::kUrgencyNames);
    if (!w.service_types.empty()) when["service_types"] = Names(w.service_types, complaint::kServiceTypeNames);
    if (w.severity_min) when["severity_min"] = *w.severity_min;
    if (w.severity_max) when["severity_max"] = *w.severity_max;
    if (!w.keywords_any.empty()) when["keywords_any"] = w.keywords_any;
    if (!w.keywords_all.empty()) when["keywords_all"] = w.keywords_all;
    if (!w.regex.empty()) when["regex"] = w.regex;
    json then = json::object();
    if (!t.set.empty()) then["set"] = t.set;
    if (!t.add_tags.empty()) then["add_tags"] = t.add_tags;
    if (!t.risk_flags.empty()) then["risk_flags"] = Names(t.risk_flags, complaint::kRiskFlagNames);
    if (t.escalate) then["escalate"] = true;
    if (!t.team.empty()) then["team"] = t.team;
    if (!t.department.empty()) then["department"] = t.department;
    return {{"id", rule.id.value},
            {"name", rule.name},
            {"priority", rule.priority},
            {"enabled", rule.enabled},
            {"when", when},
            {"then", then},
            {"version", rule.version},
            {"created_at", core::FormatIso8601(rule.created_at)},
            {"updated_at", core::FormatIso8601(rule.updated_at)}};
}

// Strict reading of one object: unknown keys and wrong types are refused with the field's full name.
class Reader {
public:
    Reader(const json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

    bool Only(const std::set<std::string>& known) {
        for (const auto& [key, value] : object_.items()) {
            if (!known.count(key)) return Fail(key, "is not a field of a rule");
        }
        return true;
    }
    bool Has(const char* key) const { return object_.contains(key) && !object_.at(key).is_null(); }

    std::string String(const char* key) {
        if (!Has(key)) return {};
        if (!object_.at(key).is_string()) return Fail(key, "must be a string"), std::string();
        return object_.at(key).get<std::string>();
    }
    std::optional<int> Integer(const char* key) {
        if (!Has(key)) return std::nullopt;
        if (!object_.at(key).is_number_integer()) return Fail(key, "must be an integer"), std::nullopt;
        auto value = object_.at(key).get<std::int64_t>();
        if (value < -1000000 || value > 1000000) return Fail(key, "is out of range"), std::nullopt;
        return static_cast<int>(value);
    }
    std::optional<bool> Boolean(const char* key) {
        if (!Has(key)) return std::nullopt;
        if (!object_.at(key).is_boolean()) return Fail(key, "must be true or false"), std::nullopt;
        return object_.at(key).get<bool>();
    }
    std::vector<std::string> Strings(const char* key) {
        std::vector<std::string> items;
        if (!Has(key)) return items;
        if (!object_.at(key).is_array()) return Fail(key, "must be an array of strings"), items;
        for (const auto& item : object_.at(key)) {
            if (!item.is_string()) return Fail(key, "must be an array of strings"), std::vector<std::string>{};
            items.push_back(item.get<std::string>());
        }
        return items;
    }
    template <typename E, std::size_t N>
    std::vector<E> Enums(const char* key, const core::EnumNames<E, N>& names) {
        std::vector<E> values;
        for (const auto& text : Strings(key)) {
            auto value = core::ValueOf(names, text);
            if (!value) {
                std::string allowed;
                for (const auto& [v, name] : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
                Fail(key, "has an unknown value " + text + " (one of: " + allowed + ")");
                return {};
            }
            values.push_back(*value);
        }
        return values;
    }
    std::optional<std::reference_wrapper<const json>> Object(const char* key) {
        if (!Has(key)) return std::nullopt;
        if (!object_.at(key).is_object()) return Fail(key, "must be an object"), std::nullopt;
        return std::cref(object_.at(key));
    }

    bool Fail(const std::string& key, const std::string& problem) {
        if (!error_) error_ = Bad(prefix_ + key, problem);
        return false;
    }
    const std::optional<core::Error>& error() const { return error_; }

private:
    const json& object_;
    std::string prefix_;
    std::optional<core::Error> error_;
};

struct RuleRequest {
    Rule rule;
    std::optional<std::int64_t> version;
};

core::Result<RuleRequest> RuleFromJson(const json& body) {
    RuleRequest request;
    Rule& rule = request.rule;
    Reader r(body, "");
    r.Only({"name", "priority", "enabled", "when", "then", "version"});
    rule.name = r.String("name");
    if (!r.Has("name") && !r.error()) r.Fail("name", "is required");
    rule.priority = r.Integer("priority").value_or(100);
    rule.enabled = r.Boolean("enabled").value_or(true);
    if (r.Has("version")) request.version = r.Integer("version");
    if (auto when = r.Object("when")) {
        Reader w(*when, "when.");
        w.Only({"categories", "channels", "tiers", "urgencies", "service_types", "severity_min", "severity_max",
                "keywords_any", "keywords_all", "regex"});
        rule.when.categories = w.Strings("categories");
        rule.when.channels = w.Enums("channels", complaint::kChannelNames);
        rule.when.tiers = w.Enums("tiers", complaint::kCustomerTierNames);
        rule.when.urgencies = w.Enums("urgencies", complaint::kUrgencyNames);
        rule.when.service_types = w.Enums("service_types", complaint::kServiceTypeNames);
        rule.when.severity_min = w.Integer("severity_min");
        rule.when.severity_max = w.Integer("severity_max");
        rule.when.keywords_any = w.Strings("keywords_any");
        rule.when.keywords_all = w.Strings("keywords_all");
        rule.when.regex = w.String("regex");
        if (w.error()) return tl::unexpected(*w.error());
    } else if (!r.error()) {
        r.Fail("when", "is required");
    }
    if (auto then = r.Object("then")) {
        Reader t(*then, "then.");
        t.Only({"set", "add_tags", "risk_flags", "escalate", "team", "department"});
        if (auto set = t.Object("set")) {
            for (const auto& [field, value] : set->get().items()) {
                if (!value.is_string() && !value.is_number_integer()) {
                    t.Fail("set." + field, "must be a string (severity may be a number)");
                    break;
                }
                rule.then.set[field] = value.is_string() ? value.get<std::string>() : value.dump();
            }
        }
        rule.then.add_tags = t.Strings("add_tags");
        rule.then.risk_flags = t.Enums("risk_flags", complaint::kRiskFlagNames);
        rule.then.escalate = t.Boolean("escalate").value_or(false);
        rule.then.team = t.String("team");
        rule.then.department = t.String("department");
        if (t.error()) return tl::unexpected(*t.error());
    } else if (!r.error()) {
        r.Fail("then", "is required");
    }
    if (r.error()) return tl::unexpected(*r.error());
    return request;
}

std::optional<std::int64_t> IfMatch(const Request& request) {
    std::string value = request.Header("if-match");
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return ParseInteger(value);
}

core::Result<core::triage::RuleId> RuleIdParam(const Request& request) {
    auto id = ParseInteger(request.params.at("id"));
    if (!id || *id <= 0) return core::Fail(ErrorCode::kNotFound, "rule not found");
    return core::triage::RuleId{*id};
}

// ?name=integer within [low, high], `fallback` when absent.
core::Result<std::int64_t> QueryInteger(const Request& request, const char* name, std::int64_t fallback,
                                        std::int64_t low, std::int64_t high) {
    auto it = request.query.find(name);
    if (it == request.query.end()) return fallback;
    auto value = ParseInteger(it->second);
    if (!value || *value < low || *value > high) {
        return core::Fail(
            ErrorCode::kInvalidArgument,
            std::string(name) + " must be between " + std::to_string(low) + " and " + std::to_string(high), name);
    }
    return *value;
}

core::Result<void> OnlyQuery(const Request& request, std::initializer_list<const char*> known) {
    for (const auto& [key, value] : request.query) {
        bool ok = false;
        for (const char* k : known) ok |= key == k;
        if (!ok) return core::Fail(ErrorCode::kInvalidArgument, "unknown query parameter " + key, key);
    }
    return {};
}

}  // namespace

void AddTriageApi(Router& router, core::services::RuleService& rules,
                  std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate) {
    auto who = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    auto authed = [who](auto handler) {
        return [who, handler](const Request& request) -> Response {
            auto actor = (*who)(request);
            if (!actor) return ErrorResponse(actor.error());
            return handler(request, *actor);
        };
    };
    auto& s = rules;
    using Actor = core::workflow::Actor;

    router.Add("GET", "/api/v1/rules", authed([&s](const Request&, const Actor& actor) {
                   auto list = s.List(actor);
                   if (!list) return ErrorResponse(list.error());
                   json items = json::array();
                   for (const auto& rule : *list) items.push_back(RuleJson(rule));
                   return JsonResponse(200, {{"items", items}});
               }));
    router.Add("POST", "/api/v1/rules", authed([&s](const Request& request, const Actor& actor) {
                   auto body = ParseBody(request.body);
                   if (!body) return ErrorResponse(body.error());
                   auto parsed = RuleFromJson(*body);
                   if (!parsed) return ErrorResponse(parsed.error());
                   auto created = s.Create(actor, std::move(parsed->rule));
                   if (!created) return ErrorResponse(created.error());
                   Response response = JsonResponse(201, RuleJson(*created));
                   response.headers.emplace_back("Location", "/api/v1/rules/" + std::to_string(created->id.value));
                   response.headers.emplace_back("ETag", "\"" + std::to_string(created->version) + "\"");
                   return response;
               }));
    router.Add("GET", "/api/v1/rules/{id}", authed([&s](const Request& request, const Actor& actor) {
                   auto id = RuleIdParam(request);
                   if (!id) return ErrorResponse(id.error());
                   auto rule = s.Get(actor, *id);
                   if (!rule) return ErrorResponse(rule.error());
                   Response response = JsonResponse(200, RuleJson(*rule));
                   response.headers.emplace_back("ETag", "\"" + std::to_string(rule->version) + "\"");
                   return response;
               }));
    router.Add("PUT", "/api/v1/rules/{id}", authed([&s](const Request& request, const Actor& actor) {
                   auto id = RuleIdParam(request);
                   if (!id) return ErrorResponse(id.error());
                   auto body = ParseBody(request.body);
                   if (!body) return ErrorResponse(body.error());
                   auto parsed = RuleFromJson(*body);
                   if (!parsed) return ErrorResponse(parsed.error());
                   auto version = parsed->version ? parsed->version : IfMatch(request);
                   if (!version) return ErrorResponse(Bad("version", "is required (in the body or as If-Match)"));
                   auto updated = s.Replace(actor, *id, *version, std::move(parsed->rule));
                   if (!updated) return ErrorResponse(updated.error());
                   Response response = JsonResponse(200, RuleJson(*updated));
                   response.headers.emplace_back("ETag", "\"" + std::to_string(updated->version) + "\"");
                   return response;
               }));
    router.Add("DELETE", "/api/v1/rules/{id}", authed([&s](const Request& request, const Actor& actor) {
                   auto id = RuleIdParam(request);
                   if (!id) return ErrorResponse(id.error());
                   if (auto deleted = s.Delete(actor, *id); !deleted) return ErrorResponse(deleted.error());
                   return Response{204, "application/json", {}, {}};
               }));

    router.Add("GET", "/api/v1/triage/settings", authed([&s](const Request&, const Actor& actor) {
                   auto thresholds = s.Thresholds(actor);
                   if (!thresholds) return ErrorResponse(thresholds.error());
                   return JsonResponse(200, {{"thresholds", *thresholds}});
               }));
    router.Add("PUT", "/api/v1/triage/settings", authed([&s](const Request& request, const Actor& actor) {
                   auto body = ParseBody(request.body);
                   if (!body) return ErrorResponse(body.error());
                   for (const auto& [key, value] : body->items()) {
                       if (key != "thresholds") return ErrorResponse(Bad(key, "is not a field of the triage settings"));
                   }
                   auto it = body->find("thresholds");
                   if (it == body->end() || !it->is_object())
                       return ErrorResponse(Bad("thresholds", "must be an object"));
                   core::ports::TriageThresholds thresholds;
                   for (const auto& [field, value] : it->items()) {
                       if (!value.is_number()) return ErrorResponse(Bad("thresholds." + field, "must be a number"));
                       thresholds[field] = value.get<double>();
                   }
                   auto set = s.SetThresholds(actor, thresholds);
                   if (!set) return ErrorResponse(set.error());
                   return JsonResponse(200, {{"thresholds", *set}});
               }));

    router.Add("GET", "/api/v1/triage/labels", authed([&s](const Request& request, const Actor& actor) {
                   if (auto ok = OnlyQuery(request, {"after", "limit"}); !ok) return ErrorResponse(ok.error());
                   auto after = QueryInteger(request, "after", 0, 0, std::numeric_limits<std::int64_t>::max());
                   if (!after) return ErrorResponse(after.error());
                   auto limit = QueryInteger(request, "limit", 500, 1, 1000);
                   if (!limit) return ErrorResponse(limit.error());
                   auto labels = s.Labels(actor, *after, static_cast<int>(*limit));
                   if (!labels) return ErrorResponse(labels.error());
                   json items = json::array();
                   for (const auto& l : *labels) {
                       items.push_back({{"id", l.id},
                                        {"complaint_id", l.complaint.value},
                                        {"field", l.field},
                                        {"label", l.label},
                                        {"previous", l.previous},
                                        {"previous_source", l.previous_source},
                                        {"actor", l.actor},
                                        {"at", core::FormatIso8601(l.at)},
                                        {"text", l.text}});
                   }
                   json next =
                       static_cast<std::int64_t>(labels->size()) == *limit ? json(labels->back().id) : json(nullptr);
                   return JsonResponse(200, {{"items", items}, {"next_after", next}});
               }));

    router.Add("GET", "/api/v1/clusters", authed([&s](const Request& request, const Actor& actor) {
                   if (auto ok = OnlyQuery(request, {"days", "limit"}); !ok) return ErrorResponse(ok.error());
                   auto days = QueryInteger(request, "days", 30, 1, 3650);
                   if (!days) return ErrorResponse(days.error());
                   auto limit = QueryInteger(request, "limit", 50, 1, 500);
                   if (!limit) return ErrorResponse(limit.error());
                   auto clusters = s.Clusters(actor, std::chrono::hours(24 * *days), static_cast<int>(*limit));
                   if (!clusters) return ErrorResponse(clusters.error());
                   json items = json::array();
                   for (const auto& c : *clusters) {
                       items.push_back({{"id", c.id},
                                        {"complaints", c.complaints},
                                        {"customers", c.customers},
                                        {"first_at", core::FormatIso8601(c.first_at)},
                                        {"last_at", core::FormatIso8601(c.last_at)}});
                   }
                   return JsonResponse(200, {{"items", items}});
               }));
    router.Add("GET", "/api/v1/clusters/{id}", authed([&s](const Request& request, const Actor& actor) {
                   const std::string& cluster = request.params.at("id");
                   auto members = s.ClusterMembers(actor, cluster);
                   if (!members) return ErrorResponse(members.error());
                   json ids = json::array();
                   for (auto id : *members) ids.push_back(id.value);
                   return JsonResponse(200, {{"id", cluster}, {"complaints", ids}, {"count", members->size()}});
               }));
}

}  // namespace heed::http
