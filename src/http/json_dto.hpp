#pragma once
// JSON forms of the API's objects (snake_case, instants in ISO 8601 UTC) and strict parsing of request bodies:
// unknown fields and wrong types are refused with the field's name, so a typo never silently drops data.

#include <nlohmann/json.hpp>

#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"
#include "core/complaint/message.hpp"
#include "core/complaint/patch.hpp"
#include "core/workflow/event.hpp"
#include "core/workflow/transitions.hpp"

namespace heed::http {

nlohmann::json ComplaintToJson(const core::complaint::Complaint& complaint);
nlohmann::json EventToJson(const core::workflow::Event& event);
nlohmann::json MessageToJson(const core::complaint::Message& message);
nlohmann::json ErrorToJson(const core::Error& error);

// Serialises a response body. Text that is not valid UTF-8 (a request path echoed in an error, say) is replaced
// with U+FFFD instead of throwing.
std::string DumpJson(const nlohmann::json& value);

// Parses a request body as a JSON object; kInvalidArgument for invalid UTF-8, malformed JSON or a non-object.
core::Result<nlohmann::json> ParseBody(std::string_view body);

// A request body (empty = {}) with only the listed keys, each of the JSON type given: 's' text, 'b' boolean,
// 'i' integer, 'a' array of text. Anything else is kInvalidArgument naming the field.
core::Result<nlohmann::json> ParseFields(const std::string& body,
                                         std::initializer_list<std::pair<const char*, char>> allowed);

// The intake body: subject, description and customer are required; see docs/api.md.
core::Result<core::complaint::Complaint> ComplaintFromJson(const nlohmann::json& body);

struct PatchRequest {
    core::complaint::ComplaintPatch patch;
    std::optional<std::int64_t> version;
};
core::Result<PatchRequest> PatchFromJson(const nlohmann::json& body);

struct TransitionRequest {
    core::workflow::Status to;
    core::workflow::TransitionInput input;
    std::optional<std::int64_t> version;
};
core::Result<TransitionRequest> TransitionFromJson(const nlohmann::json& body);

struct MessageRequest {
    core::complaint::Direction direction;
    std::string body;
};
core::Result<MessageRequest> MessageFromJson(const nlohmann::json& body);

}  // namespace heed::http
