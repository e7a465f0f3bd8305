#pragma once
// Instants are UTC with millisecond precision. ISO 8601 is the only text form that crosses an interface.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace heed::core {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// "2024-05-01T08:30:00.123Z" (milliseconds always present).
std::string FormatIso8601(Instant instant);

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" with "Z", "+hh:mm" or "-hh:mm" (an offset is required when a
// time is given), and a space instead of "T". Returns nullopt on anything else, including impossible dates.
std::optional<Instant> ParseIso8601(std::string_view text);

inline std::int64_t ToMillis(Instant instant) { return instant.time_since_epoch().count(); }
inline Instant FromMillis(std::int64_t millis) { return Instant{std::chrono::milliseconds{millis}}; }

// The calendar month of an instant in UTC as yyyymm (e.g. 202405), used by complaint numbering.
int YearMonth(Instant instant);

}  // namespace heed::core
