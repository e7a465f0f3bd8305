#include "triage/text_model.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <utility>

#include <nlohmann/json.hpp>

#include "triage/linear_fit.hpp"
#include "triage/normalizer.hpp"
#include "triage/sort_keys.hpp"

static_assert(std::endian::native == std::endian::little, "model files are written in the host's little-endian order");

namespace heed::triage {
namespace {

using fit::AddScaled;
using fit::FeatureTable;
using fit::FitScaled;
using fit::FitSvm;
using fit::FitTemperature;
using fit::MeanLogLoss;
using fit::NaiveBayes;
using fit::Quality;
using fit::RawScores;
using fit::Softmax;
using fit::Weights;

constexpr char kMagic[8] = {'H', 'E', 'E', 'D', 'T', 'X', 'T', 'M'};
constexpr int kMinBucketBits = 10;
constexpr int kMaxBucketBits = 24;

// The sparse feature vector of one text, sorted by bucket. Raw (RawFeatures): per bucket and kind (word or subword)
// 1 + ln(count). Finished: the values a model multiplies its weights with.
struct Features {
    std::vector<std::uint32_t> buckets;
    std::vector<float> values;
    std::vector<std::uint8_t> block;  // what the entry counts: kWords (words, pairs, trigrams), kSubwords, kLexicon
};

constexpr std::uint8_t kWords = 0, kSubwords = 1, kLexicon = 2;

// 1 + ln(count), from a table for the usual small counts (the same float std::log gives).
float OnePlusLog(std::size_t count) {
    static const auto table = [] {
        std::array<float, 64> values{};
        for (std::size_t k = 1; k < values.size(); ++k) values[k] = 1.0f + std::log(static_cast<float>(k));
        return values;
    }();
    return count < table.size() ? table[count] : 1.0f + std::log(static_cast<float>(count));
}

void RawFeatures(std::string_view text, const TokenizerOptions& options, int bits, Features& out) {
    thread_local std::vector<Unit> units;
    thread_local std::vector<std::uint64_t> hashes, subwords, lexicon;
    hashes.clear();
    subwords.clear();
    lexicon.clear();
    HashTokens(NormalizeForAnalysis(text), options, units, hashes, subwords, lexicon);
    // Bucket number times four plus the block: the kinds are counted apart.
    auto bucket = [bits](std::uint64_t h) { return (h * 0x9E3779B97F4A7C15ull) >> (64 - bits); };
    for (auto& h : hashes) h = bucket(h) << 2 | kWords;
    for (auto h : subwords) hashes.push_back(bucket(h) << 2 | kSubwords);
    for (auto h : lexicon) hashes.push_back(bucket(h) << 2 | kLexicon);
    SortKeys(hashes, bits + 2);
    out.buckets.resize(hashes.size());
    out.values.resize(hashes.size());
    out.block.resize(hashes.size());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < hashes.size();) {
        std::size_t j = i + 1;
        while (j < hashes.size() && hashes[j] == hashes[i]) ++j;
        out.buckets[kept] = static_cast<std::uint32_t>(hashes[i] >> 2);
        out.values[kept] = OnePlusLog(j - i);
        out.block[kept] = static_cast<std::uint8_t>(hashes[i] & 3);
        ++kept;
        i = j;
    }
    out.buckets.resize(kept);
    out.values.resize(kept);
    out.block.resize(kept);
}

void ScaleToUnitLength(std::vector<float>& values) {
    double norm = 0.0;
    for (float v : values) norm += static_cast<double>(v) * v;
    if (norm > 0) {
        auto scale = static_cast<float>(1.0 / std::sqrt(norm));
        for (auto& v : values) v *= scale;
    }
}

// A model without inverse document frequencies, blocks or lexicon (all of format version 1): a bucket's word and
// subword values summed, the subword's times the subword weight, and the whole vector scaled to unit length. `out`
// may be `in`.
void FinishPlain(const Features& in, Features& out, double subword_weight) {
    out.buckets.resize(in.buckets.size());
    out.values.resize(in.buckets.size());
    out.block.resize(in.buckets.size());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < in.buckets.size(); ++i) {
        float value = in.block[i] == kSubwords ? in.values[i] * static_cast<float>(subword_weight) : in.values[i];
        if (kept > 0 && out.buckets[kept - 1] == in.buckets[i]) {
            out.values[kept - 1] += value;
            continue;
        }
        out.buckets[kept] = in.buckets[i];
        out.values[kept] = value;
        out.block[kept] = kWords;
        ++kept;
    }
    out.buckets.resize(kept);
    out.values.resize(kept);
    out.block.resize(kept);
    ScaleToUnitLength(out.values);
}

