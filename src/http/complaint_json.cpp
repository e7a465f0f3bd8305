#include "http/complaint_json.hpp"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/common/utf8.hpp"
#include "core/services/sla_service.hpp"

namespace heed::http {

namespace complaint = core::complaint;

namespace {

// Writes JSON into a string, putting the commas between members and elements itself: a key or an element is
// preceded by a comma unless it opens its object or array.
class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}

    Writer& Open(char bracket) {
        Separate();
        out_ += bracket;
        after_key_ = false;
        return *this;
    }
    Writer& Close(char bracket) {
        out_ += bracket;
        return *this;
    }
    Writer& Key(std::string_view key) {
        Separate();
        out_ += '"';
        out_ += key;  // keys are the document's own ASCII names
        out_ += "\":";
        after_key_ = true;
        return *this;
    }
    Writer& EscapedKey(std::string_view key) {  // a key that is data (attribute names, field names)
        Separate();
        AppendJsonString(out_, key);
        out_ += ':';
        after_key_ = true;
        return *this;
    }
    Writer& String(std::string_view text) {
        Separate();
        AppendJsonString(out_, text);
        return *this;
    }
    Writer& Int(std::int64_t value) {
        Separate();
        char buffer[24];
        auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
        out_.append(buffer, end);
        return *this;
    }
    Writer& Double(double value) {
        Separate();
        if (!std::isfinite(value)) {
            out_ += "null";
            return *this;
        }
        char buffer[32];
        auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;  // shortest text that reads back exactly
        out_.append(buffer, end);
        if (std::string_view(buffer, end - buffer).find_first_of(".e") == std::string_view::npos) out_ += ".0";
        return *this;
    }
    Writer& Bool(bool value) {
        Separate();
        out_ += value ? "true" : "false";
        return *this;
    }
    Writer& Null() {
        Separate();
        out_ += "null";
        return *this;
    }
    Writer& Instant(core::Instant instant) { return String(core::FormatIso8601(instant)); }
    Writer& Instant(const std::optional<core::Instant>& instant) { return instant ? Instant(*instant) : Null(); }
    Writer& Id(const std::optional<core::ComplaintId>& id) { return id ? Int(id->value) : Null(); }
    Writer& Int(const std::optional<int>& value) { return value ? Int(*value) : Null(); }
    Writer& Double(const std::optional<double>& value) { return value ? Double(*value) : Null(); }
    template <typename E, std::size_t N>
    Writer& Enum(const std::optional<E>& value, const core::EnumNames<E, N>& names) {
        return value ? String(core::NameOf(names, *value)) : Null();
    }
    Writer& Strings(const std::vector<std::string>& values) {
        Open('[');
        for (const auto& value : values) String(value);
        return Close(']');
    }

private:
    void Separate() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!out_.empty() && out_.back() != '{' && out_.back() != '[') out_ += ',';
    }

    std::string& out_;
    bool after_key_ = true;  // the first value written is not preceded by a comma
};

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
    if (!core::IsValidUtf8(text)) {
        // Rare (text is checked where it enters); nlohmann replaces each bad byte with U+FFFD.
        out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    out += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (byte) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += kHex[byte >> 4];
                out += kHex[byte & 0xF];
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

void AppendComplaintJson(std::string& out, const complaint::Complaint& c) {
    const auto& k = c.classification;
    Writer w(out);
    w.Open('{');
    w.Key("id").Int(c.id.value);
    w.Key("tenant_id").Int(c.tenant.value);
    w.Key("number").String(c.number);
    w.Key("status").String(core::workflow::ToString(c.status));
    w.Key("version").Int(c.version);
    w.Key("customer").Open('{');
    w.Key("name").String(c.customer.name);
    w.Key("phone").String(c.customer.phone);
    w.Key("email").String(c.customer.email);
    w.Key("external_id").String(c.customer.external_id);
    w.Key("tier").String(complaint::ToString(c.customer.tier));
    w.Close('}');
    w.Key("channel").String(complaint::ToString(c.channel));
    w.Key("service_type").String(complaint::ToString(c.service_type));
    w.Key("subject").String(c.subject);
    w.Key("description").String(c.description);
    w.Key("occurred_at").Instant(c.occurred_at);
    w.Key("location").String(c.location);
    w.Key("order_ref").String(c.order_ref);
    w.Key("product_ref").String(c.product_ref);
    w.Key("people_involved").String(c.people_involved);
    w.Key("amount_in_dispute");
    if (c.amount_in_dispute) {
        w.Open('{');
        w.Key("amount").Double(static_cast<double>(c.amount_in_dispute->minor_units) / 100.0);
        w.Key("currency").String(c.amount_in_dispute->currency);
        w.Close('}');
    } else {
        w.Null();
    }
    w.Key("remedy_sought").String(c.remedy_sought);
    w.Key("attachments").Open('[');
    for (const auto& a : c.attachments) {
        w.Open('{');
        w.Key("name").String(a.name);
        w.Key("content_type").String(a.content_type);
        w.Key("reference").String(a.reference);
        w.Close('}');
    }
    w.Close(']');
    w.Key("category").String(k.category);
    w.Key("subcategory").String(k.subcategory);
    w.Key("tags").Strings(k.tags);
    w.Key("nature").String(k.nature);
    w.Key("urgency").Enum(k.urgency, complaint::kUrgencyNames);
    w.Key("difficulty").Enum(k.difficulty, complaint::kDifficultyNames);
    w.Key("severity").Int(k.severity);
    w.Key("service_stage").Enum(k.service_stage, complaint::kServiceStageNames);
    w.Key("sentiment_score").Double(k.sentiment_score);
    w.Key("emotion_intensity").Double(k.emotion_intensity);
    w.Key("risk_flags").Open('[');
    for (auto flag : k.risk_flags) w.String(complaint::ToString(flag));
    w.Close(']');
    w.Key("confidence").Double(k.confidence);
    w.Key("field_sources").Open('{');
    for (const auto& [field, source] : k.field_sources) w.EscapedKey(field).String(complaint::ToString(source));
    w.Close('}');
    w.Key("assignee").String(c.assignee);
    w.Key("team").String(c.team);
    w.Key("department").String(c.department);
    w.Key("first_response_due").Instant(c.first_response_due_at);
    w.Key("next_update_due").Instant(c.sla.next_update_due_at);
    w.Key("resolution_due").Instant(c.resolution_due_at);
    w.Key("regulatory_due").Instant(c.sla.regulatory_due_at);
    w.Key("sla").Open('{');
    if (c.sla.policy.empty()) {
        w.Key("policy").Null();
    } else {
        w.Key("policy").String(c.sla.policy);
    }
    w.Key("state").String(c.sla.state.empty() ? std::string_view("inactive") : std::string_view(c.sla.state));
    w.Key("escalation_level").String(core::services::EscalationLevelName(c.sla.escalation_level));
    w.Key("escalation_reason").String(c.sla.escalation_reason);
    w.Close('}');
    w.Key("received_at").Instant(c.milestones.received_at);
    w.Key("acknowledged_at").Instant(c.milestones.acknowledged_at);
    w.Key("first_response_at").Instant(c.milestones.first_response_at);
    w.Key("resolved_at").Instant(c.milestones.resolved_at);
    w.Key("closed_at").Instant(c.milestones.closed_at);
    w.Key("updated_at").Instant(c.updated_at);
    w.Key("resolution_summary").String(c.resolution_summary);
    w.Key("compensation").String(c.compensation);
    w.Key("compensation_totals").Open('[');
    for (const auto& [currency, t] : c.compensation_totals) {
        w.Open('{');
        w.Key("currency").String(currency);
        w.Key("requested").Int(t.requested);
        w.Key("approved").Int(t.approved);
        w.Key("rejected").Int(t.rejected);
        w.Key("pending").Int(t.pending);
        w.Close('}');
    }
    w.Close(']');
    w.Key("customer_acceptance").Enum(c.customer_acceptance, complaint::kAcceptanceNames);
    w.Key("feedback").Open('{');
    w.Key("csat").Int(c.feedback.csat);
    w.Key("nps").Int(c.feedback.nps);
    w.Key("effort").Int(c.feedback.effort);
    w.Key("answered_at").Instant(c.feedback.answered_at);
    w.Close('}');
    w.Key("links").Open('{');
    w.Key("repeat_of").Id(c.links.repeat_of);
    w.Key("duplicate_of").Id(c.links.duplicate_of);
    w.Key("merged_into").Id(c.links.merged_into);
    w.Key("incident_cluster").String(c.links.incident_cluster);
    w.Key("related").Open('[');
    for (const auto& link : c.links.related) {
        w.Open('{');
        w.Key("id").Int(link.id.value);
        w.Key("reason").String(link.reason);
        w.Key("by").String(link.by);
        w.Key("at").Instant(link.at);
        w.Close('}');
    }
    w.Close(']');
    w.Key("merged_from").Open('[');
    for (auto id : c.links.merged_from) w.Int(id.value);
    w.Close(']');
    w.Close('}');
    w.Key("triage").Open('{');
    w.Key("needs_review").Bool(!c.triage.review_fields.empty());
    w.Key("review_fields").Strings(c.triage.review_fields);
    w.Key("confidences").Open('{');
    for (const auto& [field, confidence] : c.triage.confidences) w.EscapedKey(field).Double(confidence);
    w.Close('}');
    w.Key("risk_terms").Strings(c.triage.risk_terms);
    w.Key("repeat_count").Int(c.triage.repeat_count);
    w.Key("fraud_score").Double(c.triage.fraud_score);
    w.Key("fraud_reasons").Strings(c.triage.fraud_reasons);
    w.Close('}');
    w.Key("rejection_reason").String(c.rejection_reason);
    w.Key("source_ref").String(c.source_ref);
    w.Key("attributes").Open('{');
    for (const auto& [name, value] : c.attributes) {
        w.EscapedKey(name).String(value);
    }
    w.Close('}');
    w.Close('}');
}

}  // namespace heed::http
