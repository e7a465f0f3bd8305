#include "triage/tokenizer.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstring>

#include "triage/ascii_scan.hpp"
#include "triage/sentiment_lexicon.hpp"

namespace heed::triage {
namespace {

bool IsCjk(UChar32 c) {
    return (c >= 0x3040 && c <= 0x30FF) ||   // kana
           (c >= 0x3400 && c <= 0x4DBF) ||   // CJK extension A
           (c >= 0x4E00 && c <= 0x9FFF) ||   // CJK unified ideographs
           (c >= 0xAC00 && c <= 0xD7AF) ||   // Hangul syllables
           (c >= 0xF900 && c <= 0xFAFF) ||   // compatibility ideographs
           (c >= 0x20000 && c <= 0x3FFFF);   // extensions B and later
}

bool IsWordChar(UChar32 c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '_';
    return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK;
}

std::uint64_t Mix(std::uint64_t a, std::uint64_t b, std::uint64_t arity) {
    std::uint64_t h = a * 0x9E3779B97F4A7C15ull + (b ^ (b >> 29)) * 0xBF58476D1CE4E5B9ull + arity;
    h ^= h >> 31;
    h *= 0x94D049BB133111EBull;
    h ^= h >> 29;
    return h;
}

constexpr std::uint64_t kSubwordSalt = 0x5B0B0D5ull;
// Character 4- and 5-grams of words of four bytes or more: shorter words and 3-grams added noise and cost
// (bench/triage: measured on the airline and CFPB tasks).
constexpr std::size_t kMinSubword = 4, kMaxSubword = 5;
constexpr std::size_t kMinSubwordWordBytes = 4;
constexpr std::size_t kMaxSubwordWords = 24;  // only the first words of a long text get subwords (bounds the cost)

// The character n-grams of "<word>" (bytes of UTF-8 continuation never start or end one).
template <typename Emit>
void ForEachSubword(std::string_view word, Emit&& emit) {
    if (word.size() < kMinSubwordWordBytes || word.size() > 40 || word.front() == '<') return;
    char buffer[48];
    buffer[0] = '<';
    std::memcpy(buffer + 1, word.data(), word.size());
    buffer[word.size() + 1] = '>';
    std::string_view marked(buffer, word.size() + 2);
    auto boundary = [&marked](std::size_t at) {
        return at >= marked.size() || (static_cast<unsigned char>(marked[at]) & 0xC0) != 0x80;
    };
    for (std::size_t start = 0; start < marked.size(); ++start) {
        if (!boundary(start)) continue;
        std::size_t chars = 0;
        for (std::size_t end = start + 1; end <= marked.size(); ++end) {
            if (!boundary(end)) continue;
            ++chars;
            if (chars > kMaxSubword) break;
            if (chars >= kMinSubword && !(start == 0 && end == marked.size())) emit(marked.substr(start, end - start));
        }
    }
}

constexpr std::uint64_t kLexiconSalt = 0x1E7C0Dull;

// The lexicon tokens of a text's words, one word after the other: "+2", "-3", "not+1" (one of the three words before
// negates), none for a word the lexicon does not have.
class LexiconTokens {
public:
    // Calls emit(token) when `word` is in the lexicon; `hash` is its HashUnit (64-bit FNV-1a), the lexicon's key.
    template <typename Emit>
    void Next(std::string_view word, std::uint64_t hash, Emit&& emit) {
        const SentimentWord found = LookUpSentiment(word, hash);
        if (found.valence != 0.0f) {
            char token[8];
            std::size_t length = 0;
            if (negated_ > 0) {
                std::memcpy(token, "not", 3);
                length = 3;
            }
            token[length++] = found.valence > 0 ? '+' : '-';
            float magnitude = found.valence > 0 ? found.valence : -found.valence;
            token[length++] = magnitude < 1.5f ? '1' : magnitude < 2.5f ? '2' : '3';
            emit(std::string_view(token, length));
        }
        if (found.negation) {
            negated_ = 3;
        } else if (negated_ > 0) {
            --negated_;
        }
    }

private:
    int negated_ = 0;
};

}  // namespace

void SplitUnits(std::string_view s, std::vector<Unit>& units) {
    units.clear();
    bool pending_break = true;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
    auto length = static_cast<std::int32_t>(s.size());
    std::int32_t i = 0;
    while (i < length) {
        std::int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) {
            pending_break = true;
            continue;
        }
        if (IsCjk(c)) {
            units.push_back({s.substr(start, i - start), true, pending_break});
            pending_break = false;
            continue;
        }
        if (c == '<') {  // a mask placeholder: <phone>, <amount> …
            std::int32_t j = i;
            while (j < length && bytes[j] >= 'a' && bytes[j] <= 'z') ++j;
            if (j > i && j < length && bytes[j] == '>') {
                units.push_back({s.substr(start, j + 1 - start), false, pending_break});
                pending_break = false;
                i = j + 1;
                continue;
            }
            pending_break = true;
            continue;
        }
        if (IsWordChar(c)) {
            std::int32_t end = i;
            while (i < length) {
                if (bytes[i] < 0x80) {  // ASCII, the common case, without decoding
                    if (std::size_t run = RunLength<AsciiRun::kWord>(s.data(), static_cast<std::size_t>(i), s.size())) {
                        end = i += static_cast<std::int32_t>(run);
                        continue;
                    }
                    if (bytes[i] == '\'' && i + 1 < length && bytes[i + 1] < 0x80 && IsWordChar(bytes[i + 1])) {
                        ++i;  // an apostrophe inside a word: "don't"
                        continue;
                    }
                    break;
                }
                std::int32_t next = i;
                UChar32 d;
                U8_NEXT(bytes, next, length, d);
                if (d >= 0 && !IsCjk(d) && IsWordChar(d)) {
                    i = next;
                    end = i;
                } else if ((d == '\'' || d == 0x2019) && next < length && IsWordChar(bytes[next]) &&
                           bytes[next] < 0x80) {
                    i = next;  // an apostrophe inside a word: "don't"
                } else {
                    break;
                }
            }
            units.push_back({s.substr(start, end - start), false, pending_break});
            pending_break = false;
            continue;
        }
        if (c < 0x80) {  // no ASCII character is a symbol of U_OTHER_SYMBOL; white space: tab to carriage return, space
            if (c == '!' || c == '?') {
                units.push_back({s.substr(start, i - start), false, pending_break});
                pending_break = false;
            } else if (!(c == ' ' || (c >= '\t' && c <= '\r'))) {
                pending_break = true;
            }
            continue;
        }
        if (c == '!' || c == '?' || u_charType(c) == U_OTHER_SYMBOL) {  // tone: !, ?, emoji
            units.push_back({s.substr(start, i - start), false, pending_break});
            pending_break = false;
            continue;
        }
        if (!u_isUWhiteSpace(c)) pending_break = true;  // punctuation separates; white space does not
    }
}

