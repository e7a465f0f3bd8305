#pragma once
// The complaint's JSON document (docs/api.md), written straight into the response body. Intake answers, single
// complaints and queue pages are the server's hottest bodies; building them as nlohmann::json trees first (a map
// node and a string per field, ≈ 70 fields a complaint) cost more than the rest of the answer together.
// ComplaintToJson (json_dto.hpp) parses this text, so there is one definition of the document.
//
// Thread-safety: pure functions.

#include <string>
#include <string_view>

#include "core/complaint/complaint.hpp"

namespace heed::http {

// Appends the complaint as one JSON object to `out`. Text that is not valid UTF-8 has its bad bytes replaced by
// U+FFFD, as DumpJson does.
void AppendComplaintJson(std::string& out, const core::complaint::Complaint& complaint);

// Appends `text` as a JSON string (quoted and escaped) to `out`.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace heed::http
