#pragma once
// One table of wire names per enum: the same snake_case names appear in JSON, SQL rows, CSV and the CLI.

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace heed::core {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
constexpr std::string_view NameOf(const EnumNames<E, N>& names, E value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) return name;
    }
    return "unknown";
}

template <typename E, std::size_t N>
constexpr std::optional<E> ValueOf(const EnumNames<E, N>& names, std::string_view text) {
    for (const auto& [candidate, name] : names) {
        if (name == text) return candidate;
    }
    return std::nullopt;
}

}  // namespace heed::core
