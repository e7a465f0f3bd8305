#pragma once
// Text as triage matches it (SPEC §3). The stored text stays as written; these functions make a copy for matching
// only: full-width forms folded to ASCII (Ａ１２３１５ → a12315), the ideographic space to a space, ASCII upper case to
// lower case, and common Traditional Chinese characters to their Simplified forms (投訴 → 投诉). Full conversion
// (OpenCC) and NFKC belong to the text models in src/triage/; this covers what the risk lexicon, keywords and
// regex rules need, in standard C++.
//
// Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace heed::core::triage {

// Input must be valid UTF-8 (every text is checked at its adapter); invalid bytes are copied through unchanged.
std::string NormaliseForMatching(std::string_view text);

// True when `term` (normalised) occurs in `text` (normalised). A term that starts or ends with an ASCII letter or
// digit only matches at a word boundary there, so "court" does not match "courteous" and "fire" not "fired"; other
// (CJK) terms match anywhere.
bool ContainsTerm(std::string_view text, std::string_view term);

// FNV-1a, 64 bits: stable across builds and machines (stored in indexes).
std::uint64_t Fnv1a64(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ULL);

// Unicode code points of valid UTF-8.
std::vector<char32_t> CodePoints(std::string_view text);

}  // namespace heed::core::triage
