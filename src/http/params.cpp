#include "http/params.hpp"

#include <charconv>

namespace heed::http {

std::optional<std::int64_t> ParseInteger(std::string_view text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<core::ComplaintId> ComplaintIdParam(const Request& request, const char* name) {
    auto found = request.params.find(name);
    if (found == request.params.end()) return std::nullopt;
    auto id = ParseInteger(found->second);
    if (!id || *id <= 0) return std::nullopt;
    return core::ComplaintId{*id};
}

}  // namespace heed::http
