#include "core/sla/inputs.hpp"

#include <charconv>
#include <cstdlib>

namespace heed::core::sla {

using workflow::Event;
using workflow::EventKind;

namespace {

// Each value is one token: its length in bytes, ':', the bytes. Any byte may occur in a value.
class Writer {
public:
    void Text(std::string_view value) {
        out_ += std::to_string(value.size());
        out_ += ':';
        out_.append(value);
    }
    void Integer(std::int64_t value) { Text(std::to_string(value)); }
    void OptionalInstant(const std::optional<Instant>& value) { Text(value ? std::to_string(ToMillis(*value)) : ""); }
    std::string Take() { return std::move(out_); }

private:
    std::string out_;
};

// `token` is exactly one number of type T.
template <typename T>
bool ParseWhole(std::string_view token, T& value) {
    auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    return error == std::errc{} && end == token.data() + token.size();
}

class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}
    bool AtEnd() const { return pos_ >= text_.size(); }
    bool Text(std::string_view& value) {
        std::size_t colon = text_.find(':', pos_);
        if (colon == std::string_view::npos) return false;
        std::size_t length = 0;
        if (!ParseWhole(text_.substr(pos_, colon - pos_), length) || length > text_.size() - colon - 1) return false;
        value = text_.substr(colon + 1, length);
        pos_ = colon + 1 + length;
        return true;
    }
    bool Integer(std::int64_t& value) {
        std::string_view token;
        return Text(token) && ParseWhole(token, value);
    }
    // An empty token is none.
    template <typename T>
    bool Optional(std::optional<T>& value) {
        std::string_view token;
        if (!Text(token)) return false;
        value.reset();
        if (token.empty()) return true;
        T parsed{};
        if (!ParseWhole(token, parsed)) return false;
        value = parsed;
        return true;
    }
    bool OptionalInstant(std::optional<Instant>& value) {
        std::optional<std::int64_t> ms;
        if (!Optional(ms)) return false;
        value = ms ? std::optional<Instant>(FromMillis(*ms)) : std::nullopt;
        return true;
    }
    template <typename E, std::size_t N>
    bool Enum(E& value, const EnumNames<E, N>& names) {
        std::string_view token;
        if (!Text(token)) return false;
        auto found = ValueOf(names, token);
        if (!found) return false;
        value = *found;
        return true;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

constexpr std::string_view kFormat = "sla-inputs-1";

// The SLA values (ports::CopySlaValues), in both encodings.
void PutValues(Writer& w, const complaint::Complaint& c) {
    w.Text(c.sla.policy);
    w.Text(c.sla.state);
    w.OptionalInstant(c.first_response_due_at);
    w.OptionalInstant(c.resolution_due_at);
    w.OptionalInstant(c.sla.next_update_due_at);
    w.OptionalInstant(c.sla.regulatory_due_at);
    w.OptionalInstant(c.sla.check_at);
}

// Reads them into `c`, all or nothing.
bool ReadValues(Reader& r, complaint::Complaint& c) {
    std::string_view policy, state;
    complaint::Complaint read;
    if (!r.Text(policy) || !r.Text(state) || !r.OptionalInstant(read.first_response_due_at) ||
        !r.OptionalInstant(read.resolution_due_at) || !r.OptionalInstant(read.sla.next_update_due_at) ||
        !r.OptionalInstant(read.sla.regulatory_due_at) || !r.OptionalInstant(read.sla.check_at)) {
        return false;
    }
    c.sla.policy = std::string(policy);
    c.sla.state = std::string(state);
    c.first_response_due_at = read.first_response_due_at;
    c.resolution_due_at = read.resolution_due_at;
    c.sla.next_update_due_at = read.sla.next_update_due_at;
    c.sla.regulatory_due_at = read.sla.regulatory_due_at;
    c.sla.check_at = read.sla.check_at;
    return true;
}

}  // namespace

bool ReadBySla(const Event& e) {
    switch (e.kind) {
        case EventKind::kStatusChanged:
        case EventKind::kSlaWarning:
        case EventKind::kSlaBreached:
        case EventKind::kEscalated:
            return true;
        case EventKind::kMessageAdded:
            return e.field == "outbound";
        default:
            return false;
    }
}

std::string EncodeSlaInputs(const complaint::Complaint& c, const std::vector<Event>& history) {
    Writer w;
    w.Text(kFormat);
    w.Integer(c.id.value);
    w.Integer(c.tenant.value);
    w.Integer(c.version);
    w.Text(workflow::ToString(c.status));
    w.Text(complaint::ToString(c.channel));
    w.Integer(ToMillis(c.milestones.received_at));
    w.OptionalInstant(c.milestones.first_response_at);
    w.Text(complaint::ToString(c.customer.tier));
    const auto& k = c.classification;
    w.Text(k.category);
    w.Text(k.urgency ? complaint::ToString(*k.urgency) : "");
    w.Text(k.severity ? std::to_string(*k.severity) : "");
    // The score as written by the shortest round trip: decoding gives back the same double.
    if (k.sentiment_score) {
        char buffer[32];
        auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, *k.sentiment_score);
        w.Text(error == std::errc{} ? std::string_view(buffer, static_cast<std::size_t>(end - buffer)) : "");
    } else {
        w.Text("");
    }
    w.Integer(static_cast<std::int64_t>(k.risk_flags.size()));
    for (auto flag : k.risk_flags) w.Text(complaint::ToString(flag));
    auto repeats = c.attributes.find("repeat_count");
    w.Integer(repeats == c.attributes.end() ? 0 : 1);
    if (repeats != c.attributes.end()) w.Text(repeats->second);
    w.Text(c.assignee);
    w.Integer(c.sla.escalation_level);
    w.Text(c.sla.escalation_reason);
    PutValues(w, c);
    std::int64_t events = 0;
    for (const auto& e : history) events += ReadBySla(e) ? 1 : 0;
    w.Integer(events);
    for (const auto& e : history) {
        if (!ReadBySla(e)) continue;
        w.Text(workflow::ToString(e.kind));
        w.Integer(ToMillis(e.at));
        w.Text(e.field);
        w.Text(e.before);
        w.Text(e.after);
    }
    return w.Take();
}