// Inverse document frequencies, blocks, lexicon: each raw value times `scale_of(entry)` (0 leaves the entry out: a
// bucket no training text had), then scaled to unit length per block — the words, the subwords (or, without blocks,
// the words and subwords together, each subword value first times the subword weight) and the lexicon tokens — the
// subword block times the subword weight, the lexicon block times the lexicon weight.
template <typename ScaleOf>
void FinishScaled(Features& f, bool block_norm, const TokenizerOptions& tokens, ScaleOf&& scale_of) {
    auto group = [block_norm](std::uint8_t block) { return block == kSubwords && !block_norm ? kWords : block; };
    double norm[3] = {0.0, 0.0, 0.0};
    std::size_t kept = 0;
    for (std::size_t i = 0; i < f.buckets.size(); ++i) {
        float scale = scale_of(i);
        if (scale == 0.0f) continue;
        float value = f.values[i] * scale;
        if (!block_norm && f.block[i] == kSubwords) value *= static_cast<float>(tokens.subword_weight);
        f.buckets[kept] = f.buckets[i];
        f.values[kept] = value;
        f.block[kept] = f.block[i];
        norm[group(f.block[i])] += static_cast<double>(value) * value;
        ++kept;
    }
    f.buckets.resize(kept);
    f.values.resize(kept);
    f.block.resize(kept);
    float factor[3];
    for (int g = 0; g < 3; ++g) factor[g] = norm[g] > 0 ? static_cast<float>(1.0 / std::sqrt(norm[g])) : 0.0f;
    if (block_norm) factor[kSubwords] *= static_cast<float>(tokens.subword_weight);
    factor[kLexicon] *= static_cast<float>(tokens.lexicon_weight);
    for (std::size_t i = 0; i < kept; ++i) f.values[i] *= factor[group(f.block[i])];
}

// Whether most labelled texts have Chinese (or Japanese, Korean) characters.
bool MostlyCjk(const std::vector<Example>& examples) {
    std::vector<Unit> units;
    std::size_t cjk = 0, texts = 0;
    for (const auto& example : examples) {
        if (example.label.empty()) continue;
        ++texts;
        SplitUnits(example.text, units);
        if (std::any_of(units.begin(), units.end(), [](const Unit& unit) { return unit.cjk; })) ++cjk;
    }
    return cjk * 2 > texts;
}

// Whether a model's features go through FinishScaled rather than FinishPlain.
bool Scaled(bool idf, bool block_norm, const TokenizerOptions& tokens) { return idf || block_norm || tokens.lexicon; }

template <typename T>
void Put(std::string& out, const T& value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

}  // namespace

