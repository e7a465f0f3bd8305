#pragma once
// Near-duplicate detection (SPEC §3): a 64-bit SimHash of a complaint's text and the keys that find similar ones
// through an index. Two texts whose SimHashes differ in at most kNearDuplicateBits bits are near-duplicates; split
// into kFingerprintBands bands of 10–11 bits, such a pair agrees exactly on at least one band (pigeonhole: 5
// differing bits cannot touch all 6 bands), so an index on the bands finds every candidate with six exact lookups
// instead of a scan. An unrelated text shares a band with probability about 6/2048, which keeps candidates few.
//
// Thread-safety: pure functions.

#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <string_view>

namespace heed::core::triage {

inline constexpr int kNearDuplicateBits = 5;
inline constexpr int kFingerprintBands = 6;
inline constexpr std::size_t kMinFingerprintChars = 20;  // shorter texts ("refund please") are not fingerprinted

// SimHash over the distinct character 3-shingles of the normalised text with whitespace and punctuation dropped, so
// that spacing, punctuation, case and full-width forms do not matter. nullopt for texts under kMinFingerprintChars
// letters/digits.
std::optional<std::uint64_t> SimHash(std::string_view normalised_text);

// Band i (0–5) of `hash` tagged with its index, as stored in the index: (i << 16) | bits.
std::array<std::int64_t, kFingerprintBands> FingerprintBands(std::uint64_t hash);

inline int HammingDistance(std::uint64_t a, std::uint64_t b) {
    return std::popcount(a ^ b);
}

}  // namespace heed::core::triage
