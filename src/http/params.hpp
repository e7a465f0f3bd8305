#pragma once
// Path and query parameters as numbers, shared by the API modules.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/common/ids.hpp"
#include "http/router.hpp"

namespace heed::http {

// A whole decimal integer (an optional '-' then digits, nothing else), or nullopt.
std::optional<std::int64_t> ParseInteger(std::string_view text);

// The path parameter `name` as a complaint id (a positive integer), or nullopt.
std::optional<core::ComplaintId> ComplaintIdParam(const Request& request, const char* name = "id");

}  // namespace heed::http
