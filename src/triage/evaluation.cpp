#include "triage/evaluation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace heed::triage {

Evaluation Evaluate(const TextModel& model, const std::vector<Example>& examples,
                    std::vector<std::vector<double>>* probabilities) {
    Evaluation result;
    result.n = examples.size();
    if (examples.empty()) return result;
    std::vector<std::size_t>& predicted = result.predicted;
    predicted.resize(examples.size());
    if (probabilities) probabilities->clear();
    std::vector<double> confidence(examples.size());
    std::vector<double> p;
    std::vector<double> latency(examples.size());
    auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < examples.size(); ++i) {
        auto before = std::chrono::steady_clock::now();
        model.Probabilities(examples[i].text, p);
        latency[i] = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - before).count();
        auto best = std::max_element(p.begin(), p.end());
        predicted[i] = static_cast<std::size_t>(best - p.begin());
        confidence[i] = *best;
        if (probabilities) probabilities->push_back(p);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.docs_per_second = seconds > 0 ? static_cast<double>(examples.size()) / seconds : 0.0;
    std::nth_element(latency.begin(), latency.begin() + static_cast<std::ptrdiff_t>(latency.size() / 2), latency.end());
    result.median_microseconds = latency[latency.size() / 2];

    const auto& labels = model.labels();
    std::map<std::string, std::size_t> true_positive, predicted_count, support;
    std::map<std::string, std::map<std::string, std::size_t>> confusion;
    std::size_t correct = 0;
    constexpr int kBins = 10;
    std::vector<double> bin_confidence(kBins, 0.0), bin_correct(kBins, 0.0), bin_count(kBins, 0.0);
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const std::string& gold = examples[i].label;
        const std::string& guess = labels[predicted[i]];
        ++support[gold];
        ++predicted_count[guess];
        ++confusion[gold][guess];
        bool right = gold == guess;
        if (right) {
            ++correct;
            ++true_positive[gold];
        }
        int bin = std::min(kBins - 1, static_cast<int>(confidence[i] * kBins));
        bin_confidence[bin] += confidence[i];
        bin_correct[bin] += right ? 1.0 : 0.0;
        bin_count[bin] += 1.0;
    }
    result.accuracy = static_cast<double>(correct) / static_cast<double>(examples.size());
    for (int bin = 0; bin < kBins; ++bin) {
        if (bin_count[bin] == 0) continue;
        result.ece += std::abs(bin_confidence[bin] - bin_correct[bin]) / static_cast<double>(examples.size());
    }
    double f1_sum = 0.0;
    for (const auto& [label, count] : support) {
        LabelQuality quality{label, count};
        double tp = static_cast<double>(true_positive[label]);
        double predicted_total = static_cast<double>(predicted_count[label]);
        quality.precision = predicted_total > 0 ? tp / predicted_total : 0.0;
        quality.recall = tp / static_cast<double>(count);
        quality.f1 = quality.precision + quality.recall > 0
                         ? 2 * quality.precision * quality.recall / (quality.precision + quality.recall)
                         : 0.0;
        f1_sum += quality.f1;
        result.labels.push_back(quality);
    }
    result.macro_f1 = f1_sum / static_cast<double>(support.size());
    for (const auto& [gold, row] : confusion) result.confusion.emplace_back(gold, std::vector<std::pair<std::string, std::size_t>>(row.begin(), row.end()));
    return result;
}

}  // namespace heed::triage