class ModelTrainer {
public:
    static core::Result<TextModel> Run(const std::vector<Example>& examples, const TrainingOptions& given) {
        using core::ErrorCode;
        // kAuto: the regression for Chinese text; for other text the SVM over inverse document frequencies and
        // blocks, with and without the sentiment lexicon, whichever scores better on the held-out slice.
        TrainingOptions options = given;
        bool choose_lexicon = false;
        if (options.learner == Learner::kAuto) {
            if (MostlyCjk(examples)) {
                options.learner = Learner::kLogistic;
            } else {
                options.learner = Learner::kSvm;
                options.idf = options.block_norm = true;
                options.tokens.lexicon = true;
                choose_lexicon = options.calibration_share > 0.0;
            }
        }
        if (options.bucket_bits < kMinBucketBits || options.bucket_bits > kMaxBucketBits) {
            return core::Fail(ErrorCode::kInvalidArgument, "bucket bits must be 10 … 24", "bucket_bits");
        }
        if (options.epochs < 1 || options.epochs > 1000 || !(options.learning_rate > 0.0)) {
            return core::Fail(ErrorCode::kInvalidArgument, "epochs must be 1 … 1000 and the learning rate positive");
        }
        if (!(options.svm_cost > 0.0) || options.svm_cost > 1000.0) {
            return core::Fail(ErrorCode::kInvalidArgument, "the SVM's C must be above 0 and at most 1000", "svm_cost");
        }
        std::map<std::string, std::size_t> counts;
        for (const auto& example : examples) {
            if (!example.label.empty()) ++counts[example.label];
        }
        if (counts.size() < 2) {
            return core::Fail(ErrorCode::kInvalidArgument, "training needs at least two distinct labels", "label");
        }
        TextModel model;
        std::map<std::string, std::uint32_t> index;
        for (const auto& [label, count] : counts) {
            index[label] = static_cast<std::uint32_t>(model.labels_.size());
            model.labels_.push_back(label);
        }
        model.bucket_bits_ = options.bucket_bits;
        const std::size_t label_count = model.labels_.size();

        // The raw features of every text (finished below once per table the candidates are fitted on).
        FeatureTable raw;
        std::vector<std::uint8_t> block;  // per entry of `raw`
        Features features;
        for (const auto& example : examples) {
            if (example.label.empty()) continue;
            RawFeatures(example.text, options.tokens, options.bucket_bits, features);
            raw.buckets.insert(raw.buckets.end(), features.buckets.begin(), features.buckets.end());
            raw.values.insert(raw.values.end(), features.values.begin(), features.values.end());
            block.insert(block.end(), features.block.begin(), features.block.end());
            raw.offsets.push_back(raw.buckets.size());
            raw.labels.push_back(index[example.label]);
        }
        const std::size_t n = raw.labels.size();
        // Inverse document frequencies over all training texts (when the model uses them).
        std::vector<float> idf_of_bucket;
        if (options.idf) {
            idf_of_bucket.assign(std::size_t{1} << options.bucket_bits, 0.0f);
            std::vector<std::uint32_t> df(idf_of_bucket.size(), 0);
            for (std::size_t row = 0; row < n; ++row) {
                for (std::size_t k = raw.offsets[row]; k < raw.offsets[row + 1]; ++k) {
                    // A bucket with both a word and a subword entry in one text counts once.
                    if (k == raw.offsets[row] || raw.buckets[k] != raw.buckets[k - 1]) ++df[raw.buckets[k]];
                }
            }
            for (std::size_t bucket = 0; bucket < df.size(); ++bucket) {
                if (df[bucket] == 0) continue;
                idf_of_bucket[bucket] = static_cast<float>(
                    std::log((1.0 + static_cast<double>(n)) / (1.0 + static_cast<double>(df[bucket]))) + 1.0);
            }
        }
        struct Scheme {
            bool idf = false;
            bool block_norm = false;
        };
        // Every row finished as Scores finishes a text under the scheme and tokens (without the lexicon tokens
        // when `tokens.lexicon` is off).
        auto finish = [&](Scheme scheme, const TokenizerOptions& tokens) {
            FeatureTable table;
            table.labels = raw.labels;
            for (std::size_t row = 0; row < n; ++row) {
                std::size_t begin = raw.offsets[row], end = raw.offsets[row + 1];
                features.buckets.clear();
                features.values.clear();
                features.block.clear();
                for (std::size_t k = begin; k < end; ++k) {
                    if (block[k] == kLexicon && !tokens.lexicon) continue;
                    features.buckets.push_back(raw.buckets[k]);
                    features.values.push_back(raw.values[k]);
                    features.block.push_back(block[k]);
                }
                if (!Scaled(scheme.idf, scheme.block_norm, tokens)) {
                    FinishPlain(features, features, tokens.subword_weight);
                } else {
                    FinishScaled(features, scheme.block_norm, tokens, [&](std::size_t i) {
                        return scheme.idf ? idf_of_bucket[features.buckets[i]] : 1.0f;
                    });
                }
                table.buckets.insert(table.buckets.end(), features.buckets.begin(), features.buckets.end());
                table.values.insert(table.values.end(), features.values.begin(), features.values.end());
                table.offsets.push_back(table.buckets.size());
            }
            return table;
        };
        std::vector<double> label_weight(label_count, 1.0);
        if (options.balance_labels) {
            for (const auto& [label, count] : counts) {
                label_weight[index[label]] =
                    std::pow(static_cast<double>(n) / (static_cast<double>(label_count) * static_cast<double>(count)),
                             options.balance_power);
            }
        }
        std::vector<std::size_t> all(n);
        std::iota(all.begin(), all.end(), 0);
        model.summary_.examples = n;

        // The candidates: logistic regression at the learning rate and half of it, or the SVM at C and three times
        // it (the second only with a held-out slice to choose).
        const bool svm = options.learner == Learner::kSvm;
        // … each with the lexicon tokens and without them when kAuto chooses (a table each).
        const Scheme scheme{options.idf, options.block_norm};
        std::vector<TokenizerOptions> token_options{options.tokens};
        if (choose_lexicon) {
            token_options.push_back(options.tokens);
            token_options.back().lexicon = false;
        }
        std::vector<FeatureTable> tables;
        for (const auto& tokens : token_options) tables.push_back(finish(scheme, tokens));
        struct Candidate {
            double setting;  // the learning rate, or C
            std::size_t table;
        };
        std::vector<Candidate> candidates;
        for (std::size_t t = 0; t < tables.size(); ++t) {
            candidates.push_back({svm ? options.svm_cost : options.learning_rate, t});
            if (options.choose_learning_rate) {
                candidates.push_back({svm ? options.svm_cost * 3 : options.learning_rate / 2, t});
            }
        }
        block = {};
        raw = {};
        auto fit = [&](const std::vector<std::size_t>& rows, const Candidate& candidate) {
            const FeatureTable& table = tables[candidate.table];
            if (svm) {
                return FitSvm(table, rows, label_count, options.bucket_bits, candidate.setting, label_weight,
                              options.seed);
            }
            TrainingOptions at_rate = options;
            at_rate.learning_rate = candidate.setting;
            return FitScaled(table, rows, label_count, options.bucket_bits, at_rate, label_weight);
        };

        // With a held-out slice: each candidate fitted on the rest, with the naive Bayes factor that scores best on
        // the slice with it; the candidate and factor of the best score are kept (the first on a tie), and the
        // temperature is fitted to their scores on the slice. Then the kept candidate is trained on everything.
        std::size_t chosen = 0;
        if (options.calibration_share > 0.0 && n >= 50) {
            std::vector<std::size_t> shuffled = all;
            std::mt19937_64 random(options.seed ^ 0x5EEDull);
            std::shuffle(shuffled.begin(), shuffled.end(), random);
            auto held = std::max<std::size_t>(10, static_cast<std::size_t>(n * options.calibration_share));
            std::vector<std::size_t> calibration(shuffled.begin(), shuffled.begin() + held);
            std::vector<std::size_t> rest(shuffled.begin() + held, shuffled.end());
            std::vector<std::uint32_t> gold;
            for (std::size_t row : calibration) gold.push_back(tables[0].labels[row]);
            // Per table: the naive Bayes weights fitted on the rest and their scores on the slice.
            std::vector<std::optional<Weights>> nb(tables.size());
            std::vector<std::vector<std::vector<double>>> bayes(tables.size());
            for (std::size_t t = 0; options.naive_bayes && t < tables.size(); ++t) {
                nb[t] = NaiveBayes(tables[t], rest, label_count, options.bucket_bits, options.naive_bayes_alpha);
                for (std::size_t row : calibration) bayes[t].push_back(RawScores(*nb[t], tables[t], row, label_count));
            }
            const std::vector<double> factors = options.naive_bayes
                                                    ? std::vector<double>{0.0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 1.0}
                                                    : std::vector<double>{0.0};
            double best_quality = -1.0;
            Weights partial;
            for (std::size_t i = 0; i < candidates.size(); ++i) {
                const std::size_t t = candidates[i].table;
                Weights fitted = fit(rest, candidates[i]);
                std::vector<std::vector<double>> plain;
                for (std::size_t row : calibration) plain.push_back(RawScores(fitted, tables[t], row, label_count));
                bool better = false;
                for (double factor : factors) {
                    auto scores = plain;
                    for (std::size_t r = 0; factor > 0.0 && r < scores.size(); ++r) {
                        for (std::size_t c = 0; c < label_count; ++c) scores[r][c] += factor * bayes[t][r][c];
                    }
                    double quality = Quality(scores, gold, label_count);
                    if (quality > best_quality + 1e-9) {
                        best_quality = quality;
                        model.summary_.naive_bayes_weight = factor;
                        chosen = i;
                        better = true;
                    }
                }
                if (better) partial = std::move(fitted);
            }
            const std::size_t t = candidates[chosen].table;
            if (nb[t]) AddScaled(partial, *nb[t], model.summary_.naive_bayes_weight);
            std::vector<std::vector<double>> scores;
            for (std::size_t row : calibration) scores.push_back(RawScores(partial, tables[t], row, label_count));
            model.temperature_ = FitTemperature(scores, gold);
            model.summary_.calibration_log_loss = MeanLogLoss(scores, gold, model.temperature_);
        }
        const FeatureTable& table = tables[candidates[chosen].table];
        model.tokens_ = token_options[candidates[chosen].table];
        model.summary_.temperature = model.temperature_;
        model.learner_ = options.learner;
        model.block_norm_ = scheme.block_norm;
        (svm ? model.summary_.svm_cost : model.summary_.learning_rate) = candidates[chosen].setting;
        Weights weights = fit(all, candidates[chosen]);
        if (model.summary_.naive_bayes_weight > 0.0) {
            AddScaled(weights, NaiveBayes(table, all, label_count, options.bucket_bits, options.naive_bayes_alpha),
                      model.summary_.naive_bayes_weight);
        }

        // Keep the rows of the buckets that training touched.
        std::size_t buckets = std::size_t{1} << options.bucket_bits;
        std::vector<bool> touched(buckets, false);
        for (auto bucket : table.buckets) touched[bucket] = true;
        std::vector<std::uint32_t> kept;
        for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
            if (!touched[bucket]) continue;
            kept.push_back(static_cast<std::uint32_t>(bucket));
            model.weights_.insert(model.weights_.end(), weights.w.begin() + bucket * label_count,
                                  weights.w.begin() + (bucket + 1) * label_count);
            if (scheme.idf) model.idf_.push_back(idf_of_bucket[bucket]);
        }
        model.rows_.Assign(options.bucket_bits, kept);
        model.bias_ = weights.bias;
        return model;
    }
};

