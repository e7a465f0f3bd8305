#include "triage/linear_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <numeric>
#include <random>

#include <linear.h>

namespace heed::triage::fit {

void Softmax(std::vector<double>& z, double temperature) {
    double top = *std::max_element(z.begin(), z.end());
    double sum = 0.0;
    for (auto& v : z) {
        v = std::exp((v - top) / temperature);
        sum += v;
    }
    for (auto& v : z) v /= sum;
}

namespace {

Weights Fit(const FeatureTable& table, const std::vector<std::size_t>& rows, std::size_t label_count, int bits,
            const TrainingOptions& options, const std::vector<double>& label_weight) {
    std::size_t buckets = std::size_t{1} << bits;
    Weights current{std::vector<float>(buckets * label_count, 0.0f), std::vector<float>(label_count, 0.0f)};
    Weights accumulated{std::vector<float>(buckets * label_count, 0.0f), std::vector<float>(label_count, 0.0f)};
    std::mt19937_64 random(options.seed);
    std::vector<std::size_t> order = rows;
    double total = static_cast<double>(order.size()) * options.epochs;
    double step = 1.0;
    std::vector<double> z(label_count);
    std::vector<float> g(label_count);
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), random);
        for (std::size_t row : order) {
            std::size_t begin = table.offsets[row], end = table.offsets[row + 1];
            for (std::size_t c = 0; c < label_count; ++c) z[c] = current.bias[c];
            for (std::size_t k = begin; k < end; ++k) {
                const float* w = &current.w[table.buckets[k] * label_count];
                float x = table.values[k];
                for (std::size_t c = 0; c < label_count; ++c) z[c] += w[c] * x;
            }
            Softmax(z, 1.0);
            std::uint32_t y = table.labels[row];
            double rate = options.learning_rate * std::max(0.0, 1.0 - (step - 1.0) / total);
            double scale = rate * label_weight[y];
            for (std::size_t c = 0; c < label_count; ++c) {
                g[c] = static_cast<float>(scale * (z[c] - (c == y ? 1.0 : 0.0)));
            }
            auto t = static_cast<float>(step);
            for (std::size_t c = 0; c < label_count; ++c) {
                current.bias[c] -= g[c];
                accumulated.bias[c] -= t * g[c];
            }
            for (std::size_t k = begin; k < end; ++k) {
                std::size_t base = table.buckets[k] * label_count;
                float x = table.values[k];
                float* w = &current.w[base];
                float* u = &accumulated.w[base];
                for (std::size_t c = 0; c < label_count; ++c) {
                    float d = g[c] * x;
                    w[c] -= d;
                    u[c] -= t * d;
                }
            }
            step += 1.0;
        }
    }
    // The average of the weights over all steps: w - u / t.
    auto t = static_cast<float>(step);
    for (std::size_t i = 0; i < current.w.size(); ++i) current.w[i] -= accumulated.w[i] / t;
    for (std::size_t c = 0; c < label_count; ++c) current.bias[c] -= accumulated.bias[c] / t;
    return current;
}

}  // namespace

std::vector<double> RawScores(const Weights& weights, const FeatureTable& table, std::size_t row,
                              std::size_t label_count) {
    std::vector<double> z(weights.bias.begin(), weights.bias.end());
    for (std::size_t k = table.offsets[row]; k < table.offsets[row + 1]; ++k) {
        const float* w = &weights.w[table.buckets[k] * label_count];
        for (std::size_t c = 0; c < label_count; ++c) z[c] += w[c] * table.values[k];
    }
    return z;
}

double MeanLogLoss(const std::vector<std::vector<double>>& scores, const std::vector<std::uint32_t>& gold,
                   double temperature) {
    double loss = 0.0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        auto p = scores[i];
        Softmax(p, temperature);
        loss -= std::log(std::max(p[gold[i]], 1e-12));
    }
    return loss / static_cast<double>(scores.size());
}

