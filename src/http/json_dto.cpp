#include "http/json_dto.hpp"

#include "http/complaint_json.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/common/utf8.hpp"

namespace heed::http {

using core::ErrorCode;
using core::Fail;
using core::Result;
using nlohmann::json;
namespace complaint = core::complaint;

namespace {

// Walks a JSON object, checking each field's type and recording the first error with the field's name.
class FieldReader {
public:
    FieldReader(const json& object, std::string prefix = {}) : object_(object), prefix_(std::move(prefix)) {}

    bool Has(const char* key) const { return object_.contains(key) && !object_.at(key).is_null(); }

    std::optional<std::string> String(const char* key) {
        if (!Has(key)) return std::nullopt;
        const json& value = object_.at(key);
        if (!value.is_string()) return Bad(key, "must be a string");
        return value.get<std::string>();
    }

    std::optional<std::int64_t> Integer(const char* key) {
        if (!Has(key)) return std::nullopt;
        const json& value = object_.at(key);
        if (!value.is_number_integer()) return Bad(key, "must be an integer");
        return value.get<std::int64_t>();
    }

    std::optional<core::Instant> Time(const char* key) {
        auto text = String(key);
        if (!text) return std::nullopt;
        auto parsed = core::ParseIso8601(*text);
        if (!parsed) return Bad(key, "must be an ISO 8601 date or instant with offset, e.g. 2024-05-01T08:30:00+08:00");
        return parsed;
    }

