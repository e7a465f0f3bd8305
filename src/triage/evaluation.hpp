#pragma once
// Quality and speed of a text model on labelled examples: accuracy, macro-F1 (over the labels that occur in the
// examples), per-label precision/recall/F1, expected calibration error and classification speed.

#include <cstddef>
#include <string>
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
};

Evaluation Evaluate(const TextModel& model, const std::vector<Example>& examples);

}  // namespace heed::triage
