#include "core/complaint/patch.hpp"

#include "core/complaint/pii.hpp"
#include "core/complaint/validation.hpp"

namespace heed::core::complaint {
namespace {

using workflow::Event;
using workflow::EventKind;

std::string Text(const std::string& value) { return value; }
std::string Text(int value) { return std::to_string(value); }
std::string Text(Instant value) { return FormatIso8601(value); }
std::string Text(const Money& value) {
    return std::to_string(value.minor_units) + " " + value.currency + " (minor units)";
}
template <typename E>
    requires std::is_enum_v<E>
std::string Text(E value) {
    return std::string(ToString(value));
}
template <typename T>
std::string Text(const std::vector<T>& values) {
    std::string text;
    for (const auto& value : values) {
        if (!text.empty()) text += ",";
        text += Text(value);
    }
    return text;
}
template <typename T>
std::string Text(const std::optional<T>& value) {
    return value ? Text(*value) : std::string();
}

class Patcher {
public:
    Patcher(Complaint& target, const workflow::Actor& actor, Instant now, std::vector<Event>& events)
        : target_(target), actor_(actor), now_(now), events_(events) {}

    // Contact details are recorded masked in the event (138****1234): the timeline shows that they changed without
    // keeping personal data that an erasure could not remove from the audited history.
    void SetContact(const char* name, const std::optional<std::string>& value, std::string& field,
                    std::string (*mask)(std::string_view)) {
        if (!value || field == *value) return;
        events_.push_back(Event{{}, target_.tenant, target_.id, now_, actor_.name, actor_.role,
                                EventKind::kFieldChanged, name, field.empty() ? "" : mask(field),
                                value->empty() ? "" : mask(*value), {}});
        field = *value;
    }

    // Free text that may describe people and places: the event records that it changed, not what it said.
    void SetPrivate(const char* name, const std::optional<std::string>& value, std::string& field) {
        if (!value || field == *value) return;
        events_.push_back(Event{{}, target_.tenant, target_.id, now_, actor_.name, actor_.role,
                                EventKind::kFieldChanged, name, field.empty() ? "" : "(changed)",
                                value->empty() ? "" : "(changed)", {}});
        field = *value;
    }

    template <typename T, typename Field>
    void Set(const char* name, const std::optional<T>& value, Field& field, bool classification = false) {
        if (!value) return;
        if constexpr (std::is_same_v<Field, std::optional<T>>) {
            if (field && *field == *value) return;
        } else {
            if (field == *value) return;
        }
        events_.push_back(Event{{}, target_.tenant, target_.id, now_, actor_.name, actor_.role,
                                EventKind::kFieldChanged, name, Text(field), Text(*value), {}});
        field = *value;
        if (classification) target_.classification.field_sources[name] = FieldSource::kPerson;
    }

private:
    Complaint& target_;
    const workflow::Actor& actor_;
    Instant now_;
    std::vector<Event>& events_;
};

}  // namespace

Result<workflow::Change> ApplyPatch(const Complaint& current, const ComplaintPatch& p, const workflow::Actor& actor,
                                    Instant now) {
    workflow::Change change{current, {}};
    Complaint& c = change.complaint;
    Patcher set(c, actor, now, change.events);
    set.SetContact("customer.name", p.customer_name, c.customer.name, MaskName);
    set.SetContact("customer.phone", p.customer_phone, c.customer.phone, MaskPhone);
    set.SetContact("customer.email", p.customer_email, c.customer.email, MaskEmail);
    set.Set("customer.tier", p.customer_tier, c.customer.tier);
    set.Set("subject", p.subject, c.subject);
    set.Set("occurred_at", p.occurred_at, c.occurred_at);
    set.SetPrivate("location", p.location, c.location);
    set.Set("order_ref", p.order_ref, c.order_ref);
    set.Set("product_ref", p.product_ref, c.product_ref);
    set.SetPrivate("people_involved", p.people_involved, c.people_involved);
    set.Set("amount_in_dispute", p.amount_in_dispute, c.amount_in_dispute);
    set.SetPrivate("remedy_sought", p.remedy_sought, c.remedy_sought);
    set.Set("category", p.category, c.classification.category, true);
    set.Set("subcategory", p.subcategory, c.classification.subcategory, true);
    set.Set("tags", p.tags, c.classification.tags, true);
    set.Set("nature", p.nature, c.classification.nature, true);
    set.Set("urgency", p.urgency, c.classification.urgency, true);
    set.Set("difficulty", p.difficulty, c.classification.difficulty, true);
    set.Set("severity", p.severity, c.classification.severity, true);
    set.Set("service_stage", p.service_stage, c.classification.service_stage, true);
    set.Set("risk_flags", p.risk_flags, c.classification.risk_flags, true);
    set.Set("assignee", p.assignee, c.assignee);
    set.Set("team", p.team, c.team);
    set.Set("department", p.department, c.department);
    set.Set("resolution_summary", p.resolution_summary, c.resolution_summary);
    set.Set("compensation", p.compensation, c.compensation);
    set.Set("customer_acceptance", p.customer_acceptance, c.customer_acceptance);

    if (auto valid = ValidateComplaint(c); !valid) return tl::unexpected(valid.error());
    if (!change.events.empty()) c.updated_at = now;
    return change;
}

}  // namespace heed::core::complaint
