#pragma once
// The port through which intake triage asks the text models (issue: triage intelligence). Implementations live in
// src/triage/ (trained linear models per tenant, with the defaults that ship with Heed); core tests use a fake.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"

namespace heed::core::ports {

struct FieldPrediction {
    std::string label;        // wire name of the value: a category name, "urgent", "negative", "4" for severity …
    double confidence = 0.0;  // calibrated probability of `label`, 0 … 1
};

// Predictions by field: "category", "sentiment", "urgency", "severity" (and "subcategory", "service_stage" when a
// model for them exists). A field with no model is absent.
using TextPrediction = std::map<std::string, FieldPrediction>;

// A sentiment read from lexicons rather than predicted by a model: a score from −1 to 1 and the words behind it.
struct LexiconSentiment {
    double score = 0.0;
    std::vector<std::string> terms;
};

// Thread-safety: Classify and ReadSentiment may be called from many threads at once.
class TextClassifier {
public:
    virtual ~TextClassifier() = default;
    // `language` is a BCP 47 tag ("zh", "en") or empty when unknown.
    virtual TextPrediction Classify(TenantId tenant, std::string_view text, std::string_view language) const = 0;
    // The sentiment lexicons' reading of the text, for a complaint no model gave a sentiment; none when no word of
    // theirs occurs (or the classifier has no lexicons).
    virtual std::optional<LexiconSentiment> ReadSentiment(std::string_view /*text*/) const { return std::nullopt; }
};

}  // namespace heed::core::ports

namespace heed::core::ports {

// One example for a tenant's own model: the complaint's subject and description, and the field's wire value.
struct LabelledText {
    std::string text;
    std::string label;
};

// What a training produced. The held-out figures come from a model trained without every tenth example and tested
// on those; they are absent when there were too few examples to spare any.
struct TrainedModel {
    std::string field;
    std::int64_t examples = 0;
    std::vector<std::string> labels;
    std::int64_t holdout_n = 0;
    std::optional<double> holdout_accuracy;
    std::optional<double> holdout_macro_f1;
    std::int64_t memory_bytes = 0;
    double seconds = 0.0;
};

// A model intake triage uses for a tenant: its own ("tenant") or a shipped default for a language ("default").
struct LoadedModel {
    std::string field;
    std::string source;    // "tenant" or "default"
    std::string language;  // for defaults: "zh", "en"; empty for a tenant's model (it serves every language)
    std::vector<std::string> labels;
    std::int64_t memory_bytes = 0;
    std::string learner;   // "logistic" or "svm"
    bool lexicon = false;  // the model uses the sentiment lexicon's tokens
};

// Trains and installs a tenant's model for one field: the next intake of that tenant uses it.
// Thread-safety: Train and Loaded may be called from many threads; trainings of one tenant and field are serialised.
class TextModelTrainer {
public:
    virtual ~TextModelTrainer() = default;
    virtual Result<TrainedModel> Train(TenantId tenant, const std::string& field,
                                       const std::vector<LabelledText>& examples) = 0;
    virtual std::vector<LoadedModel> Loaded(TenantId tenant) const = 0;
};

}  // namespace heed::core::ports
