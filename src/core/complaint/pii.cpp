#include "core/complaint/pii.hpp"

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

}  // namespace heed::core::complaint
