#pragma once
// Text similarity for suggestions (SPEC §5): which resolved complaints read like this one. A text becomes a 2 048-bit
// profile: one bit per feature — each pair of neighbouring Chinese characters, each Latin word of three letters or
// more (after the triage normalisation: full-width folded, lower case, Traditional → Simplified). Similarity is the
// Jaccard index of two profiles' bits. A profile costs one pass over the text and a comparison 32 popcounts, so a
// suggestion can weigh thousands of candidates within its budget; distinct features sharing a bit (≈ 5 % for a
// 300-character text) blur the score a little and never hide a near-identical text.
//
// Thread-safety: pure functions.

#include <array>
#include <cstdint>
#include <string_view>

namespace heed::core::resolution {

struct TextProfile {
    std::array<std::uint64_t, 32> bits{};
    int count = 0;  // bits set
};

// `text` as written (the function normalises it).
TextProfile ProfileOf(std::string_view text);

// Jaccard index of the two profiles, 0 … 1; 0 when either is empty.
double Similarity(const TextProfile& a, const TextProfile& b);

}  // namespace heed::core::resolution
