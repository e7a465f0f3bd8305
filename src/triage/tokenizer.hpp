#pragma once
// Tokenisation of normalised text (see normalizer.hpp) for Chinese, English and mixed text.
//
// The text is cut into units: a Chinese (Han), Japanese kana or Hangul character is a unit on its own; a run of
// letters and digits of other scripts is a word unit (apostrophes inside it are dropped: "don't" → "dont"); a mask
// placeholder such as <phone> is one unit; '!' and '?' are units (they carry tone); other punctuation separates.
// Tokens are the units and the pairs of neighbouring units (CJK character bigrams, English word pairs), optionally
// CJK character trigrams; pairs never span punctuation. Traditional and Simplified text give the same tokens, since
// the normaliser has already mapped Traditional characters to Simplified.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace heed::triage {

struct TokenizerOptions {
    bool pairs = true;         // neighbouring-unit bigrams
    bool cjk_trigrams = true;  // three neighbouring CJK characters
    // Character 3-, 4- and 5-grams of each word of other scripts, the word marked at both ends ("<delayed>" gives
    // "<de", "del", … "ed>"), so misspellings and inflections share features with the correct word.
    bool subwords = true;
    double subword_weight = 1.0;  // a subword's feature value relative to a word's (before scaling to unit length)
    // English sentiment words (VADER's lexicon, sentiment_lexicon.hpp): each word of the lexicon also gives a token
    // for its polarity and strength ("lex:+2"), marked when one of the three words before it negates ("lex:not+2").
    // The model scales these tokens to unit length as a block of their own, times lexicon_weight.
    bool lexicon = false;
    double lexicon_weight = 1.0;

    bool operator==(const TokenizerOptions&) const = default;
};

// One unit of normalised text.
struct Unit {
    std::string_view text;
    bool cjk = false;
    bool break_before = false;  // punctuation (or the start) precedes it: no pair with the previous unit
};

// Cuts normalised text into units; the views point into `normalised`.
void SplitUnits(std::string_view normalised, std::vector<Unit>& units);

// The tokens as strings; the units of a pair or trigram are joined with a space ("价 格", "too slow").
std::vector<std::string> Tokenize(std::string_view normalised, const TokenizerOptions& options = {});

// The tokens as 64-bit hashes (what the model uses), appended to `hashes`. `units` is scratch space.
void HashTokens(std::string_view normalised, const TokenizerOptions& options, std::vector<Unit>& units,
                std::vector<std::uint64_t>& hashes);

// The same with the subword and lexicon hashes apart (they may be weighted differently).
void HashTokens(std::string_view normalised, const TokenizerOptions& options, std::vector<Unit>& units,
                std::vector<std::uint64_t>& hashes, std::vector<std::uint64_t>& subword_hashes,
                std::vector<std::uint64_t>& lexicon_hashes);

// The 64-bit FNV-1a hash of one unit (a word, a character): what a model's buckets and the sentiment lexicon's table
// are keyed by, so it must never change.
constexpr std::uint64_t HashUnit(std::string_view text) {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

// The hash HashTokens gives a token string from Tokenize (for tests and inspection).
std::uint64_t HashToken(std::string_view token);

}  // namespace heed::triage
