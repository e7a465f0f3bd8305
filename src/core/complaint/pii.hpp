#pragma once
// Personal data a role does not need is masked in what it sees and in exports: phone numbers keep their first three
// and last four digits (138****1234), e-mail addresses their first character and domain (z***@example.com), other
// ids their first and last two characters.

#include <string>
#include <string_view>

#include "core/complaint/complaint.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::complaint {

std::string MaskPhone(std::string_view phone);
std::string MaskEmail(std::string_view email);
std::string MaskId(std::string_view id);

// Agents, team leads, managers and admins work with the customer and may reveal contact details (each view is
// audited); analysts and department handlers only ever see them masked.
bool SeesContactDetails(workflow::Role role);

// Masks the customer's phone, e-mail and external id in place.
void MaskContactDetails(Complaint& complaint);

// The first character (code point) of a name and one * per further character: 王芳 → 王*.
std::string MaskName(std::string_view name);

// What is left of a complaint after its customer's personal data is removed: contact details, the customer's words
// (subject, description), places, references, people, remedy, attachments and attributes are replaced or cleared.
// Everything statistics need stays: number, dates and milestones, channel, category and the rest of the
// classification, tier, status, team, amounts, resolution summary and acceptance.
void Anonymise(Complaint& complaint);
inline constexpr const char* kErasedText = "[erased]";

}  // namespace heed::core::complaint