core::Result<TextModel> TextModel::Train(const std::vector<Example>& examples, const TrainingOptions& options) {
    return ModelTrainer::Run(examples, options);
}

void BucketIndex::Assign(int bits, const std::vector<std::uint32_t>& buckets) {
    words_.assign(((std::size_t{1} << bits) + 63) / 64, Word{});
    for (std::uint32_t bucket : buckets) words_[bucket >> 6].bits |= std::uint64_t{1} << (bucket & 63);
    std::uint32_t rank = 0;
    for (Word& word : words_) {
        word.rank = rank;
        rank += static_cast<std::uint32_t>(std::popcount(word.bits));
    }
}

void TextModel::Scores(std::string_view text, std::vector<double>& scores) const {
    // Intake asks every field's model about the same text, one after the other on one thread, and the models of a
    // language share their tokens and bucket count: the last text's raw features (and their plain finish) are kept
    // and used again, so the text is normalised and tokenised once, not once per field.
    thread_local struct {
        std::string text;
        TokenizerOptions tokens;
        int bits = -1;
        Features raw, plain;
        bool plain_done = false;
    } last;
    if (last.bits != bucket_bits_ || !(last.tokens == tokens_) || last.text != text) {
        RawFeatures(text, tokens_, bucket_bits_, last.raw);
        last.text.assign(text);
        last.tokens = tokens_;
        last.bits = bucket_bits_;
        last.plain_done = false;
    }
    const std::size_t label_count = labels_.size();
    scores.assign(bias_.begin(), bias_.end());
    thread_local std::vector<std::int32_t> rows;
    if (!Scaled(!idf_.empty(), block_norm_, tokens_)) {
        if (!last.plain_done) {
            FinishPlain(last.raw, last.plain, tokens_.subword_weight);
            last.plain_done = true;
        }
        const Features& features = last.plain;
        // Two passes: the bucket index lookups first (independent loads the processor overlaps, each row's weights
        // prefetched), then the sums; one pass waited on a cache miss per feature.
        rows.resize(features.buckets.size());
        for (std::size_t k = 0; k < features.buckets.size(); ++k) {
            std::int32_t row = rows_.Row(features.buckets[k]);
            rows[k] = row;
            if (row >= 0) PrefetchRow(row, label_count);
        }
        for (std::size_t k = 0; k < rows.size(); ++k) {
            if (rows[k] < 0) continue;
            const float* w = &weights_[static_cast<std::size_t>(rows[k]) * label_count];
            double x = features.values[k];
            for (std::size_t c = 0; c < label_count; ++c) scores[c] += w[c] * x;
        }
        return;
    }
    // Inverse document frequencies or blocks: only the buckets the model knows count, also towards the lengths.
    thread_local Features features;
    features = last.raw;
    rows.resize(features.buckets.size());
    for (std::size_t k = 0; k < features.buckets.size(); ++k) {
        std::int32_t row = rows_.Row(features.buckets[k]);
        rows[k] = row;
        if (row >= 0) {
            PrefetchRow(row, label_count);
            if (!idf_.empty()) __builtin_prefetch(&idf_[static_cast<std::size_t>(row)]);
        }
    }
    // FinishScaled drops the unknown buckets; `rows` is compacted the same way.
    std::size_t kept = 0;
    FinishScaled(features, block_norm_, tokens_, [&](std::size_t i) {
        std::int32_t row = rows[i];
        if (row < 0) return 0.0f;
        rows[kept++] = row;
        return idf_.empty() ? 1.0f : idf_[static_cast<std::size_t>(row)];
    });
    for (std::size_t k = 0; k < kept; ++k) {
        const float* w = &weights_[static_cast<std::size_t>(rows[k]) * label_count];
        double x = features.values[k];
        for (std::size_t c = 0; c < label_count; ++c) scores[c] += w[c] * x;
    }
}

