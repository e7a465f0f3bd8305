#pragma once
// Text placed in HTML pages Heed writes itself (the survey page, the monthly report).

#include <string>
#include <string_view>

namespace heed::core {

// `text` with & < > " ' replaced by character references: safe in element content and quoted attributes.
std::string EscapeHtml(std::string_view text);

}  // namespace heed::core
