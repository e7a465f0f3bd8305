#pragma once
// Rules a complaint must satisfy before it is stored. Each failure names the field (JSON path) it concerns.

#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"

namespace heed::core::complaint {

// Checks required fields, sizes (see complaint.hpp), formats (phone, e-mail, currency), severity 1–5 and that
// every text is valid UTF-8. Returns the first problem found.
Result<void> ValidateComplaint(const Complaint& complaint);

bool LooksLikePhone(std::string_view phone);
bool LooksLikeEmail(std::string_view email);

}  // namespace heed::core::complaint