// The temperature that minimises the log loss on held-out scores (golden-section search over its logarithm).
double FitTemperature(const std::vector<std::vector<double>>& scores, const std::vector<std::uint32_t>& gold) {
    double lo = std::log(0.02), hi = std::log(50.0);
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo);
    double fa = MeanLogLoss(scores, gold, std::exp(a)), fb = MeanLogLoss(scores, gold, std::exp(b));
    for (int i = 0; i < 60; ++i) {
        if (fa < fb) {
            hi = b, b = a, fb = fa;
            a = hi - ratio * (hi - lo);
            fa = MeanLogLoss(scores, gold, std::exp(a));
        } else {
            lo = a, a = b, fa = fb;
            b = lo + ratio * (hi - lo);
            fb = MeanLogLoss(scores, gold, std::exp(b));
        }
    }
    return std::exp((lo + hi) / 2.0);
}

// Multinomial naive Bayes over the same features: log P(bucket | label), centred per bucket (a constant per bucket
// cancels in the softmax), and centred log priors. Added to the logistic regression's weights with a factor chosen
// on held-out data, it helps most where labelled data is scarce (Wang & Manning's NB/LR interpolation idea).
Weights NaiveBayes(const FeatureTable& table, const std::vector<std::size_t>& rows, std::size_t label_count, int bits,
                   double alpha) {
    std::size_t buckets = std::size_t{1} << bits;
    Weights nb{std::vector<float>(buckets * label_count, 0.0f), std::vector<float>(label_count, 0.0f)};
    std::vector<double> totals(label_count, 0.0), prior(label_count, 1.0);
    std::vector<bool> touched(buckets, false);
    for (std::size_t row : rows) {
        std::uint32_t y = table.labels[row];
        prior[y] += 1.0;
        for (std::size_t k = table.offsets[row]; k < table.offsets[row + 1]; ++k) {
            nb.w[table.buckets[k] * label_count + y] += table.values[k];
            totals[y] += table.values[k];
            touched[table.buckets[k]] = true;
        }
    }
    double vocabulary = static_cast<double>(std::count(touched.begin(), touched.end(), true));
    std::vector<double> denominator(label_count);
    for (std::size_t c = 0; c < label_count; ++c) denominator[c] = std::log(totals[c] + alpha * vocabulary);
    std::vector<double> lp(label_count);
    for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
        if (!touched[bucket]) continue;
        float* w = &nb.w[bucket * label_count];
        double mean = 0.0;
        for (std::size_t c = 0; c < label_count; ++c) {
            lp[c] = std::log(w[c] + alpha) - denominator[c];
            mean += lp[c];
        }
        mean /= static_cast<double>(label_count);
        for (std::size_t c = 0; c < label_count; ++c) w[c] = static_cast<float>(lp[c] - mean);
    }
    double mean = 0.0;
    for (std::size_t c = 0; c < label_count; ++c) mean += std::log(prior[c]) / static_cast<double>(label_count);
    for (std::size_t c = 0; c < label_count; ++c) nb.bias[c] = static_cast<float>(std::log(prior[c]) - mean);
    return nb;
}

// (accuracy + macro-F1) / 2 of raw scores against gold labels.
double Quality(const std::vector<std::vector<double>>& scores, const std::vector<std::uint32_t>& gold,
               std::size_t label_count) {
    std::vector<double> tp(label_count, 0.0), predicted(label_count, 0.0), support(label_count, 0.0);
    double correct = 0.0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        auto best = static_cast<std::size_t>(std::max_element(scores[i].begin(), scores[i].end()) - scores[i].begin());
        predicted[best] += 1.0;
        support[gold[i]] += 1.0;
        if (best == gold[i]) tp[best] += 1.0, correct += 1.0;
    }
    double f1 = 0.0, present = 0.0;
    for (std::size_t c = 0; c < label_count; ++c) {
        if (support[c] == 0) continue;
        present += 1.0;
        if (tp[c] > 0) f1 += 2 * tp[c] / (predicted[c] + support[c]);
    }
    return (correct / static_cast<double>(scores.size()) + f1 / std::max(present, 1.0)) / 2.0;
}

