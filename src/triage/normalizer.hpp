#pragma once
// Normalisation of complaint text for analysis (the stored text stays as written): Unicode NFKC with case folding
// (which also turns full-width letters, digits and punctuation into their ASCII forms), Traditional → Simplified
// Chinese character by character, and masking of personal or volatile details so that models learn from what a
// complaint says, not from whose it is:
//
//   e-mail addresses              → <email>
//   phone numbers                 → <phone>   (Chinese mobiles, numbers with area codes or separators, +country)
//   identity and account numbers  → <id>      (15/18-character Chinese ids, any other run of 9 or more digits)
//   money amounts                 → <amount>  ($12.50, ¥30, 30元, 200 dollars, the CFPB's {$123.00})
//   the CFPB's XXXX redactions    → <redacted>, and XX/XX/XXXX dates → <date>
//
// Thread-safe: the conversion tables are built once, on first use, and only read afterwards.

#include <string>
#include <string_view>

namespace heed::triage {

// NFKC + case folding + Traditional → Simplified, then masking. Invalid UTF-8 sequences become U+FFFD.
std::string NormalizeForAnalysis(std::string_view text);

// The masking step alone, on text that is already NFKC-case-folded (lower-case ASCII digits and letters).
std::string MaskDetails(std::string_view folded);

// Builds the conversion tables now rather than on the first text that needs them (a loaded model calls it, so that
// the first complaint does not pay for them).
void PrepareNormalizer();

// The Simplified form of one code point (the code point itself when it has none or is not Chinese).
char32_t ToSimplified(char32_t code_point);

}  // namespace heed::triage
