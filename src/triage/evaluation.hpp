#pragma once
// Quality and speed of a text model on labelled examples: accuracy, macro-F1 (over the labels that occur in the
// examples), per-label precision/recall/F1, expected calibration error and classification speed.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "triage/text_model.hpp"

namespace heed::triage {

struct LabelQuality {
    std::string label;
    std::size_t support = 0;  // examples with this gold label
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
};

struct Evaluation {
    std::size_t n = 0;
    double accuracy = 0.0;
    double macro_f1 = 0.0;
    // Expected calibration error: the confidence of the top label against how often it is right, in 10 equal-width
    // bins, weighted by how many examples fall into each.
    double ece = 0.0;
    double docs_per_second = 0.0;      // normalisation + tokenisation + scoring, one thread
    double median_microseconds = 0.0;  // the same for one text, median
    std::vector<LabelQuality> labels;
    // confusion[gold][predicted]: how many examples of each gold label went to each predicted label (only pairs
    // that occur).
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::size_t>>>> confusion;
    std::vector<std::size_t> predicted;  // per example, the index into the model's labels
};

// With `probabilities`, each example's calibrated probabilities (in the order of the model's labels) are kept there.
Evaluation Evaluate(const TextModel& model, const std::vector<Example>& examples,
                    std::vector<std::vector<double>>* probabilities = nullptr);

}  // namespace heed::triage