namespace {

// Naive Bayes feature scaling: how strongly each bucket separates the labels, |log P(bucket | label) − its mean over
// the labels| at its largest (presence counts, additive smoothing alpha), raised to `power` and divided by its mean
// over the feature occurrences of `rows`. The regression is fitted on features multiplied by this factor (a
// discriminative bucket moves its weight faster, a neutral one is damped), and the factor is then folded into the
// weights, so prediction needs nothing extra.
std::vector<float> BucketScale(const FeatureTable& table, const std::vector<std::size_t>& rows, std::size_t label_count,
                               int bits, double alpha, double power) {
    std::size_t buckets = std::size_t{1} << bits;
    std::vector<float> counts(buckets * label_count, 0.0f);
    std::vector<double> totals(label_count, 0.0);
    std::vector<bool> touched(buckets, false);
    for (std::size_t row : rows) {
        std::uint32_t y = table.labels[row];
        for (std::size_t k = table.offsets[row]; k < table.offsets[row + 1]; ++k) {
            counts[table.buckets[k] * label_count + y] += 1.0f;
            totals[y] += 1.0;
            touched[table.buckets[k]] = true;
        }
    }
    double vocabulary = static_cast<double>(std::count(touched.begin(), touched.end(), true));
    std::vector<double> denominator(label_count), lp(label_count);
    for (std::size_t c = 0; c < label_count; ++c) denominator[c] = std::log(totals[c] + alpha * vocabulary);
    std::vector<float> scale(buckets, 1.0f);
    double sum = 0.0, occurrences = 0.0;
    for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
        if (!touched[bucket]) continue;
        double mean = 0.0;
        for (std::size_t c = 0; c < label_count; ++c) {
            lp[c] = std::log(counts[bucket * label_count + c] + alpha) - denominator[c];
            mean += lp[c] / static_cast<double>(label_count);
        }
        double spread = 0.0;
        for (std::size_t c = 0; c < label_count; ++c) spread = std::max(spread, std::abs(lp[c] - mean));
        scale[bucket] = static_cast<float>(std::pow(spread, power));
        double seen = 0.0;
        for (std::size_t c = 0; c < label_count; ++c) seen += counts[bucket * label_count + c];
        sum += scale[bucket] * seen;
        occurrences += seen;
    }
    double mean = occurrences > 0 && sum > 0 ? sum / occurrences : 1.0;
    for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
        if (touched[bucket]) scale[bucket] = static_cast<float>(scale[bucket] / mean);
    }
    return scale;
}

}  // namespace

// Fit on the features multiplied by BucketScale, the factor folded into the weights.
Weights FitScaled(const FeatureTable& table, const std::vector<std::size_t>& rows, std::size_t label_count, int bits,
                  const TrainingOptions& options, const std::vector<double>& label_weight) {
    if (options.naive_bayes_scaling <= 0.0) return Fit(table, rows, label_count, bits, options, label_weight);
    std::vector<float> scale =
        BucketScale(table, rows, label_count, bits, options.naive_bayes_scaling_alpha, options.naive_bayes_scaling);
    FeatureTable scaled = table;
    for (std::size_t k = 0; k < scaled.values.size(); ++k) scaled.values[k] *= scale[scaled.buckets[k]];
    Weights weights = Fit(scaled, rows, label_count, bits, options, label_weight);
    for (std::size_t bucket = 0; bucket < scale.size(); ++bucket) {
        for (std::size_t c = 0; c < label_count; ++c) weights.w[bucket * label_count + c] *= scale[bucket];
    }
    if (options.scaling_mix > 0.0) {
        // Averaging the scores of both fits is one linear model: the average of their weights.
        Weights plain = Fit(table, rows, label_count, bits, options, label_weight);
        auto a = static_cast<float>(options.scaling_mix);
        for (std::size_t i = 0; i < weights.w.size(); ++i) weights.w[i] = a * weights.w[i] + (1 - a) * plain.w[i];
        for (std::size_t c = 0; c < label_count; ++c) weights.bias[c] = a * weights.bias[c] + (1 - a) * plain.bias[c];
    }
    return weights;
}

void AddScaled(Weights& target, const Weights& source, double factor) {
    auto f = static_cast<float>(factor);
    for (std::size_t i = 0; i < target.w.size(); ++i) target.w[i] += f * source.w[i];
    for (std::size_t c = 0; c < target.bias.size(); ++c) target.bias[c] += f * source.bias[c];
}