std::uint64_t HashToken(std::string_view token) {
    std::uint64_t h = 0;
    std::uint64_t arity = 0;
    std::size_t start = 0;
    while (start <= token.size()) {
        std::size_t end = token.find(' ', start);
        if (end == std::string_view::npos) end = token.size();
        std::uint64_t unit = HashUnit(token.substr(start, end - start));
        h = arity == 0 ? unit : Mix(h, unit, arity + 1);
        ++arity;
        start = end + 1;
    }
    return h;
}

void HashTokens(std::string_view normalised, const TokenizerOptions& options, std::vector<Unit>& units,
                std::vector<std::uint64_t>& hashes) {
    HashTokens(normalised, options, units, hashes, hashes, hashes);
}

void HashTokens(std::string_view normalised, const TokenizerOptions& options, std::vector<Unit>& units,
                std::vector<std::uint64_t>& hashes, std::vector<std::uint64_t>& subword_hashes,
                std::vector<std::uint64_t>& lexicon_hashes) {
    SplitUnits(normalised, units);
    std::uint64_t previous = 0, previous2 = 0;
    std::size_t words = 0;
    LexiconTokens lexicon;
    for (std::size_t i = 0; i < units.size(); ++i) {
        std::uint64_t h = HashUnit(units[i].text);
        hashes.push_back(h);
        if (options.subwords && !units[i].cjk && ++words <= kMaxSubwordWords) {
            ForEachSubword(units[i].text, [&subword_hashes](std::string_view gram) {
                subword_hashes.push_back(HashUnit(gram) ^ kSubwordSalt);
            });
        }
        if (options.lexicon && !units[i].cjk) {
            lexicon.Next(units[i].text, h, [&lexicon_hashes](std::string_view token) {
                lexicon_hashes.push_back(HashUnit(token) ^ kLexiconSalt);
            });
        }
        if (i > 0 && !units[i].break_before) {
            std::uint64_t pair = Mix(previous, h, 2);
            if (options.pairs) hashes.push_back(pair);
            if (options.cjk_trigrams && i > 1 && units[i].cjk && units[i - 1].cjk && units[i - 2].cjk &&
                !units[i - 1].break_before) {
                hashes.push_back(Mix(Mix(previous2, previous, 2), h, 3));
            }
        }
        previous2 = previous;
        previous = h;
    }
}

std::vector<std::string> Tokenize(std::string_view normalised, const TokenizerOptions& options) {
    std::vector<Unit> units;
    SplitUnits(normalised, units);
    std::vector<std::string> tokens;
    std::size_t words = 0;
    LexiconTokens lexicon;
    for (std::size_t i = 0; i < units.size(); ++i) {
        tokens.emplace_back(units[i].text);
        if (options.subwords && !units[i].cjk && ++words <= kMaxSubwordWords) {
            ForEachSubword(units[i].text, [&tokens](std::string_view gram) { tokens.emplace_back(gram); });
        }
        if (options.lexicon && !units[i].cjk) {
            lexicon.Next(units[i].text, HashUnit(units[i].text),
                         [&tokens](std::string_view token) { tokens.push_back("lex:" + std::string(token)); });
        }
        if (i > 0 && !units[i].break_before) {
            if (options.pairs) tokens.push_back(std::string(units[i - 1].text) + " " + std::string(units[i].text));
            if (options.cjk_trigrams && i > 1 && units[i].cjk && units[i - 1].cjk && units[i - 2].cjk &&
                !units[i - 1].break_before) {
                tokens.push_back(std::string(units[i - 2].text) + " " + std::string(units[i - 1].text) + " " +
                                 std::string(units[i].text));
            }
        }
    }
    return tokens;
}

}  // namespace heed::triage
