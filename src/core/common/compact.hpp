#pragma once
// Value types for rows kept in memory by the million (the KPI roll-up holds one row per complaint): the same meaning
// as std::string, std::optional<Instant> and std::vector, in a fraction of the bytes.
//
// - Interned: a string from a process-wide pool of distinct values, 4 bytes. For values many rows share (a
//   category, a channel, an agent, an incident cluster). The pool never forgets a value, so intern only what has
//   few distinct values compared with the rows that carry it.
// - CompactNumber: a complaint number in 8 bytes ("TS" + yyyymm + a 6-digit sequence held as an integer; any other
//   text interned).
// - OptionalInstant: an optional instant in 8 bytes (std::optional<Instant> takes 16).
// - OptionalFloat: an optional float in 4 bytes (NaN for none; std::optional<float> takes 8).
// - PackedArrays<A, B>: two read-only arrays in one allocation with their sizes (8 bytes, nothing allocated when both
//   are empty; two std::vectors take 48 and may keep spare capacity).

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/common/time.hpp"

namespace heed::core {

class Interned {
public:
    Interned() = default;  // ""
    // Finds the value in the pool or adds it. Thread-safe.
    explicit Interned(std::string_view value) : id_(Intern(value)) {}
    Interned& operator=(std::string_view value) {
        id_ = Intern(value);
        return *this;
    }

    // The value; the reference stays valid for the life of the process. Thread-safe, without locks.
    const std::string& str() const;
    operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor): used as a string
    bool empty() const { return id_ == 0; }

    friend bool operator==(Interned a, Interned b) { return a.id_ == b.id_; }
    friend bool operator==(Interned a, std::string_view b) { return a.str() == b; }
    friend bool operator==(Interned a, const std::string& b) { return a.str() == b; }
    friend bool operator==(Interned a, const char* b) { return a.str() == b; }
    friend std::ostream& operator<<(std::ostream& out, Interned value) { return out << value.str(); }

    // Distinct values in the pool, "" included (for tests and diagnostics).
    static std::size_t PoolSize();

private:
    friend class CompactNumber;  // holds the id in its own bits
    static std::uint32_t Intern(std::string_view value);
    std::uint32_t id_ = 0;
};

class CompactNumber {
public:
    CompactNumber() = default;
    explicit CompactNumber(std::string_view value) { *this = value; }
    CompactNumber& operator=(std::string_view value) {
        if (value.size() > 2 && value.size() <= 2 + kMaxDigits && value.starts_with("TS") && value[2] != '0') {
            std::string_view digits = value.substr(2);
            std::uint64_t number = 0;
            if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                std::from_chars(digits.data(), digits.data() + digits.size(), number).ptr ==
                    digits.data() + digits.size()) {
                bits_ = kDigits | number;
                return *this;
            }
        }
        bits_ = Interned::Intern(value);
        return *this;
    }

    std::string str() const {
        if (bits_ & kDigits) return "TS" + std::to_string(bits_ & ~kDigits);
        Interned interned;
        interned.id_ = static_cast<std::uint32_t>(bits_);
        return interned.str();
    }
    bool empty() const { return bits_ == 0; }

    // One text has one form (digits without a leading zero, or its pool entry), so equal texts have equal bits.
    friend bool operator==(CompactNumber a, CompactNumber b) = default;
    friend bool operator==(CompactNumber a, std::string_view b) { return a == CompactNumber(b); }
    friend std::ostream& operator<<(std::ostream& out, CompactNumber value) { return out << value.str(); }

private:
    static constexpr std::size_t kMaxDigits = 18;  // below 2^63
    static constexpr std::uint64_t kDigits = std::uint64_t{1} << 63;
    std::uint64_t bits_ = 0;  // kDigits | the digits after "TS", or the pool id of the text ("" is 0)
};
static_assert(sizeof(CompactNumber) == 8 && sizeof(Interned) == sizeof(std::uint32_t) &&
              std::is_trivially_copyable_v<Interned>);

class OptionalInstant {
public:
    OptionalInstant() = default;
    OptionalInstant(std::nullopt_t) {}                                // NOLINT(google-explicit-constructor)
    OptionalInstant(Instant instant) : millis_(ToMillis(instant)) {}  // NOLINT(google-explicit-constructor)
    OptionalInstant(const std::optional<Instant>& instant)            // NOLINT(google-explicit-constructor)
        : millis_(instant ? ToMillis(*instant) : kNone) {}

    bool has_value() const { return millis_ != kNone; }  // NOLINT(readability-identifier-naming): std::optional's
    explicit operator bool() const { return has_value(); }
    Instant operator*() const { return FromMillis(millis_); }
    Instant value_or(Instant fallback) const { return has_value() ? **this : fallback; }  // NOLINT
    void reset() { millis_ = kNone; }
    operator std::optional<Instant>() const {  // NOLINT(google-explicit-constructor)
        return has_value() ? std::optional<Instant>(**this) : std::nullopt;
    }

