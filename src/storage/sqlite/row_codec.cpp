#include "storage/sqlite/row_codec.hpp"

#include <nlohmann/json.hpp>

#include "core/ports/complaint_store.hpp"
#include "core/ports/query_matching.hpp"
#include "core/sla/inputs.hpp"

namespace heed::storage::sqlite {

using core::complaint::Complaint;
using nlohmann::json;
namespace complaint = core::complaint;

#define HEED_SLA_VALUES(column) \
    "(SELECT o." column " FROM complaint_sla o WHERE o.complaint_id = c.id AND o.version = c.version)"
const char* const kEffectiveDueKey = "coalesce(" HEED_SLA_VALUES("due_key") ", c.due_key)";
const char* const kEffectiveSlaState = "coalesce(" HEED_SLA_VALUES("sla_state") ", c.sla_state)";
const char* const kComplaintColumns =
    "c.id, c.tenant_id, c.number, c.status, c.channel, c.service_type, c.category, c.assignee, c.received_at, "
    "coalesce(" HEED_SLA_VALUES("due_key") ", c.due_key) AS due_key, c.source_ref, c.version, c.updated_at, "
    "c.subject, c.description, c.doc, " HEED_SLA_VALUES("doc") " AS sla_values";
#undef HEED_SLA_VALUES
const char* const kEventColumns = "id, tenant_id, complaint_id, at, actor, actor_role, kind, field, before_value, "
                                  "after_value, note";
const char* const kMessageColumns = "id, tenant_id, complaint_id, direction, author, author_role, body, created_at";

namespace {

template <typename E, std::size_t N>
void PutEnum(json& doc, const char* key, const std::optional<E>& value, const core::EnumNames<E, N>& names) {
    if (value) doc[key] = core::NameOf(names, *value);
}

template <typename E, std::size_t N>
std::optional<E> GetEnum(const json& doc, const char* key, const core::EnumNames<E, N>& names) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) return std::nullopt;
    return core::ValueOf(names, it->get<std::string>());
}

void PutInstant(json& doc, const char* key, const std::optional<core::Instant>& value) {
    if (value) doc[key] = core::ToMillis(*value);
}

std::optional<core::Instant> GetInstant(const json& doc, const char* key) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_number_integer()) return std::nullopt;
    return core::FromMillis(it->get<std::int64_t>());
}

std::string GetString(const json& doc, const char* key) {
    auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void PutString(json& doc, const char* key, const std::string& value) {
    if (!value.empty()) doc[key] = value;
}

// Triage signals under "triage", only what is set (most complaints carry little).
void EncodeTriage(json& doc, const complaint::TriageSignals& t) {
    json out = json::object();
    if (!t.review_fields.empty()) out["review"] = t.review_fields;
    if (!t.confidences.empty()) out["confidences"] = t.confidences;
    if (!t.risk_terms.empty()) out["risk_terms"] = t.risk_terms;
    if (t.repeat_count) out["repeat_count"] = t.repeat_count;
    if (t.fraud_score > 0) out["fraud_score"] = t.fraud_score;
    if (!t.fraud_reasons.empty()) out["fraud_reasons"] = t.fraud_reasons;
    if (!out.empty()) doc["triage"] = std::move(out);
}

void DecodeTriage(const json& doc, complaint::TriageSignals& t) {
    auto it = doc.find("triage");
    if (it == doc.end() || !it->is_object()) return;
    auto strings = [&](const char* key) {
        auto found = it->find(key);
        return found != it->end() && found->is_array() ? found->get<std::vector<std::string>>()
                                                       : std::vector<std::string>{};
    };
    t.review_fields = strings("review");
    t.risk_terms = strings("risk_terms");
    t.fraud_reasons = strings("fraud_reasons");
    if (auto found = it->find("confidences"); found != it->end() && found->is_object()) {
        t.confidences = found->get<std::map<std::string, double>>();
    }
    t.repeat_count = it->value("repeat_count", 0);
    t.fraud_score = it->value("fraud_score", 0.0);
}

}  // namespace