void TextModel::Probabilities(std::string_view text, std::vector<double>& probabilities) const {
    Scores(text, probabilities);
    Softmax(probabilities, temperature_);
}

std::vector<LabelScore> TextModel::Predict(std::string_view text, std::size_t top) const {
    std::vector<double> p;
    Probabilities(text, p);
    std::vector<std::size_t> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    top = std::min(top, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                      [&p](std::size_t a, std::size_t b) { return p[a] > p[b]; });
    std::vector<LabelScore> out;
    for (std::size_t i = 0; i < top; ++i) out.push_back({labels_[order[i]], p[order[i]]});
    return out;
}

std::size_t TextModel::memory_bytes() const {
    return rows_.memory_bytes() + weights_.size() * sizeof(float) +
           bias_.size() * sizeof(float) + idf_.size() * sizeof(float);
}

core::Result<void> TextModel::Save(const std::string& path) const {
    const std::size_t label_count = labels_.size();
    const std::size_t rows = weights_.size() / label_count;
    nlohmann::json header{{"format", "heed-text-model"},
                          {"version", kFormatVersion},
                          {"labels", labels_},
                          {"bucket_bits", bucket_bits_},
                          {"tokens",
                           {{"pairs", tokens_.pairs},
                            {"cjk_trigrams", tokens_.cjk_trigrams},
                            {"subwords", tokens_.subwords},
                            {"subword_weight", tokens_.subword_weight},
                            {"lexicon", tokens_.lexicon},
                            {"lexicon_weight", tokens_.lexicon_weight}}},
                          {"temperature", temperature_},
                          {"training",
                           {{"examples", summary_.examples},
                            {"calibration_log_loss", summary_.calibration_log_loss},
                            {"naive_bayes_weight", summary_.naive_bayes_weight},
                            {"learning_rate", summary_.learning_rate},
                            {"svm_cost", summary_.svm_cost}}},
                          {"learner", LearnerName(learner_)},
                          {"features", {{"idf", !idf_.empty()}, {"block_norm", block_norm_}}},
                          {"rows", rows}};
    std::string head = header.dump();
    std::string out(kMagic, sizeof(kMagic));
    Put(out, kFormatVersion);
    Put(out, static_cast<std::uint32_t>(head.size()));
    out += head;
    for (float b : bias_) Put(out, b);
    std::vector<std::uint32_t> bucket_of_row(rows);
    for (std::size_t bucket = 0; bucket < (std::size_t{1} << bucket_bits_); ++bucket) {
        std::int32_t row = rows_.Row(static_cast<std::uint32_t>(bucket));
        if (row >= 0) bucket_of_row[static_cast<std::size_t>(row)] = static_cast<std::uint32_t>(bucket);
    }
    for (std::size_t row = 0; row < rows; ++row) {
        Put(out, bucket_of_row[row]);
        if (!idf_.empty()) Put(out, idf_[row]);
        out.append(reinterpret_cast<const char*>(&weights_[row * label_count]), label_count * sizeof(float));
    }
    // Written beside the target and renamed over it, so a reader never sees half a model.
    std::string temporary = path + ".partial";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file) return core::Fail(core::ErrorCode::kInvalidArgument, "cannot write " + temporary, "model");
        file.write(out.data(), static_cast<std::streamsize>(out.size()));
        file.close();
        if (!file) return core::Fail(core::ErrorCode::kInternal, "writing " + temporary + " failed", "model");
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        return core::Fail(core::ErrorCode::kInternal, "cannot rename " + temporary + " to " + path, "model");
    }
    return {};
}

