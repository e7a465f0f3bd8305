#include "triage/sentiment_score.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "triage/normalizer.hpp"
#include "triage/sentiment_lexicon.hpp"
#include "triage/tokenizer.hpp"
#include "triage/zh_sentiment_data.hpp"  // generated from models/data/zh_sentiment.tsv (src/triage/CMakeLists.txt)

namespace heed::triage {
namespace {

// VADER's constants (Hutto & Gilbert 2014).
constexpr double kBoost = 0.293;           // an intensifier's push, a dampener's pull
constexpr double kNegation = -0.74;        // a negated word's factor
constexpr double kExclamation = 0.292;     // per "!", at most four
constexpr double kNormalisation = 15.0;    // compound = s / sqrt(s² + 15)
constexpr std::size_t kWindow = 3;         // words (Chinese: characters) looked back for negations and degree words
constexpr std::size_t kMaxChineseWord = 4;  // characters
constexpr std::size_t kMaxTerms = 8;

double EnglishDegree(std::string_view word) {
    static const std::unordered_map<std::string_view, double> degrees = [] {
        std::unordered_map<std::string_view, double> out;
        for (std::string_view w : {"absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly",
                                   "deeply", "enormously", "entirely", "especially", "exceptionally", "extremely",
                                   "greatly", "highly", "hugely", "incredibly", "intensely", "particularly", "really",
                                   "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously",
                                   "truly", "unbelievably", "utterly", "very", "most", "more", "super", "too"}) {
            out.emplace(w, kBoost);
        }
        for (std::string_view w : {"almost", "barely", "hardly", "less", "little", "marginally", "occasionally",
                                   "partly", "scarcely", "slightly", "somewhat", "fairly", "bit"}) {
            out.emplace(w, -kBoost);
        }
        return out;
    }();
    auto it = degrees.find(word);
    return it == degrees.end() ? 0.0 : it->second;
}

// Heed's Chinese list: word → valence (0: a word that only looks like one, listed so that the longest match skips it).
const std::unordered_map<std::string_view, float>& ChineseWords() {
    static const std::unordered_map<std::string_view, float> words = [] {
        std::unordered_map<std::string_view, float> out;
        ForEachLexiconEntry(kChineseSentimentTsv, [&out](std::string_view word, float valence) { out[word] = valence; });
        return out;
    }();
    return words;
}

constexpr std::array<std::string_view, 5> kChineseNegations{"不", "没", "无", "未", "别"};
constexpr std::array<std::pair<std::string_view, double>, 19> kChineseDegrees{{
    {"非常", kBoost}, {"特别", kBoost}, {"十分", kBoost}, {"极其", kBoost}, {"超级", kBoost}, {"相当", kBoost},
    {"有点", -kBoost}, {"有些", -kBoost}, {"稍微", -kBoost}, {"太", kBoost}, {"很", kBoost}, {"极", kBoost},
    {"超", kBoost}, {"最", kBoost}, {"真", kBoost}, {"好", kBoost}, {"挺", kBoost}, {"略", -kBoost}, {"稍", -kBoost}}};
constexpr std::array<std::string_view, 5> kChineseButs{"但是", "可是", "不过", "然而", "但"};
// Words with a negation's character that negate nothing: taken out of the context before the negations are sought.
constexpr std::array<std::string_view, 9> kNotNegations{"特别", "无论", "未来", "别人", "别的", "别处", "不过", "差不多",
                                                        "不错"};

bool Negates(std::string_view context) {
    std::string rest(context);
    for (std::string_view word : kNotNegations) {
        for (auto at = rest.find(word); at != std::string::npos; at = rest.find(word)) rest.erase(at, word.size());
    }
    return std::any_of(kChineseNegations.begin(), kChineseNegations.end(),
                       [&rest](std::string_view n) { return rest.find(n) != std::string::npos; });
}

// Whether unit j directly follows unit j - 1 in the text (no space between) and both are Chinese, in one clause.
bool Joined(const std::vector<Unit>& units, std::size_t j) {
    return j > 0 && units[j].cjk && units[j - 1].cjk && !units[j].break_before &&
           units[j].text.data() == units[j - 1].text.data() + units[j - 1].text.size();
}

// The text of units [from, to) (joined).
std::string_view Span(const std::vector<Unit>& units, std::size_t from, std::size_t to) {
    return {units[from].text.data(), static_cast<std::size_t>(units[to - 1].text.data() + units[to - 1].text.size() -
                                                              units[from].text.data())};
}

}  // namespace

SentimentReading ReadSentiment(std::string_view text) {
    const std::string normalised = NormalizeForAnalysis(text);
    std::vector<Unit> units;
    SplitUnits(normalised, units);
    std::vector<double> valence(units.size(), 0.0);
    SentimentReading reading;
    std::size_t but = units.size();  // the first "but": what comes before it counts half, what follows one and a half
    std::size_t exclamations = 0;
    std::size_t context_from = 0;  // Chinese: a negation or degree word is looked for from here (after the last word)
    const auto& chinese = ChineseWords();
    for (std::size_t i = 0; i < units.size(); ++i) {
        const std::string_view unit = units[i].text;
        if (!units[i].cjk) {
            if (unit == "!") ++exclamations;
            if (unit == "but" && but == units.size()) but = i;
            const SentimentWord word = LookUpSentiment(unit);
            if (word.valence == 0.0f || EnglishDegree(unit) != 0.0) continue;
            double v = word.valence;
            bool negated = false;
            for (std::size_t k = 1; k <= kWindow && k <= i; ++k) {
                const std::string_view before = units[i - k].text;
                if (double degree = EnglishDegree(before); degree != 0.0) {
                    double scalar = degree * (k == 1 ? 1.0 : k == 2 ? 0.95 : 0.9);
                    v += v > 0 ? scalar : -scalar;
                }
                negated = negated || LookUpSentiment(before).negation;
            }
            valence[i] = negated ? v * kNegation : v;
            if (reading.terms.size() < kMaxTerms) reading.terms.emplace_back(negated ? "not " + std::string(unit) : unit);
            continue;
        }
        if (!Joined(units, i)) context_from = i;
        // The longest word of the list starting here, within the clause.
        std::size_t length = 0;
        float v = 0.0f;
        for (std::size_t l = 1; l <= kMaxChineseWord && i + l <= units.size(); ++l) {
            if (l > 1 && !Joined(units, i + l - 1)) break;
            if (auto it = chinese.find(Span(units, i, i + l)); it != chinese.end()) {
                length = l;
                v = it->second;
            }
        }
        if (length == 0) {
            for (std::string_view word : kChineseButs) {
                std::size_t l = word.size() / 3;  // three bytes a character
                if (i + l <= units.size() && (l == 1 || Joined(units, i + l - 1)) && Span(units, i, i + l) == word) {
                    if (but == units.size()) but = i;
                    context_from = i + l;
                    i += l - 1;
                    break;
                }
            }
            continue;
        }
        const std::string_view found = Span(units, i, i + length);
        if (v != 0.0f) {
            const std::size_t from = std::max(context_from, i >= kWindow ? i - kWindow : 0);
            const std::string_view context = from < i ? Span(units, from, i) : std::string_view();
            double value = v;
            for (const auto& [degree, scalar] : kChineseDegrees) {
                if (context.find(degree) != std::string_view::npos) {
                    value += value > 0 ? scalar : -scalar;
                    break;
                }
            }
            const bool negated = Negates(context);
            valence[i] = negated ? value * kNegation : value;
            if (reading.terms.size() < kMaxTerms) reading.terms.emplace_back(negated ? "不 " + std::string(found) : found);
        }
        context_from = i + length;
        i += length - 1;
    }
    double sum = 0.0;
    for (std::size_t i = 0; i < units.size(); ++i) {
        double factor = but == units.size() ? 1.0 : i < but ? 0.5 : 1.5;
        sum += valence[i] * factor;
    }
    if (sum != 0.0) {
        double push = static_cast<double>(std::min<std::size_t>(exclamations, 4)) * kExclamation;
        sum += sum > 0 ? push : -push;
    }
    reading.score = std::clamp(sum / std::sqrt(sum * sum + kNormalisation), -1.0, 1.0);
    return reading;
}

}  // namespace heed::triage