namespace {

void Quiet(const char*) {}

}  // namespace

// One linear SVM per label against the rest (squared hinge loss, L2 regularisation, a bias feature of value 1 as in
// liblinear's own tools), fitted by liblinear's dual coordinate descent with C × the label's weight per example.
Weights FitSvm(const FeatureTable& table, const std::vector<std::size_t>& rows, std::size_t label_count, int bits,
               double cost, const std::vector<double>& label_weight, std::uint64_t seed) {
    std::size_t buckets = std::size_t{1} << bits;
    Weights out{std::vector<float>(buckets * label_count, 0.0f), std::vector<float>(label_count, 0.0f)};
    // liblinear numbers features from 1 and keeps a dense weight vector per label: the buckets these rows touch
    // are numbered in order, so the vectors are as long as the vocabulary, not the bucket space.
    std::vector<std::int32_t> feature_of_bucket(buckets, 0);
    for (std::size_t row : rows) {
        for (std::size_t k = table.offsets[row]; k < table.offsets[row + 1]; ++k) feature_of_bucket[table.buckets[k]] = 1;
    }
    std::vector<std::uint32_t> bucket_of_feature{0};
    for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
        if (feature_of_bucket[bucket] == 0) continue;
        feature_of_bucket[bucket] = static_cast<std::int32_t>(bucket_of_feature.size());
        bucket_of_feature.push_back(static_cast<std::uint32_t>(bucket));
    }
    const auto features = static_cast<int>(bucket_of_feature.size() - 1);
    std::vector<feature_node> nodes;
    std::vector<std::size_t> starts;
    std::vector<double> y;
    std::vector<bool> present(label_count, false);
    for (std::size_t row : rows) {
        starts.push_back(nodes.size());
        for (std::size_t k = table.offsets[row]; k < table.offsets[row + 1]; ++k) {
            nodes.push_back({feature_of_bucket[table.buckets[k]], static_cast<double>(table.values[k])});
        }
        nodes.push_back({features + 1, 1.0});  // the bias feature
        nodes.push_back({-1, 0.0});
        y.push_back(static_cast<double>(table.labels[row]));
        present[table.labels[row]] = true;
    }
    if (std::count(present.begin(), present.end(), true) < 2) {
        for (std::size_t c = 0; c < label_count; ++c) out.bias[c] = present[c] ? 1.0f : -1.0f;
        return out;
    }
    std::vector<feature_node*> x;
    for (std::size_t start : starts) x.push_back(&nodes[start]);
    problem prob{};
    prob.l = static_cast<int>(rows.size());
    prob.n = features + 1;
    prob.y = y.data();
    prob.x = x.data();
    prob.bias = 1.0;
    std::vector<int> weight_label(label_count);
    std::iota(weight_label.begin(), weight_label.end(), 0);
    std::vector<double> weight = label_weight;
    parameter param{};
    param.solver_type = L2R_L2LOSS_SVC_DUAL;
    param.eps = 0.1;
    param.C = cost;
    param.nr_weight = static_cast<int>(label_count);
    param.weight_label = weight_label.data();
    param.weight = weight.data();
    param.p = 0.1;
    param.init_sol = nullptr;
    // liblinear prints its progress and visits the examples in an order drawn from rand(): silence it, and seed
    // rand() so that the same data and options give the same model.
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    set_print_string_function(&Quiet);
    std::srand(static_cast<unsigned>(seed));
    model* fitted = train(&prob, &param);
    for (int i = 0; i < fitted->nr_class; ++i) {
        auto label = static_cast<std::size_t>(fitted->label[i]);
        for (int feature = 1; feature <= features; ++feature) {
            out.w[bucket_of_feature[static_cast<std::size_t>(feature)] * label_count + label] =
                static_cast<float>(get_decfun_coef(fitted, feature, i));
        }
        out.bias[label] = static_cast<float>(get_decfun_bias(fitted, i));
    }
    for (std::size_t c = 0; c < label_count; ++c) {
        if (!present[c]) out.bias[c] = -1.0f;  // a label none of these rows has: below every label it has
    }
    free_and_destroy_model(&fitted);
    return out;
}

}  // namespace heed::triage::fit
