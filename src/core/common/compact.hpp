#pragma once
// Value types for rows kept in memory by the million (the KPI roll-up holds one row per complaint): the same meaning
// as std::string, std::optional<Instant> and std::vector, in a fraction of the bytes.
//
// - Interned: a string from a process-wide pool of distinct values, 4 bytes. For values many rows share (a
//   category, a channel, an agent, an incident cluster). The pool never forgets a value, so intern only what has
//   few distinct values compared with the rows that carry it.
// - ShortString: a string of up to 15 bytes inline in 16 (a complaint number, "TS" + yyyymm + a 6-digit sequence,
//   has 14); a longer one is interned.
// - OptionalInstant: an optional instant in 8 bytes (std::optional<Instant> takes 16).
// - PackedArray<T>: a read-only array in one allocation with its size (8 bytes, nothing allocated when empty;
//   std::vector takes 24 and may keep spare capacity).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
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
    static std::uint32_t Intern(std::string_view value);
    std::uint32_t id_ = 0;
};

class ShortString {
public:
    ShortString() = default;
    explicit ShortString(std::string_view value) { *this = value; }
    ShortString& operator=(std::string_view value) {
        if (value.size() <= sizeof chars_) {
            std::memcpy(chars_, value.data(), value.size());
            std::memset(chars_ + value.size(), 0, sizeof chars_ - value.size());
            size_ = static_cast<std::uint8_t>(value.size());
        } else {
            Interned interned(value);
            std::memset(chars_, 0, sizeof chars_);
            std::memcpy(chars_, &interned, sizeof interned);
            size_ = kInterned;
        }
        return *this;
    }

    std::string_view view() const {
        if (size_ != kInterned) return {chars_, size_};
        Interned interned;
        std::memcpy(&interned, chars_, sizeof interned);
        return interned.str();
    }
    std::string str() const { return std::string(view()); }
    bool empty() const { return size_ == 0; }

    friend bool operator==(const ShortString& a, const ShortString& b) { return a.view() == b.view(); }
    friend bool operator==(const ShortString& a, std::string_view b) { return a.view() == b; }
    friend std::ostream& operator<<(std::ostream& out, const ShortString& value) { return out << value.view(); }

private:
    static constexpr std::uint8_t kInterned = 0xFF;
    char chars_[15]{};
    std::uint8_t size_ = 0;
};
static_assert(sizeof(ShortString) == 16 && std::is_trivially_copyable_v<Interned>);

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

template <class T>
class PackedArray {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= alignof(std::max_align_t));

public:
    PackedArray() = default;
    explicit PackedArray(const std::vector<T>& values) { Assign(values.data(), values.size()); }
    PackedArray(std::initializer_list<T> values) { Assign(values.begin(), values.size()); }
    PackedArray(const PackedArray& other) { Assign(other.begin(), other.size()); }
    PackedArray(PackedArray&&) noexcept = default;
    PackedArray& operator=(const PackedArray& other) {
        if (this != &other) Assign(other.begin(), other.size());
        return *this;
    }
    PackedArray& operator=(PackedArray&&) noexcept = default;
    ~PackedArray() = default;

    std::size_t size() const { return block_ ? Header().size : 0; }  // NOLINT(readability-identifier-naming)
    bool empty() const { return !block_; }                           // NOLINT(readability-identifier-naming)
    const T* begin() const { return block_ ? reinterpret_cast<const T*>(block_.get() + kOffset) : nullptr; }
    const T* end() const { return begin() + size(); }
    const T& operator[](std::size_t i) const { return begin()[i]; }

    friend bool operator==(const PackedArray& a, const PackedArray& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

private:
    struct HeaderFields {
        std::size_t size;
    };
    // The elements start after the size, aligned for T.
    static constexpr std::size_t kOffset = (sizeof(HeaderFields) + alignof(T) - 1) / alignof(T) * alignof(T);
    const HeaderFields& Header() const { return *reinterpret_cast<const HeaderFields*>(block_.get()); }
    void Assign(const T* values, std::size_t n) {
        if (n == 0) {
            block_.reset();
            return;
        }
        // new[] of std::byte is aligned for any fundamental type (alignof(std::max_align_t)).
        auto block = std::make_unique_for_overwrite<std::byte[]>(kOffset + n * sizeof(T));
        HeaderFields header{n};
        std::memcpy(block.get(), &header, sizeof header);
        std::memcpy(block.get() + kOffset, values, n * sizeof(T));
        block_ = std::move(block);
    }
    std::unique_ptr<std::byte[]> block_;
};

}  // namespace heed::core