    template <typename E, std::size_t N>
    std::optional<E> Enum(const char* key, const core::EnumNames<E, N>& names) {
        auto text = String(key);
        if (!text) return std::nullopt;
        auto value = core::ValueOf(names, *text);
        if (!value) {
            std::string allowed;
            for (const auto& [v, name] : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
            return Bad(key, "must be one of: " + allowed);
        }
        return value;
    }

    std::optional<std::vector<std::string>> Strings(const char* key) {
        if (!Has(key)) return std::nullopt;
        const json& value = object_.at(key);
        if (!value.is_array()) return Bad(key, "must be an array of strings");
        std::vector<std::string> items;
        for (const auto& item : value) {
            if (!item.is_string()) return Bad(key, "must be an array of strings");
            items.push_back(item.get<std::string>());
        }
        return items;
    }

    std::optional<complaint::Money> Amount(const char* key, const char* currency_key) {
        if (!Has(key)) return std::nullopt;
        const json& value = object_.at(key);
        double amount = 0;
        if (value.is_number()) {
            amount = value.get<double>();
        } else {
            return Bad(key, "must be a number");
        }
        if (!std::isfinite(amount) || std::fabs(amount) > 1e13) return Bad(key, "is out of range");
        auto currency = String(currency_key);
        return complaint::Money{static_cast<std::int64_t>(std::llround(amount * 100)), currency.value_or("CNY")};
    }

    // Refuses fields not in `known`.
    void OnlyKnown(const std::set<std::string>& known) {
        for (const auto& [key, value] : object_.items()) {
            if (!known.count(key)) {
                Bad(key.c_str(), "is not a field of this request");
                return;
            }
        }
    }

    const std::optional<core::Error>& error() const { return error_; }

    std::nullopt_t Bad(const char* key, const std::string& problem) {
        if (!error_) {
            std::string field = prefix_ + key;
            error_ = core::Error{ErrorCode::kInvalidArgument, field + " " + problem, field, {}};
        }
        return std::nullopt;
    }

private:
    const json& object_;
    std::string prefix_;
    std::optional<core::Error> error_;
};

const std::set<std::string> kIntakeFields{
    "customer", "channel", "service_type", "subject", "description", "occurred_at", "location", "order_ref",
    "product_ref", "people_involved", "amount_in_dispute", "currency", "remedy_sought", "attachments", "category",
    "subcategory", "tags", "urgency", "severity", "service_stage", "source_ref", "attributes"};
const std::set<std::string> kCustomerFields{"name", "phone", "email", "external_id", "tier"};
const std::set<std::string> kPatchFields{
    "version", "customer", "subject", "occurred_at", "location", "order_ref", "product_ref", "people_involved",
    "amount_in_dispute", "currency", "remedy_sought", "category", "subcategory", "tags", "nature", "urgency",
    "difficulty", "severity", "service_stage", "risk_flags", "assignee", "team", "department", "resolution_summary",
    "compensation", "customer_acceptance", "triage_reviewed"};

}  // namespace

json ComplaintToJson(const complaint::Complaint& c) {
    std::string text;
    AppendComplaintJson(text, c);
    return json::parse(text);
}

json EventToJson(const core::workflow::Event& e) {
    return json{{"id", e.id.value},
                {"complaint_id", e.complaint.value},
                {"at", core::FormatIso8601(e.at)},
                {"actor", e.actor},
                {"actor_role", core::workflow::ToString(e.actor_role)},
                {"kind", core::workflow::ToString(e.kind)},
                {"field", e.field},
                {"before", e.before},
                {"after", e.after},
                {"note", e.note}};
}

json MessageToJson(const complaint::Message& m) {
    return json{{"id", m.id.value},
                {"complaint_id", m.complaint.value},
                {"direction", complaint::ToString(m.direction)},
                {"author", m.author},
                {"author_role", core::workflow::ToString(m.author_role)},
                {"body", m.body},
                {"created_at", core::FormatIso8601(m.created_at)}};
}

json ErrorToJson(const core::Error& error) {
    json body{{"code", core::ToString(error.code)}, {"message", error.message}};
    if (!error.field.empty()) body["field"] = error.field;
    if (!error.allowed.empty()) body["allowed"] = error.allowed;
    return json{{"error", body}};
}

Result<json> ParseBody(std::string_view body) {
    if (!core::IsValidUtf8(body)) return Fail(ErrorCode::kInvalidArgument, "request body is not valid UTF-8", "body");
    json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded()) return Fail(ErrorCode::kInvalidArgument, "request body is not valid JSON", "body");
    if (!parsed.is_object()) return Fail(ErrorCode::kInvalidArgument, "request body must be a JSON object", "body");
    return parsed;
}

Result<complaint::Complaint> ComplaintFromJson(const json& body) {
    FieldReader r(body);
    r.OnlyKnown(kIntakeFields);
    complaint::Complaint c;
    if (!r.Has("customer")) {
        r.Bad("customer", "is required");
    } else if (!body.at("customer").is_object()) {
        r.Bad("customer", "must be an object");
    } else {
        FieldReader customer(body.at("customer"), "customer.");
        customer.OnlyKnown(kCustomerFields);
        c.customer.name = customer.String("name").value_or("");
        c.customer.phone = customer.String("phone").value_or("");
        c.customer.email = customer.String("email").value_or("");
        c.customer.external_id = customer.String("external_id").value_or("");
        c.customer.tier = customer.Enum("tier", complaint::kCustomerTierNames).value_or(complaint::CustomerTier::kRegular);
        if (customer.error()) return tl::unexpected(*customer.error());
    }
    if (!r.Has("subject")) r.Bad("subject", "is required");
    if (!r.Has("description")) r.Bad("description", "is required");
    c.subject = r.String("subject").value_or("");
    c.description = r.String("description").value_or("");
    c.channel = r.Enum("channel", complaint::kChannelNames).value_or(complaint::Channel::kApi);
    c.service_type = r.Enum("service_type", complaint::kServiceTypeNames).value_or(complaint::ServiceType::kComplaint);
    c.occurred_at = r.Time("occurred_at");
    c.location = r.String("location").value_or("");
    c.order_ref = r.String("order_ref").value_or("");
    c.product_ref = r.String("product_ref").value_or("");
    c.people_involved = r.String("people_involved").value_or("");
    c.amount_in_dispute = r.Amount("amount_in_dispute", "currency");
    c.remedy_sought = r.String("remedy_sought").value_or("");
    c.classification.category = r.String("category").value_or("");
    c.classification.subcategory = r.String("subcategory").value_or("");
    c.classification.tags = r.Strings("tags").value_or(std::vector<std::string>{});
    c.classification.urgency = r.Enum("urgency", complaint::kUrgencyNames);
    if (auto severity = r.Integer("severity")) c.classification.severity = static_cast<int>(*severity);
    c.classification.service_stage = r.Enum("service_stage", complaint::kServiceStageNames);
    for (const char* field : {"category", "subcategory", "tags", "urgency", "severity", "service_stage"}) {
        if (r.Has(field)) c.classification.field_sources[field] = complaint::FieldSource::kPerson;
    }
    c.source_ref = r.String("source_ref").value_or("");
    if (r.Has("attachments")) {
        const json& list = body.at("attachments");
        if (!list.is_array()) {
            r.Bad("attachments", "must be an array of objects");
        } else {
            for (const auto& item : list) {
                if (!item.is_object()) {
                    r.Bad("attachments", "must be an array of objects");
                    break;
                }
                FieldReader a(item, "attachments.");
                a.OnlyKnown({"name", "content_type", "reference"});
                c.attachments.push_back({a.String("name").value_or(""), a.String("content_type").value_or(""),
                                         a.String("reference").value_or("")});
                if (a.error()) return tl::unexpected(*a.error());
            }
        }
    }
    if (r.Has("attributes")) {
        const json& attributes = body.at("attributes");
        if (!attributes.is_object()) r.Bad("attributes", "must be an object of strings");
        for (const auto& [key, value] : attributes.items()) {
            if (!value.is_string()) {
                r.Bad("attributes", "must be an object of strings");
                break;
            }
            c.attributes[key] = value.get<std::string>();
        }
    }
    if (r.error()) return tl::unexpected(*r.error());
    return c;
}

Result<PatchRequest> PatchFromJson(const json& body) {
    FieldReader r(body);
    r.OnlyKnown(kPatchFields);
    PatchRequest request;
    auto& p = request.patch;
    request.version = r.Integer("version");
    if (r.Has("customer")) {
        if (!body.at("customer").is_object()) {
            r.Bad("customer", "must be an object");
        } else {
            FieldReader customer(body.at("customer"), "customer.");
            customer.OnlyKnown({"name", "phone", "email", "tier"});
            p.customer_name = customer.String("name");
            p.customer_phone = customer.String("phone");
            p.customer_email = customer.String("email");
            p.customer_tier = customer.Enum("tier", complaint::kCustomerTierNames);
            if (customer.error()) return tl::unexpected(*customer.error());
        }
    }
    p.subject = r.String("subject");
    p.occurred_at = r.Time("occurred_at");
    p.location = r.String("location");
    p.order_ref = r.String("order_ref");
    p.product_ref = r.String("product_ref");
    p.people_involved = r.String("people_involved");
    p.amount_in_dispute = r.Amount("amount_in_dispute", "currency");
    p.remedy_sought = r.String("remedy_sought");
    p.category = r.String("category");
    p.subcategory = r.String("subcategory");
    p.tags = r.Strings("tags");
    p.nature = r.String("nature");
    p.urgency = r.Enum("urgency", complaint::kUrgencyNames);
    p.difficulty = r.Enum("difficulty", complaint::kDifficultyNames);
    if (auto severity = r.Integer("severity")) p.severity = static_cast<int>(*severity);
    p.service_stage = r.Enum("service_stage", complaint::kServiceStageNames);
    if (auto flags = r.Strings("risk_flags")) {
        p.risk_flags.emplace();
        for (const auto& name : *flags) {
            auto flag = core::ValueOf(complaint::kRiskFlagNames, name);
            if (!flag) {
                r.Bad("risk_flags", "has an unknown flag: " + name);
                break;
            }
            p.risk_flags->push_back(*flag);
        }
    }
    if (r.Has("triage_reviewed")) {
        if (!body.at("triage_reviewed").is_boolean()) r.Bad("triage_reviewed", "must be true or false");
        else p.triage_reviewed = body.at("triage_reviewed").get<bool>();
    }
    p.assignee = r.String("assignee");
    p.team = r.String("team");
    p.department = r.String("department");
    p.resolution_summary = r.String("resolution_summary");
    p.compensation = r.String("compensation");
    p.customer_acceptance = r.Enum("customer_acceptance", complaint::kAcceptanceNames);
    if (r.error()) return tl::unexpected(*r.error());
    return request;
}

Result<TransitionRequest> TransitionFromJson(const json& body) {
    FieldReader r(body);
    r.OnlyKnown({"to", "reason", "assignee", "resolution_summary", "merge_target", "version"});
    if (!r.Has("to")) r.Bad("to", "is required");
    auto to = r.Enum("to", core::workflow::kStatusNames);
    TransitionRequest request{to.value_or(core::workflow::Status::kNew), {}, r.Integer("version")};
    request.input.reason = r.String("reason").value_or("");
    request.input.assignee = r.String("assignee").value_or("");
    request.input.resolution_summary = r.String("resolution_summary").value_or("");
    if (auto target = r.Integer("merge_target")) request.input.merge_target = core::ComplaintId{*target};
    if (r.error()) return tl::unexpected(*r.error());
    return request;
}

Result<MessageRequest> MessageFromJson(const json& body) {
    FieldReader r(body);
    r.OnlyKnown({"direction", "body"});
    if (!r.Has("direction")) r.Bad("direction", "is required");
    if (!r.Has("body")) r.Bad("body", "is required");
    MessageRequest request{r.Enum("direction", complaint::kDirectionNames).value_or(complaint::Direction::kInternal),
                           r.String("body").value_or("")};
    if (r.error()) return tl::unexpected(*r.error());
    return request;
}

std::string DumpJson(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

core::Result<nlohmann::json> ParseFields(const std::string& body,
                                         std::initializer_list<std::pair<const char*, char>> allowed) {
    auto parsed = ParseBody(body.empty() ? "{}" : body);
    if (!parsed) return parsed;
    for (const auto& [key, value] : parsed->items()) {
        const std::pair<const char*, char>* spec = nullptr;
        for (const auto& a : allowed) {
            if (key == a.first) spec = &a;
        }
        if (!spec) return tl::unexpected(core::Error{ErrorCode::kInvalidArgument, "unknown field " + key, key, {}});
        bool ok = false;
        switch (spec->second) {
            case 's': ok = value.is_string(); break;
            case 'b': ok = value.is_boolean(); break;
            case 'i': ok = value.is_number_integer(); break;
            case 'a':
                ok = value.is_array() &&
                     std::all_of(value.begin(), value.end(), [](const nlohmann::json& v) { return v.is_string(); });
                break;
        }
        if (!ok) return tl::unexpected(core::Error{ErrorCode::kInvalidArgument, key + " has the wrong type", key, {}});
    }
    return parsed;
}

}  // namespace heed::http
