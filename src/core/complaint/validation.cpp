#include "core/complaint/validation.hpp"

#include <string>

#include "core/common/utf8.hpp"

namespace heed::core::complaint {
namespace {

Result<void> CheckText(std::string_view value, std::string_view field, std::size_t max_bytes, bool required) {
    if (required && value.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return Fail(ErrorCode::kInvalidArgument, std::string(field) + " is required", std::string(field));
    }
    if (value.size() > max_bytes) {
        return Fail(ErrorCode::kInvalidArgument,
                    std::string(field) + " is longer than " + std::to_string(max_bytes) + " bytes", std::string(field));
    }
    if (!IsValidUtf8(value)) {
        return Fail(ErrorCode::kInvalidArgument, std::string(field) + " is not valid UTF-8", std::string(field));
    }
    return {};
}

}  // namespace

bool LooksLikePhone(std::string_view phone) {
    int digits = 0;
    for (char c : phone) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c != '+' && c != '-' && c != ' ' && c != '(' && c != ')') {
            return false;
        }
    }
    return digits >= 5 && digits <= 20;
}

bool LooksLikeEmail(std::string_view email) {
    auto at = email.find('@');
    if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) return false;
    auto dot = email.find('.', at + 2);
    return dot != std::string_view::npos && dot + 1 < email.size() &&
           email.find_first_of(" \t\r\n") == std::string_view::npos;
}

Result<void> ValidateComplaint(const Complaint& c) {
    struct Text {
        std::string_view value;
        std::string_view field;
        std::size_t max;
        bool required;
    };
    const Text texts[] = {
        {c.subject, "subject", kMaxSubjectBytes, true},
        {c.description, "description", kMaxDescriptionBytes, true},
        {c.customer.name, "customer.name", kMaxShortFieldBytes, false},
        {c.customer.phone, "customer.phone", kMaxShortFieldBytes, false},
        {c.customer.email, "customer.email", kMaxShortFieldBytes, false},
        {c.customer.external_id, "customer.external_id", kMaxShortFieldBytes, false},
        {c.location, "location", kMaxShortFieldBytes, false},
        {c.order_ref, "order_ref", kMaxShortFieldBytes, false},
        {c.product_ref, "product_ref", kMaxShortFieldBytes, false},
        {c.people_involved, "people_involved", kMaxTextFieldBytes, false},
        {c.remedy_sought, "remedy_sought", kMaxTextFieldBytes, false},
        {c.classification.category, "category", kMaxShortFieldBytes, false},
        {c.classification.subcategory, "subcategory", kMaxShortFieldBytes, false},
        {c.classification.nature, "nature", kMaxShortFieldBytes, false},
        {c.assignee, "assignee", kMaxShortFieldBytes, false},
        {c.team, "team", kMaxShortFieldBytes, false},
        {c.department, "department", kMaxShortFieldBytes, false},
        {c.resolution_summary, "resolution_summary", kMaxTextFieldBytes, false},
        {c.compensation, "compensation", kMaxTextFieldBytes, false},
        {c.source_ref, "source_ref", kMaxShortFieldBytes, false},
    };
    for (const auto& text : texts) {
        if (auto ok = CheckText(text.value, text.field, text.max, text.required); !ok) return ok;
    }
    const Customer& customer = c.customer;
    if (customer.name.empty() && customer.phone.empty() && customer.email.empty() && customer.external_id.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "customer needs at least a name, phone, email or external_id",
                    "customer");
    }
    if (!customer.phone.empty() && !LooksLikePhone(customer.phone)) {
        return Fail(ErrorCode::kInvalidArgument, "customer.phone is not a phone number", "customer.phone");
    }
    if (!customer.email.empty() && !LooksLikeEmail(customer.email)) {
        return Fail(ErrorCode::kInvalidArgument, "customer.email is not an e-mail address", "customer.email");
    }
    if (const auto& severity = c.classification.severity; severity && (*severity < 1 || *severity > 5)) {
        return Fail(ErrorCode::kInvalidArgument, "severity must be between 1 and 5", "severity");
    }
    if (const auto& amount = c.amount_in_dispute) {
        if (amount->minor_units < 0) {
            return Fail(ErrorCode::kInvalidArgument, "amount_in_dispute must not be negative", "amount_in_dispute");
        }
        bool currency_ok = amount->currency.size() == 3;
        for (char ch : amount->currency) currency_ok = currency_ok && ch >= 'A' && ch <= 'Z';
        if (!currency_ok) {
            return Fail(ErrorCode::kInvalidArgument, "currency must be an ISO 4217 code such as CNY", "currency");
        }
    }
    if (c.classification.tags.size() > kMaxTags) {
        return Fail(ErrorCode::kInvalidArgument, "at most " + std::to_string(kMaxTags) + " tags", "tags");
    }
    for (const auto& tag : c.classification.tags) {
        if (auto ok = CheckText(tag, "tags", kMaxShortFieldBytes, true); !ok) return ok;
    }
    if (c.attachments.size() > kMaxAttachments) {
        return Fail(ErrorCode::kInvalidArgument, "at most " + std::to_string(kMaxAttachments) + " attachments",
                    "attachments");
    }
    for (const auto& attachment : c.attachments) {
        if (auto ok = CheckText(attachment.name, "attachments.name", kMaxShortFieldBytes, true); !ok) return ok;
        if (auto ok = CheckText(attachment.reference, "attachments.reference", kMaxTextFieldBytes, false); !ok)
            return ok;
    }
    if (c.attributes.size() > kMaxAttributes) {
        return Fail(ErrorCode::kInvalidArgument, "at most " + std::to_string(kMaxAttributes) + " attributes",
                    "attributes");
    }
    for (const auto& [key, value] : c.attributes) {
        if (auto ok = CheckText(key, "attributes", kMaxShortFieldBytes, true); !ok) return ok;
        if (auto ok = CheckText(value, "attributes", kMaxTextFieldBytes, false); !ok) return ok;
    }
    return {};
}

}  // namespace heed::core::complaint