Result<void> DecodeSlaInputs(std::string_view text, complaint::Complaint& c, std::vector<Event>& history) {
    Reader r(text);
    auto damaged = [] { return Fail(ErrorCode::kInternal, "a complaint's stored SLA inputs are damaged"); };
    std::string_view format, token;
    std::int64_t number = 0;
    if (!r.Text(format) || format != kFormat) return damaged();
    if (!r.Integer(number)) return damaged();
    c.id = ComplaintId{number};
    if (!r.Integer(number)) return damaged();
    c.tenant = TenantId{number};
    if (!r.Integer(c.version) || !r.Enum(c.status, workflow::kStatusNames) ||
        !r.Enum(c.channel, complaint::kChannelNames) || !r.Integer(number)) {
        return damaged();
    }
    c.milestones.received_at = FromMillis(number);
    if (!r.OptionalInstant(c.milestones.first_response_at) || !r.Enum(c.customer.tier, complaint::kCustomerTierNames)) {
        return damaged();
    }
    auto& k = c.classification;
    if (!r.Text(token)) return damaged();
    k.category = std::string(token);
    if (!r.Text(token)) return damaged();
    k.urgency.reset();
    if (!token.empty()) {
        k.urgency = ValueOf(complaint::kUrgencyNames, token);
        if (!k.urgency) return damaged();
    }
    if (!r.Optional(k.severity) || !r.Optional(k.sentiment_score)) return damaged();
    if (!r.Integer(number) || number < 0) return damaged();
    k.risk_flags.clear();
    for (std::int64_t i = 0; i < number; ++i) {
        complaint::RiskFlag flag{};
        if (!r.Enum(flag, complaint::kRiskFlagNames)) return damaged();
        k.risk_flags.push_back(flag);
    }
    if (!r.Integer(number)) return damaged();
    c.attributes.erase("repeat_count");
    if (number == 1) {
        if (!r.Text(token)) return damaged();
        c.attributes["repeat_count"] = std::string(token);
    }
    if (!r.Text(token)) return damaged();
    c.assignee = std::string(token);
    if (!r.Integer(number)) return damaged();
    c.sla.escalation_level = static_cast<int>(number);
    if (!r.Text(token)) return damaged();
    c.sla.escalation_reason = std::string(token);
    if (!ReadValues(r, c)) return damaged();
    std::int64_t events = 0;
    if (!r.Integer(events) || events < 0) return damaged();
    history.reserve(history.size() + static_cast<std::size_t>(events));
    for (std::int64_t i = 0; i < events; ++i) {
        Event e;
        e.tenant = c.tenant;
        e.complaint = c.id;
        if (!r.Enum(e.kind, workflow::kEventKindNames) || !r.Integer(number)) return damaged();
        e.at = FromMillis(number);
        std::string_view field, before, after;
        if (!r.Text(field) || !r.Text(before) || !r.Text(after)) return damaged();
        e.field = std::string(field);
        e.before = std::string(before);
        e.after = std::string(after);
        history.push_back(std::move(e));
    }
    if (!r.AtEnd()) return damaged();
    return {};
}

std::string EncodeSlaValues(const complaint::Complaint& c) {
    Writer w;
    PutValues(w, c);
    return w.Take();
}

Result<void> DecodeSlaValues(std::string_view text, complaint::Complaint& c) {
    Reader r(text);
    if (!ReadValues(r, c) || !r.AtEnd())
        return Fail(ErrorCode::kInternal, "a complaint's stored SLA values are damaged");
    return {};
}

}  // namespace heed::core::sla
