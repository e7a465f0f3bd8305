#include "core/complaint/pii.hpp"

#include <algorithm>

namespace heed::core::complaint {

std::string MaskPhone(std::string_view phone) {
    std::string digits;
    for (char c : phone) {
        if (c >= '0' && c <= '9') digits += c;
    }
    if (digits.size() < 8) return std::string(digits.size(), '*');
    return digits.substr(0, 3) + "****" + digits.substr(digits.size() - 4);
}

std::string MaskEmail(std::string_view email) {
    auto at = email.find('@');
    if (at == std::string_view::npos || at == 0) return "***";
    return std::string(email.substr(0, 1)) + "***" + std::string(email.substr(at));
}

std::string MaskId(std::string_view id) {
    if (id.size() <= 4) return std::string(id.size(), '*');
    return std::string(id.substr(0, 2)) + std::string(id.size() - 4, '*') + std::string(id.substr(id.size() - 2));
}

bool SeesContactDetails(workflow::Role role) {
    switch (role) {
        case workflow::Role::kAgent:
        case workflow::Role::kTeamLead:
        case workflow::Role::kManager:
        case workflow::Role::kDirector:
        case workflow::Role::kAdmin:
        case workflow::Role::kSystem: return true;
        default: return false;
    }
}

void MaskContactDetails(Complaint& complaint) {
    Customer& customer = complaint.customer;
    if (!customer.phone.empty()) customer.phone = MaskPhone(customer.phone);
    if (!customer.email.empty()) customer.email = MaskEmail(customer.email);
    if (!customer.external_id.empty()) customer.external_id = MaskId(customer.external_id);
}

std::string MaskName(std::string_view name) {
    if (name.empty()) return {};
    std::size_t first = 1;
    auto lead = static_cast<unsigned char>(name[0]);
    if (lead >= 0xF0) first = 4;
    else if (lead >= 0xE0) first = 3;
    else if (lead >= 0xC0) first = 2;
    first = std::min(first, name.size());
    std::size_t rest = 0;
    for (std::size_t i = first; i < name.size(); ++i) {
        if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) ++rest;
    }
    return std::string(name.substr(0, first)) + std::string(rest, '*');
}

void Anonymise(Complaint& c) {
    c.customer.name = kErasedText;
    c.customer.phone.clear();
    c.customer.email.clear();
    c.customer.external_id.clear();
    c.subject = kErasedText;
    c.description = kErasedText;
    c.location.clear();
    c.order_ref.clear();
    c.product_ref.clear();
    c.people_involved.clear();
    c.remedy_sought.clear();
    c.attachments.clear();
    c.attributes.clear();
}

}  // namespace heed::core::complaint
