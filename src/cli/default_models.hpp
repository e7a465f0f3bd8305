#pragma once
// The default text models that need no data from outside Heed: category, urgency and severity for Chinese and English
// trained at start from the demo templates (text Heed owns, see demo_content.hpp). Shipped model files for a language
// and field (e.g. the English category model trained from public-domain CFPB narratives) take precedence.

#include <string>
#include <vector>

#include "cli/demo_content.hpp"
#include "triage/model_classifier.hpp"
#include "triage/text_model.hpp"

namespace heed::cli {

// The templates of one language as labelled examples for "category", "urgency" or "severity", each template written
// out a few times with different products, order numbers, amounts and day counts.
std::vector<triage::Example> TemplateExamples(demo::Language language, const std::string& field);

// Trains and installs the template defaults (a few milliseconds each).
void AddTemplateDefaults(triage::ModelClassifier& classifier);

}  // namespace heed::cli
