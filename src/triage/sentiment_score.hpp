#pragma once
// A complaint's sentiment read from lexicons, for when no model gives it (a new install ships no sentiment model:
// there is no labelled sentiment data whose licence allows shipping one). English: VADER's lexicon
// (sentiment_lexicon.hpp) with the core of VADER's rules — a negation among the three words before a word turns and
// damps it (× −0.74), intensifiers and dampeners before it add or take 0.293, the words before "but" count half and
// those after it one and a half, exclamation marks push the sum away from zero. Chinese: Heed's own list of words
// and phrases (models/data/zh_sentiment.tsv; longest match first), with the same rules for 不/没/没有/别/未/无…,
// degree words (很, 非常, 太, 有点 …) and 但是/可是/不过. The score is VADER's compound: the sum s of the words'
// valences as s / √(s² + 15), from −1 (most negative) to 1.
//
// It is a rule, not a model: no calibrated confidence. Triage records it with source "rule" and the words behind it.

#include <string>
#include <string_view>
#include <vector>

namespace heed::triage {

struct SentimentReading {
    double score = 0.0;              // −1 … 1; 0 when no word of either lexicon occurs
    std::vector<std::string> terms;  // the words that counted, normalised, in text order (at most 8)
};

SentimentReading ReadSentiment(std::string_view text);

}  // namespace heed::triage
