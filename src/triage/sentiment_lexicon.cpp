#include "triage/sentiment_lexicon.hpp"

#include <charconv>
#include <cstdint>
#include <vector>

#include "triage/vader_lexicon_data.hpp"  // generated from models/data/vader_lexicon.tsv (src/triage/CMakeLists.txt)

namespace heed::triage {
namespace {

constexpr std::string_view kNegations[] = {
    "aint",  "arent",   "cannot",  "cant",   "couldnt", "darent",   "didnt",   "doesnt",  "dont",
    "hadnt", "hasnt",   "havent",  "isnt",   "mightnt", "mustnt",   "neither", "neednt",  "never",
    "none",  "nope",    "nor",     "not",    "nothing", "nowhere",  "oughtnt", "shant",   "shouldnt",
    "uhuh",  "wasnt",   "werent",  "without", "wont",   "wouldnt",  "rarely",  "seldom",  "despite"};

std::uint64_t Hash(std::string_view word) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : word) h = (h ^ c) * 1099511628211ull;
    return h ^ (h >> 29);
}

// Open addressing with linear probing over a power-of-two table at most half full; the words point into the
// built-in data.
class Table {
public:
    Table() {
        std::string_view data = kVaderLexiconTsv;
        while (!data.empty()) {
            std::size_t end = data.find('\n');
            std::string_view line = data.substr(0, end);
            data = end == std::string_view::npos ? std::string_view() : data.substr(end + 1);
            std::size_t tab = line.find('\t');
            if (tab == std::string_view::npos) continue;
            float valence = 0.0f;
            auto [ptr, error] = std::from_chars(line.data() + tab + 1, line.data() + line.size(), valence);
            if (error == std::errc() && valence != 0.0f) Slot(line.substr(0, tab)).entry.valence = valence;
        }
        for (auto word : kNegations) Slot(word).entry.negation = true;
    }

    SentimentWord Find(std::string_view word) const {
        for (std::size_t i = Hash(word) & kMask;; i = (i + 1) & kMask) {
            if (slots_[i].word.empty()) return {};
            if (slots_[i].word == word) return slots_[i].entry;
        }
    }

private:
    static constexpr std::size_t kSize = 1 << 15;  // 7 268 words and 36 negations: under a quarter full
    static constexpr std::size_t kMask = kSize - 1;
    struct Entry {
        std::string_view word;
        SentimentWord entry;
    };

    Entry& Slot(std::string_view word) {
        for (std::size_t i = Hash(word) & kMask;; i = (i + 1) & kMask) {
            if (slots_[i].word.empty()) slots_[i].word = word;
            if (slots_[i].word == word) return slots_[i];
        }
    }

    std::vector<Entry> slots_ = std::vector<Entry>(kSize);
};

}  // namespace

SentimentWord LookUpSentiment(std::string_view word) {
    static const Table table;
    SentimentWord found = table.Find(word);
    if (word.size() > 3 && (word.ends_with("n't") || word.ends_with("n\u2019t"))) found.negation = true;
    return found;
}

}  // namespace heed::triage