std::string SlaStateColumn(const core::complaint::Complaint& complaint) {
    return complaint.sla.state.empty() ? std::string("inactive") : complaint.sla.state;
}

std::string EncodeSlaValues(const Complaint& c) { return core::sla::EncodeSlaValues(c); }

core::Result<void> ApplySlaValues(const std::string& text, Complaint& c) { return core::sla::DecodeSlaValues(text, c); }

std::string EncodeDoc(const Complaint& c) {
    json doc = json::object();
    json customer = json::object();
    PutString(customer, "name", c.customer.name);
    PutString(customer, "phone", c.customer.phone);
    PutString(customer, "email", c.customer.email);
    PutString(customer, "external_id", c.customer.external_id);
    customer["tier"] = complaint::ToString(c.customer.tier);
    doc["customer"] = std::move(customer);
    PutInstant(doc, "occurred_at", c.occurred_at);
    PutString(doc, "location", c.location);
    PutString(doc, "order_ref", c.order_ref);
    PutString(doc, "product_ref", c.product_ref);
    PutString(doc, "people_involved", c.people_involved);
    if (c.amount_in_dispute) doc["amount"] = {{"minor", c.amount_in_dispute->minor_units}, {"currency", c.amount_in_dispute->currency}};
    PutString(doc, "remedy_sought", c.remedy_sought);
    for (const auto& a : c.attachments) {
        doc["attachments"].push_back({{"name", a.name}, {"content_type", a.content_type}, {"reference", a.reference}});
    }
    const auto& k = c.classification;
    PutString(doc, "subcategory", k.subcategory);
    if (!k.tags.empty()) doc["tags"] = k.tags;
    PutString(doc, "nature", k.nature);
    PutEnum(doc, "urgency", k.urgency, complaint::kUrgencyNames);
    PutEnum(doc, "difficulty", k.difficulty, complaint::kDifficultyNames);
    if (k.severity) doc["severity"] = *k.severity;
    PutEnum(doc, "service_stage", k.service_stage, complaint::kServiceStageNames);
    if (k.sentiment_score) doc["sentiment_score"] = *k.sentiment_score;
    if (k.emotion_intensity) doc["emotion_intensity"] = *k.emotion_intensity;
    for (auto flag : k.risk_flags) doc["risk_flags"].push_back(complaint::ToString(flag));
    if (k.confidence) doc["confidence"] = *k.confidence;
    for (const auto& [field, source] : k.field_sources) doc["field_sources"][field] = complaint::ToString(source);
    PutString(doc, "team", c.team);
    PutString(doc, "department", c.department);
    PutInstant(doc, "first_response_due_at", c.first_response_due_at);
    PutInstant(doc, "resolution_due_at", c.resolution_due_at);
    if (!c.sla.policy.empty() || !c.sla.state.empty() || c.sla.escalation_level > 0 || c.sla.regulatory_due_at) {
        json sla = json::object();
        PutString(sla, "policy", c.sla.policy);
        PutString(sla, "state", c.sla.state);
        PutInstant(sla, "next_update_due_at", c.sla.next_update_due_at);
        PutInstant(sla, "regulatory_due_at", c.sla.regulatory_due_at);
        PutInstant(sla, "check_at", c.sla.check_at);
        if (c.sla.escalation_level > 0) sla["escalation_level"] = c.sla.escalation_level;
        PutString(sla, "escalation_reason", c.sla.escalation_reason);
        doc["sla"] = std::move(sla);
    }
    PutInstant(doc, "acknowledged_at", c.milestones.acknowledged_at);
    PutInstant(doc, "first_response_at", c.milestones.first_response_at);
    PutInstant(doc, "resolved_at", c.milestones.resolved_at);
    PutInstant(doc, "closed_at", c.milestones.closed_at);
    PutString(doc, "resolution_summary", c.resolution_summary);
    PutString(doc, "compensation", c.compensation);
    if (!c.compensation_totals.empty()) {
        json totals = json::object();
        for (const auto& [currency, t] : c.compensation_totals) {
            totals[currency] = {{"requested", t.requested}, {"approved", t.approved}, {"rejected", t.rejected},
                                {"pending", t.pending}};
        }
        doc["compensation_totals"] = std::move(totals);
    }
    PutEnum(doc, "customer_acceptance", c.customer_acceptance, complaint::kAcceptanceNames);
    if (c.feedback != complaint::Feedback{}) {
        json feedback = json::object();
        if (c.feedback.csat) feedback["csat"] = *c.feedback.csat;
        if (c.feedback.nps) feedback["nps"] = *c.feedback.nps;
        if (c.feedback.effort) feedback["effort"] = *c.feedback.effort;
        PutInstant(feedback, "answered_at", c.feedback.answered_at);
        doc["feedback"] = std::move(feedback);
    }
    if (c.links.repeat_of) doc["repeat_of"] = c.links.repeat_of->value;
    if (c.links.duplicate_of) doc["duplicate_of"] = c.links.duplicate_of->value;
    if (c.links.merged_into) doc["merged_into"] = c.links.merged_into->value;
    PutString(doc, "incident_cluster", c.links.incident_cluster);
    if (!c.links.related.empty()) {
        json related = json::array();
        for (const auto& link : c.links.related) {
            related.push_back({{"id", link.id.value}, {"reason", link.reason}, {"by", link.by},
                               {"at", core::ToMillis(link.at)}});
        }
        doc["related"] = std::move(related);
    }
    if (!c.links.merged_from.empty()) {
        json merged = json::array();
        for (auto id : c.links.merged_from) merged.push_back(id.value);
        doc["merged_from"] = std::move(merged);
    }
    PutString(doc, "rejection_reason", c.rejection_reason);
    if (!c.attributes.empty()) doc["attributes"] = c.attributes;
    EncodeTriage(doc, c.triage);
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

core::Result<Complaint> ReadComplaint(const Statement& s) {
    Complaint c;
    c.id = core::ComplaintId{s.Int(0)};
    c.tenant = core::TenantId{s.Int(1)};
    c.number = s.Text(2);
    auto status = core::ValueOf(core::workflow::kStatusNames, s.Text(3));
    auto channel = core::ValueOf(complaint::kChannelNames, s.Text(4));
    auto service_type = core::ValueOf(complaint::kServiceTypeNames, s.Text(5));
    if (!status || !channel || !service_type) {
        return core::Fail(core::ErrorCode::kInternal, "complaint " + c.number + " has an unknown status or channel");
    }
    c.status = *status;
    c.channel = *channel;
    c.service_type = *service_type;
    c.classification.category = s.Text(6);
    c.assignee = s.Text(7);
    c.milestones.received_at = core::FromMillis(s.Int(8));
    c.source_ref = s.Text(10);
    c.version = s.Int(11);
    c.updated_at = core::FromMillis(s.Int(12));
    c.subject = s.Text(13);
    c.description = s.Text(14);
    json doc = json::parse(s.Text(15), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return core::Fail(core::ErrorCode::kInternal, "complaint " + c.number + " has a damaged document");
    }
    if (auto it = doc.find("customer"); it != doc.end() && it->is_object()) {
        c.customer.name = GetString(*it, "name");
        c.customer.phone = GetString(*it, "phone");
        c.customer.email = GetString(*it, "email");
        c.customer.external_id = GetString(*it, "external_id");
        c.customer.tier = GetEnum(*it, "tier", complaint::kCustomerTierNames).value_or(complaint::CustomerTier::kRegular);
    }
    c.occurred_at = GetInstant(doc, "occurred_at");
    c.location = GetString(doc, "location");
    c.order_ref = GetString(doc, "order_ref");
    c.product_ref = GetString(doc, "product_ref");
    c.people_involved = GetString(doc, "people_involved");
    if (auto it = doc.find("amount"); it != doc.end() && it->is_object()) {
        c.amount_in_dispute = complaint::Money{it->value("minor", std::int64_t{0}), it->value("currency", "")};
    }
    c.remedy_sought = GetString(doc, "remedy_sought");
    if (auto it = doc.find("attachments"); it != doc.end() && it->is_array()) {
        for (const auto& a : *it) {
            c.attachments.push_back({GetString(a, "name"), GetString(a, "content_type"), GetString(a, "reference")});
        }
    }
    auto& k = c.classification;
    k.subcategory = GetString(doc, "subcategory");
    if (auto it = doc.find("tags"); it != doc.end() && it->is_array()) k.tags = it->get<std::vector<std::string>>();
    k.nature = GetString(doc, "nature");
    k.urgency = GetEnum(doc, "urgency", complaint::kUrgencyNames);
    k.difficulty = GetEnum(doc, "difficulty", complaint::kDifficultyNames);
    if (auto it = doc.find("severity"); it != doc.end() && it->is_number_integer()) k.severity = it->get<int>();
    k.service_stage = GetEnum(doc, "service_stage", complaint::kServiceStageNames);
    if (auto it = doc.find("sentiment_score"); it != doc.end() && it->is_number()) k.sentiment_score = it->get<double>();
    if (auto it = doc.find("emotion_intensity"); it != doc.end() && it->is_number()) {
        k.emotion_intensity = it->get<double>();
    }
    if (auto it = doc.find("risk_flags"); it != doc.end() && it->is_array()) {
        for (const auto& flag : *it) {
            if (auto value = core::ValueOf(complaint::kRiskFlagNames, flag.get<std::string>())) {
                k.risk_flags.push_back(*value);
            }
        }
    }
    if (auto it = doc.find("confidence"); it != doc.end() && it->is_number()) k.confidence = it->get<double>();
    if (auto it = doc.find("field_sources"); it != doc.end() && it->is_object()) {
        for (const auto& [field, source] : it->items()) {
            if (auto value = core::ValueOf(complaint::kFieldSourceNames, source.get<std::string>())) {
                k.field_sources[field] = *value;
            }
        }
    }
    c.team = GetString(doc, "team");
    c.department = GetString(doc, "department");
    c.first_response_due_at = GetInstant(doc, "first_response_due_at");
    c.resolution_due_at = GetInstant(doc, "resolution_due_at");
    if (auto sla = doc.find("sla"); sla != doc.end() && sla->is_object()) {
        c.sla.policy = GetString(*sla, "policy");
        c.sla.state = GetString(*sla, "state");
        c.sla.next_update_due_at = GetInstant(*sla, "next_update_due_at");
        c.sla.regulatory_due_at = GetInstant(*sla, "regulatory_due_at");
        c.sla.check_at = GetInstant(*sla, "check_at");
        if (auto level = sla->find("escalation_level"); level != sla->end() && level->is_number_integer()) {
            c.sla.escalation_level = level->get<int>();
        }
        c.sla.escalation_reason = GetString(*sla, "escalation_reason");
    }
    c.milestones.acknowledged_at = GetInstant(doc, "acknowledged_at");
    c.milestones.first_response_at = GetInstant(doc, "first_response_at");
    c.milestones.resolved_at = GetInstant(doc, "resolved_at");
    c.milestones.closed_at = GetInstant(doc, "closed_at");
    c.resolution_summary = GetString(doc, "resolution_summary");
    c.compensation = GetString(doc, "compensation");
    if (auto it = doc.find("compensation_totals"); it != doc.end() && it->is_object()) {
        for (const auto& [currency, t] : it->items()) {
            if (!t.is_object()) continue;
            c.compensation_totals[currency] = {t.value("requested", std::int64_t{0}), t.value("approved", std::int64_t{0}),
                                               t.value("rejected", std::int64_t{0}), t.value("pending", std::int64_t{0})};
        }
    }
    c.customer_acceptance = GetEnum(doc, "customer_acceptance", complaint::kAcceptanceNames);
    if (auto it = doc.find("feedback"); it != doc.end() && it->is_object()) {
        auto score = [&](const char* key) -> std::optional<int> {
            auto v = it->find(key);
            if (v == it->end() || !v->is_number_integer()) return std::nullopt;
            return v->get<int>();
        };
        c.feedback.csat = score("csat");
        c.feedback.nps = score("nps");
        c.feedback.effort = score("effort");
        c.feedback.answered_at = GetInstant(*it, "answered_at");
    }
    if (auto it = doc.find("repeat_of"); it != doc.end()) c.links.repeat_of = core::ComplaintId{it->get<std::int64_t>()};
    if (auto it = doc.find("duplicate_of"); it != doc.end()) {
        c.links.duplicate_of = core::ComplaintId{it->get<std::int64_t>()};
    }
    if (auto it = doc.find("merged_into"); it != doc.end()) {
        c.links.merged_into = core::ComplaintId{it->get<std::int64_t>()};
    }
    c.links.incident_cluster = GetString(doc, "incident_cluster");
    if (auto it = doc.find("related"); it != doc.end() && it->is_array()) {
        for (const auto& link : *it) {
            c.links.related.push_back({core::ComplaintId{link.value("id", std::int64_t{0})}, link.value("reason", ""),
                                       link.value("by", ""), core::FromMillis(link.value("at", std::int64_t{0}))});
        }
    }
    if (auto it = doc.find("merged_from"); it != doc.end() && it->is_array()) {
        for (const auto& id : *it) c.links.merged_from.push_back(core::ComplaintId{id.get<std::int64_t>()});
    }
    c.rejection_reason = GetString(doc, "rejection_reason");
    if (auto it = doc.find("attributes"); it != doc.end() && it->is_object()) {
        c.attributes = it->get<std::map<std::string, std::string>>();
    }
    DecodeTriage(doc, c.triage);
    if (!s.IsNull(16)) {
        if (auto applied = ApplySlaValues(s.Text(16), c); !applied) return tl::unexpected(applied.error());
    }
    return c;
}

core::workflow::Event ReadEvent(const Statement& s) {
    core::workflow::Event e;
    e.id = core::EventId{s.Int(0)};
    e.tenant = core::TenantId{s.Int(1)};
    e.complaint = core::ComplaintId{s.Int(2)};
    e.at = core::FromMillis(s.Int(3));
    e.actor = s.Text(4);
    e.actor_role = core::ValueOf(core::workflow::kRoleNames, s.Text(5)).value_or(core::workflow::Role::kSystem);
    e.kind = core::ValueOf(core::workflow::kEventKindNames, s.Text(6)).value_or(core::workflow::EventKind::kFieldChanged);
    e.field = s.Text(7);
    e.before = s.Text(8);
    e.after = s.Text(9);
    e.note = s.Text(10);
    return e;
}

complaint::Message ReadMessage(const Statement& s) {
    complaint::Message m;
    m.id = core::MessageId{s.Int(0)};
    m.tenant = core::TenantId{s.Int(1)};
    m.complaint = core::ComplaintId{s.Int(2)};
    m.direction = core::ValueOf(complaint::kDirectionNames, s.Text(3)).value_or(complaint::Direction::kInternal);
    m.author = s.Text(4);
    m.author_role = core::ValueOf(core::workflow::kRoleNames, s.Text(5)).value_or(core::workflow::Role::kSystem);
    m.body = s.Text(6);
    m.created_at = core::FromMillis(s.Int(7));
    return m;
}

}  // namespace heed::storage::sqlite
