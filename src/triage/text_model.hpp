#pragma once
// A supervised linear text classifier with calibrated confidence.
//
// Features: the tokens of the normalised text (normalizer.hpp, tokenizer.hpp), hashed into 2^bucket_bits buckets,
// weighted 1 + ln(count) and scaled to unit length. Model: multinomial logistic regression, one weight per bucket and
// label, trained by stochastic gradient descent with a linearly falling learning rate and weight averaging (the
// average of the weights over all steps is what is kept). Confidence: the softmax of the scores divided by a
// temperature fitted on a slice of the training data held out for it (the model is then retrained on everything).
//
// Files are versioned (see docs/triage.md): "HEEDTXTM", format version, a JSON header (labels, options, temperature,
// training summary), then the weights of the buckets the training touched. Loading checks every size, so a damaged or
// truncated file is refused with the reason.
//
// A loaded or trained model is immutable; Predict may be called from many threads at once.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/result.hpp"
#include "triage/tokenizer.hpp"

namespace heed::triage {

// Which buckets have a row of weights, and its number: a bit per bucket, and per 64 buckets the number of rows before
// them (rows are kept in bucket order). 16 bytes per 64 buckets — 256 KB for 2^20 buckets, where a row number per
// bucket took 4 MB and a cache miss per feature.
class BucketIndex {
public:
    // `buckets` in increasing order, each below 2^bits.
    void Assign(int bits, const std::vector<std::uint32_t>& buckets);
    // The bucket's row, or -1 when it has none.
    std::int32_t Row(std::uint32_t bucket) const {
        const Word& word = words_[bucket >> 6];
        const std::uint64_t bit = std::uint64_t{1} << (bucket & 63);
        if (!(word.bits & bit)) return -1;
        return static_cast<std::int32_t>(word.rank + static_cast<std::uint32_t>(__builtin_popcountll(word.bits & (bit - 1))));
    }
    const void* Address(std::uint32_t bucket) const { return &words_[bucket >> 6]; }
    std::size_t memory_bytes() const { return words_.size() * sizeof(Word); }

private:
    struct alignas(16) Word {
        std::uint64_t bits = 0;
        std::uint32_t rank = 0;
    };
    std::vector<Word> words_;
};

struct Example {
    std::string text;
    std::string label;
};

// How the weights are fitted: multinomial logistic regression by stochastic gradient descent (Heed's own), or one
// linear support vector machine per label against the rest (squared hinge loss, liblinear's dual coordinate descent).
// kAuto (the default): the regression when most training texts are Chinese; otherwise the SVM with `idf`,
// `block_norm` and the sentiment lexicon (tokens.lexicon) — the lexicon kept only if it scores better on the
// held-out slice. A trained model records what was used.
enum class Learner { kLogistic, kSvm, kAuto };

// A fitted model's learner as model files, `heed train` and the API name it: "logistic" or "svm".
constexpr const char* LearnerName(Learner learner) { return learner == Learner::kSvm ? "svm" : "logistic"; }

struct TrainingOptions {
    Learner learner = Learner::kAuto;
    // Feature values: each bucket's 1 + ln(count) times its inverse document frequency in the training texts
    // (ln((1 + n) / (1 + df)) + 1; buckets no training text had are then left out at prediction), and the words and
    // the subwords scaled to unit length apart (two blocks) instead of together.
    bool idf = false;
    bool block_norm = false;
    double svm_cost = 0.3;  // the SVM's C; with a held-out slice, three times it is tried as well
    int epochs = 20;
    double learning_rate = 1.0;
    // With a held-out slice: also fit at half the learning rate and keep whichever of the two scores better on the
    // slice (BENCHMARKS.md: half the rate is better on most of the evaluation tasks, not on all).
    bool choose_learning_rate = true;
    int bucket_bits = 20;
    TokenizerOptions tokens;
    double calibration_share = 0.1;  // share of the training data held out to fit the temperature (0: none)
    bool balance_labels = true;      // weight examples by inverse label frequency (for rare labels)
    double balance_power = 0.5;      // … raised to this power (1: fully balanced)
    bool naive_bayes = true;         // add naive Bayes weights, with a factor chosen on the held-out slice
    double naive_bayes_alpha = 0.1;  // its additive smoothing
    // Naive Bayes feature scaling (see docs/text_models.md): the regression is fitted twice, on the features as they
    // are and on the features multiplied by how strongly each bucket separates the labels (to this power; 0: one
    // plain fit), and the two are averaged, `scaling_mix` being the scaled fit's share.
    double naive_bayes_scaling = 1.0;
    double naive_bayes_scaling_alpha = 1.0;  // smoothing of the counts behind the scaling
    double scaling_mix = 0.5;
    std::uint64_t seed = 42;
};

struct LabelScore {
    std::string label;
    double probability = 0.0;
};

struct TrainingSummary {
    std::size_t examples = 0;
    double temperature = 1.0;
    double calibration_log_loss = 0.0;  // on the held-out slice, after calibration (0 when none was held out)
    double naive_bayes_weight = 0.0;    // factor of the naive Bayes weights added to the regression's
    double learning_rate = 0.0;         // the initial learning rate of the fit kept (logistic regression)
    double svm_cost = 0.0;              // the C of the fit kept (SVM)
};

class TextModel {
public:
    // Version 2 adds the learner, the feature scheme and a scale (inverse document frequency) per row; version 1
    // files are still read.
    static constexpr std::uint32_t kFormatVersion = 2;

    // Needs at least two distinct labels and one example with a non-empty text per label.
    static core::Result<TextModel> Train(const std::vector<Example>& examples, const TrainingOptions& options);
    static core::Result<TextModel> Load(const std::string& path);
    core::Result<void> Save(const std::string& path) const;

    // Calibrated probabilities of every label, in the order of labels().
    void Probabilities(std::string_view text, std::vector<double>& probabilities) const;
    // The `top` most probable labels, most probable first.
    std::vector<LabelScore> Predict(std::string_view text, std::size_t top = 3) const;

    const std::vector<std::string>& labels() const { return labels_; }
    const TrainingSummary& summary() const { return summary_; }
    double temperature() const { return temperature_; }
    Learner learner() const { return learner_; }
    const TokenizerOptions& tokens() const { return tokens_; }
    bool idf() const { return !idf_.empty(); }
    bool block_norm() const { return block_norm_; }
    // Bytes held in memory by the weights and the bucket index.
    std::size_t memory_bytes() const;

private:
    // Raw scores (before temperature) for already normalised text.
    void Scores(std::string_view text, std::vector<double>& scores) const;
    // Asks for both cache lines a row of weights may span.
    void PrefetchRow(std::int32_t row, std::size_t label_count) const {
        const float* w = &weights_[static_cast<std::size_t>(row) * label_count];
        __builtin_prefetch(w);
        __builtin_prefetch(w + label_count - 1);
    }

    std::vector<std::string> labels_;
    TokenizerOptions tokens_;
    int bucket_bits_ = 20;
    double temperature_ = 1.0;
    TrainingSummary summary_;
    BucketIndex rows_;            // the row of weights of each bucket that has one; rows in bucket order
    std::vector<float> weights_;  // rows × labels
    std::vector<float> bias_;
    Learner learner_ = Learner::kLogistic;
    bool block_norm_ = false;
    std::vector<float> idf_;  // per row; empty when the model does not weight by inverse document frequency
    friend class ModelTrainer;
};

}  // namespace heed::triage
