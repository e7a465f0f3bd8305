#pragma once
// How the text models' weights are fitted (text_model.cpp keeps the features, the choice on the held-out slice and
// the files): the logistic regression by stochastic gradient descent with naive Bayes feature scaling, naive Bayes
// weights, the linear SVM through liblinear, and the temperature of the calibrated probabilities.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "triage/text_model.hpp"

namespace heed::triage::fit {

// Every training text's features, stored back to back.
struct FeatureTable {
    std::vector<std::size_t> offsets{0};
    std::vector<std::uint32_t> buckets;
    std::vector<float> values;
    std::vector<std::uint32_t> labels;
};

struct Weights {
    std::vector<float> w;     // buckets × labels
    std::vector<float> bias;  // labels
};

// softmax(z / temperature), in place.
void Softmax(std::vector<double>& z, double temperature);

// The raw scores (before temperature) of one row of the table.
std::vector<double> RawScores(const Weights& weights, const FeatureTable& table, std::size_t row,
                              std::size_t label_count);

double MeanLogLoss(const std::vector<std::vector<double>>& scores, const std::vector<std::uint32_t>& gold,
                   double temperature);

// The temperature that minimises the log loss on held-out scores.
double FitTemperature(const std::vector<std::vector<double>>& scores, const std::vector<std::uint32_t>& gold);

// Multinomial naive Bayes weights over the same features (centred per bucket), smoothing alpha.
Weights NaiveBayes(const FeatureTable& table, const std::vector<std::size_t>& rows, std::size_t label_count, int bits,
                   double alpha);

// (accuracy + macro-F1) / 2 of raw scores against gold labels.
double Quality(const std::vector<std::vector<double>>& scores, const std::vector<std::uint32_t>& gold,
               std::size_t label_count);

// The logistic regression at options.learning_rate, with the naive Bayes feature scaling the options ask for.
Weights FitScaled(const FeatureTable& table, const std::vector<std::size_t>& rows, std::size_t label_count, int bits,
                  const TrainingOptions& options, const std::vector<double>& label_weight);

// target += factor × source.
void AddScaled(Weights& target, const Weights& source, double factor);

// One linear SVM per label against the rest, at C = cost (times each label's weight), seeded.
Weights FitSvm(const FeatureTable& table, const std::vector<std::size_t>& rows, std::size_t label_count, int bits,
               double cost, const std::vector<double>& label_weight, std::uint64_t seed);

}  // namespace heed::triage::fit
