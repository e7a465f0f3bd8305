#pragma once
// The port through which intake triage asks the text models (issue: triage intelligence). Implementations live in
// src/triage/ (trained linear models per tenant, with the defaults that ship with Heed); core tests use a fake.

#include <map>
#include <string>
#include <string_view>

#include "core/common/ids.hpp"

namespace heed::core::ports {

struct FieldPrediction {
    std::string label;        // wire name of the value: a category name, "urgent", "negative", "4" for severity …
    double confidence = 0.0;  // calibrated probability of `label`, 0 … 1
};

// Predictions by field: "category", "sentiment", "urgency", "severity" (and "subcategory", "service_stage" when a
// model for them exists). A field with no model is absent.
using TextPrediction = std::map<std::string, FieldPrediction>;

// Thread-safety: Classify may be called from many threads at once.
class TextClassifier {
public:
    virtual ~TextClassifier() = default;
    // `language` is a BCP 47 tag ("zh", "en") or empty when unknown.
    virtual TextPrediction Classify(TenantId tenant, std::string_view text, std::string_view language) const = 0;
};

}  // namespace heed::core::ports
