#pragma once
// VADER's English sentiment lexicon (Hutto & Gilbert, 2014: 7 268 words rated from −4 to +4 by human raters; MIT,
// through the Apache-2.0 JavaScript port `vader-sentiment`; models/data/VADER-NOTICE.md), built into Heed from
// models/data/vader_lexicon.tsv, and VADER's list of negating words.

#include <charconv>
#include <cstdint>
#include <string_view>

namespace heed::triage {

struct SentimentWord {
    float valence = 0.0f;   // the lexicon's mean valence; 0 when the word is not in it
    bool negation = false;  // not, never, nor, without, … and every word ending in "n't"
};

// What the lexicon knows of a normalised (lower-case) word: one probe of a 256 KB table keyed by the word's 64-bit
// FNV-1a hash (the tokenizer's hash of a unit, which it passes in; two words with the same 64-bit hash are not
// told apart).
SentimentWord LookUpSentiment(std::string_view word);
SentimentWord LookUpSentiment(std::string_view word, std::uint64_t fnv1a);

// Calls take(word, valence) for each "word<TAB>valence" line of a lexicon built into Heed (VADER's, Heed's Chinese
// list); a line without a tab or a number is skipped.
template <typename Take>
void ForEachLexiconEntry(std::string_view tsv, Take&& take) {
    while (!tsv.empty()) {
        std::size_t end = tsv.find('\n');
        std::string_view line = tsv.substr(0, end);
        tsv = end == std::string_view::npos ? std::string_view() : tsv.substr(end + 1);
        std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos) continue;
        float valence = 0.0f;
        auto [ptr, error] = std::from_chars(line.data() + tab + 1, line.data() + line.size(), valence);
        if (error == std::errc()) take(line.substr(0, tab), valence);
    }
}

}  // namespace heed::triage
