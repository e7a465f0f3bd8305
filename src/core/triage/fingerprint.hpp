#pragma once
// Near-duplicate detection (SPEC §3): a 64-bit SimHash of a complaint's text and the keys that find similar ones
// through an index. Two texts whose SimHashes differ in at most kNearDuplicateBits bits are near-duplicates. The
// index holds four 16-bit bands: a pair within 3 bits agrees on at least one band (pigeonhole), within 4 or 5 bits
// with probability 0.91 / 0.77, so four exact index lookups replace a scan. An unrelated text shares a band with
// probability about 4/65 536, which keeps the candidates of a busy tenant to a handful (six 10-bit bands, which
// would guarantee 5 bits, gave ~60 random candidates per intake at 20 000 complaints in the window).
//
// Thread-safety: pure functions.

#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <string_view>

namespace heed::core::triage {

inline constexpr int kNearDuplicateBits = 5;
inline constexpr int kFingerprintBands = 4;
inline constexpr std::size_t kMinFingerprintChars = 20;    // shorter texts ("refund please") are not fingerprinted
inline constexpr std::size_t kMaxFingerprintChars = 3000;  // the first 3 000 letters and digits decide

// SimHash over the distinct character 3-shingles of the normalised text with whitespace and punctuation dropped, so
// that spacing, punctuation, case and full-width forms do not matter. nullopt for texts under kMinFingerprintChars
// letters/digits.
std::optional<std::uint64_t> SimHash(std::string_view normalised_text);

// Band i (0–3) of `hash` tagged with its index, as stored in the index: (i << 16) | bits.
std::array<std::int64_t, kFingerprintBands> FingerprintBands(std::uint64_t hash);

inline int HammingDistance(std::uint64_t a, std::uint64_t b) {
    return std::popcount(a ^ b);
}

}  // namespace heed::core::triage