    friend bool operator==(OptionalInstant, OptionalInstant) = default;
    friend bool operator==(OptionalInstant a, const std::optional<Instant>& b) { return a == OptionalInstant(b); }
    friend bool operator==(OptionalInstant a, std::nullopt_t) { return !a.has_value(); }
    friend std::ostream& operator<<(std::ostream& out, OptionalInstant value) {
        return out << (value ? FormatIso8601(*value) : std::string("(none)"));
    }

private:
    // The earliest millisecond: no instant Heed stores (ISO 8601 years 0000–9999) comes near it.
    static constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::min();
    std::int64_t millis_ = kNone;
};

class OptionalFloat {
public:
    OptionalFloat() = default;
    OptionalFloat(std::nullopt_t) {}                // NOLINT(google-explicit-constructor)
    OptionalFloat(float value) : value_(value) {}  // NOLINT(google-explicit-constructor): NaN is none

    bool has_value() const { return !std::isnan(value_); }  // NOLINT(readability-identifier-naming): std::optional's
    explicit operator bool() const { return has_value(); }
    float operator*() const { return value_; }
    float value_or(float fallback) const { return has_value() ? value_ : fallback; }  // NOLINT
    void reset() { value_ = kNone; }

    friend bool operator==(OptionalFloat a, OptionalFloat b) {
        return a.has_value() == b.has_value() && (!a.has_value() || a.value_ == b.value_);
    }
    friend bool operator==(OptionalFloat a, std::nullopt_t) { return !a.has_value(); }
    friend std::ostream& operator<<(std::ostream& out, OptionalFloat value) {
        if (value) return out << *value;
        return out << "(none)";
    }

private:
    static constexpr float kNone = std::numeric_limits<float>::quiet_NaN();
    float value_ = kNone;
};

template <class A, class B>
class PackedArrays {
    static_assert(std::is_trivially_copyable_v<A> && std::is_trivially_copyable_v<B> &&
                  alignof(A) <= alignof(std::max_align_t) && alignof(B) <= alignof(std::max_align_t));

public:
    PackedArrays() = default;
    PackedArrays(std::span<const A> first, std::span<const B> second) { Assign(first, second); }
    PackedArrays(const PackedArrays& other) { Assign(other.first(), other.second()); }
    PackedArrays(PackedArrays&&) noexcept = default;
    PackedArrays& operator=(const PackedArrays& other) {
        if (this != &other) Assign(other.first(), other.second());
        return *this;
    }
    PackedArrays& operator=(PackedArrays&&) noexcept = default;
    ~PackedArrays() = default;

    std::span<const A> first() const {
        if (!block_) return {};
        return {reinterpret_cast<const A*>(block_.get() + kFirst), Header().first};
    }
    std::span<const B> second() const {
        if (!block_) return {};
        return {reinterpret_cast<const B*>(block_.get() + SecondOffset(Header().first)), Header().second};
    }
    bool empty() const { return !block_; }  // NOLINT(readability-identifier-naming)

    friend bool operator==(const PackedArrays& a, const PackedArrays& b) {
        return std::ranges::equal(a.first(), b.first()) && std::ranges::equal(a.second(), b.second());
    }

private:
    struct HeaderFields {
        std::uint32_t first, second;
    };
    static constexpr std::size_t Align(std::size_t offset, std::size_t alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }
    // The first array starts after the sizes, the second after the first, each aligned for its type.
    static constexpr std::size_t kFirst = Align(sizeof(HeaderFields), alignof(A));
    static constexpr std::size_t SecondOffset(std::size_t first) { return Align(kFirst + first * sizeof(A), alignof(B)); }
    HeaderFields Header() const {
        HeaderFields header;
        std::memcpy(&header, block_.get(), sizeof header);
        return header;
    }
    void Assign(std::span<const A> first, std::span<const B> second) {
        if (first.empty() && second.empty()) {
            block_.reset();
            return;
        }
        // new[] of std::byte is aligned for any fundamental type (alignof(std::max_align_t)).
        std::size_t at = SecondOffset(first.size());
        auto block = std::make_unique_for_overwrite<std::byte[]>(at + second.size() * sizeof(B));
        HeaderFields header{static_cast<std::uint32_t>(first.size()), static_cast<std::uint32_t>(second.size())};
        std::memcpy(block.get(), &header, sizeof header);
        if (!first.empty()) std::memcpy(block.get() + kFirst, first.data(), first.size_bytes());
        if (!second.empty()) std::memcpy(block.get() + at, second.data(), second.size_bytes());
        block_ = std::move(block);
    }
    std::unique_ptr<std::byte[]> block_;
};

}  // namespace heed::core