core::Result<TextModel> TextModel::Load(const std::string& path) {
    using core::ErrorCode;
    std::ifstream file(path, std::ios::binary);
    if (!file) return core::Fail(ErrorCode::kNotFound, "cannot read model file " + path, "model");
    std::string data((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    PrepareNormalizer();  // once per process: the model's first text should not pay for the conversion tables
    auto bad = [&path](const std::string& why) {
        return core::Fail(ErrorCode::kInvalidArgument, path + " is not a usable Heed text model: " + why, "model");
    };
    std::size_t at = 0;
    auto take = [&](void* target, std::size_t size) {
        if (data.size() - at < size) return false;
        std::memcpy(target, data.data() + at, size);
        at += size;
        return true;
    };
    char magic[sizeof(kMagic)];
    std::uint32_t version = 0, head_size = 0;
    if (!take(magic, sizeof(magic)) || std::memcmp(magic, kMagic, sizeof(kMagic)) != 0) return bad("wrong magic");
    if (!take(&version, sizeof(version))) return bad("truncated");
    if (version != 1 && version != kFormatVersion) {
        return bad("format version " + std::to_string(version) + ", this Heed reads versions 1 to " +
                   std::to_string(kFormatVersion));
    }
    if (!take(&head_size, sizeof(head_size)) || data.size() - at < head_size) return bad("truncated header");
    nlohmann::json header = nlohmann::json::parse(data.begin() + static_cast<std::ptrdiff_t>(at),
                                                  data.begin() + static_cast<std::ptrdiff_t>(at + head_size), nullptr,
                                                  false);
    at += head_size;
    if (header.is_discarded() || !header.is_object()) return bad("header is not JSON");
    TextModel model;
    try {
        model.labels_ = header.at("labels").get<std::vector<std::string>>();
        model.bucket_bits_ = header.at("bucket_bits").get<int>();
        model.tokens_.pairs = header.at("tokens").at("pairs").get<bool>();
        model.tokens_.cjk_trigrams = header.at("tokens").at("cjk_trigrams").get<bool>();
        model.tokens_.subwords = header.at("tokens").value("subwords", false);
        model.tokens_.subword_weight = header.at("tokens").value("subword_weight", 1.0);
        model.tokens_.lexicon = header.at("tokens").value("lexicon", false);
        model.tokens_.lexicon_weight = header.at("tokens").value("lexicon_weight", 1.0);
        model.temperature_ = header.at("temperature").get<double>();
        model.summary_.examples = header.at("training").at("examples").get<std::size_t>();
        model.summary_.calibration_log_loss = header.at("training").at("calibration_log_loss").get<double>();
        model.summary_.naive_bayes_weight = header.at("training").value("naive_bayes_weight", 0.0);
        model.summary_.learning_rate = header.at("training").value("learning_rate", 0.0);  // 0: not recorded
        model.summary_.svm_cost = header.at("training").value("svm_cost", 0.0);
        model.summary_.temperature = model.temperature_;
        bool idf = false;
        if (version >= 2) {
            const auto learner = header.at("learner").get<std::string>();
            if (learner != LearnerName(Learner::kSvm) && learner != LearnerName(Learner::kLogistic))
                return bad("unknown learner " + learner);
            model.learner_ = learner == LearnerName(Learner::kSvm) ? Learner::kSvm : Learner::kLogistic;
            idf = header.at("features").at("idf").get<bool>();
            model.block_norm_ = header.at("features").at("block_norm").get<bool>();
        }
        auto rows = header.at("rows").get<std::size_t>();
        const std::size_t label_count = model.labels_.size();
        if (label_count < 2) return bad("fewer than two labels");
        if (model.bucket_bits_ < kMinBucketBits || model.bucket_bits_ > kMaxBucketBits) return bad("bucket bits");
        if (!(model.temperature_ > 0.0) || !std::isfinite(model.temperature_)) return bad("temperature");
        const std::size_t buckets = std::size_t{1} << model.bucket_bits_;
        if (rows > buckets) return bad("more rows than buckets");
        std::size_t expected = label_count * sizeof(float) +
                               rows * (sizeof(std::uint32_t) + (idf ? sizeof(float) : 0) + label_count * sizeof(float));
        if (data.size() - at != expected) return bad("weights have the wrong size (truncated or damaged)");
        model.bias_.resize(label_count);
        take(model.bias_.data(), label_count * sizeof(float));
        model.weights_.resize(rows * label_count);
        std::vector<std::uint32_t> bucket_of_row(rows);
        for (std::size_t row = 0; row < rows; ++row) {
            std::uint32_t& bucket = bucket_of_row[row];
            take(&bucket, sizeof(bucket));
            if (bucket >= buckets) return bad("bad bucket number");
            if (idf) {
                float value = 0.0f;
                take(&value, sizeof(value));
                if (!(value > 0.0f) || !std::isfinite(value)) return bad("inverse document frequency not positive");
                model.idf_.push_back(value);
            }
            take(&model.weights_[row * label_count], label_count * sizeof(float));
        }
        for (float w : model.weights_) {
            if (!std::isfinite(w)) return bad("weights are not finite");
        }
        // Heed writes the rows in bucket order; rows in another order are put in it.
        if (!std::is_sorted(bucket_of_row.begin(), bucket_of_row.end())) {
            std::vector<std::size_t> order(rows);
            std::iota(order.begin(), order.end(), std::size_t{0});
            std::sort(order.begin(), order.end(),
                      [&](std::size_t a, std::size_t b) { return bucket_of_row[a] < bucket_of_row[b]; });
            std::vector<float> weights(model.weights_.size()), idfs(model.idf_.size());
            std::vector<std::uint32_t> sorted(rows);
            for (std::size_t i = 0; i < rows; ++i) {
                sorted[i] = bucket_of_row[order[i]];
                std::copy_n(&model.weights_[order[i] * label_count], label_count, &weights[i * label_count]);
                if (idf) idfs[i] = model.idf_[order[i]];
            }
            bucket_of_row = std::move(sorted);
            model.weights_ = std::move(weights);
            model.idf_ = std::move(idfs);
        }
        if (std::adjacent_find(bucket_of_row.begin(), bucket_of_row.end()) != bucket_of_row.end())
            return bad("bad bucket number (twice)");
        model.rows_.Assign(model.bucket_bits_, bucket_of_row);
    } catch (const nlohmann::json::exception& error) {
        return bad(std::string("header: ") + error.what());
    }
    return model;
}

}  // namespace heed::triage
