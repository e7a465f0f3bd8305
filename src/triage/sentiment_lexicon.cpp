#include "triage/sentiment_lexicon.hpp"

#include <cstdint>
#include <vector>

#include "triage/tokenizer.hpp"
#include "triage/vader_lexicon_data.hpp"  // generated from models/data/vader_lexicon.tsv (src/triage/CMakeLists.txt)

namespace heed::triage {
namespace {

constexpr std::string_view kNegations[] = {
    "aint",  "arent",   "cannot",  "cant",   "couldnt", "darent",   "didnt",   "doesnt",  "dont",
    "hadnt", "hasnt",   "havent",  "isnt",   "mightnt", "mustnt",   "neither", "neednt",  "never",
    "none",  "nope",    "nor",     "not",    "nothing", "nowhere",  "oughtnt", "shant",   "shouldnt",
    "uhuh",  "wasnt",   "werent",  "without", "wont",   "wouldnt",  "rarely",  "seldom",  "despite"};

// Open addressing with linear probing over a power-of-two table under half full, keyed by the 64-bit hash alone.
class Table {
public:
    Table() {
        ForEachLexiconEntry(kVaderLexiconTsv, [this](std::string_view word, float valence) {
            if (valence != 0.0f) Slot(HashUnit(word)).entry.valence = valence;
        });
        for (auto word : kNegations) Slot(HashUnit(word)).entry.negation = true;
        for (const auto& slot : slots_) {
            if (slot.hash != 0) filter_[Bit(slot.hash) / 64] |= std::uint64_t{1} << (Bit(slot.hash) % 64);
        }
    }

    SentimentWord Find(std::uint64_t hash) const {
        // Most words of a text are in neither list: a 16 KB bit filter (in the first-level cache) turns about 19 in
        // 20 of them away before the table's probe, which would miss the cache.
        if ((filter_[Bit(hash) / 64] >> (Bit(hash) % 64) & 1) == 0) return {};
        for (std::size_t i = Index(hash);; i = (i + 1) & kMask) {
            if (slots_[i].hash == hash) return slots_[i].entry;
            if (slots_[i].hash == 0) return {};
        }
    }

private:
    static constexpr std::size_t kBits = 14;  // 16 384 slots for 7 268 words and 36 negations
    static constexpr std::size_t kMask = (std::size_t{1} << kBits) - 1;
    struct Entry {
        std::uint64_t hash = 0;  // 0: empty (no word of the lexicon hashes to 0)
        SentimentWord entry;
    };

    static std::size_t Index(std::uint64_t hash) { return (hash * 0x9E3779B97F4A7C15ull) >> (64 - kBits); }
    static constexpr std::size_t kFilterBits = std::size_t{1} << 17;
    static std::size_t Bit(std::uint64_t hash) { return (hash ^ (hash >> 31)) & (kFilterBits - 1); }

    Entry& Slot(std::uint64_t hash) {
        for (std::size_t i = Index(hash);; i = (i + 1) & kMask) {
            if (slots_[i].hash == 0) slots_[i].hash = hash;
            if (slots_[i].hash == hash) return slots_[i];
        }
    }

    std::vector<Entry> slots_ = std::vector<Entry>(std::size_t{1} << kBits);
    std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(kFilterBits / 64, 0);
};

}  // namespace

SentimentWord LookUpSentiment(std::string_view word, std::uint64_t fnv1a) {
    static const Table table;
    SentimentWord found = table.Find(fnv1a);
    if (word.size() > 3 && (word.ends_with("n't") || word.ends_with("n\u2019t"))) found.negation = true;
    return found;
}

SentimentWord LookUpSentiment(std::string_view word) { return LookUpSentiment(word, HashUnit(word)); }

}  // namespace heed::triage
