#pragma once
// The built-in risk lexicon (SPEC §3): Chinese and English words that signal a safety, legal, media or regulator
// risk. A hit raises the risk flag and marks the complaint urgent at once (see TriageService). Terms are matched on
// NormaliseForMatching text, so full-width, upper-case and common Traditional forms match too. The list is in
// risk_lexicon.cpp and docs/triage.md.
//
// Thread-safety: pure functions over constant data.

#include <string>
#include <string_view>
#include <vector>

#include "core/complaint/enums.hpp"

namespace heed::core::triage {

struct RiskTerm {
    std::string_view term;  // normalised (lower case, Simplified)
    complaint::RiskFlag flag;
};

struct RiskHit {
    complaint::RiskFlag flag;
    std::string term;
};

const std::vector<RiskTerm>& BuiltInRiskLexicon();

// The lexicon terms found in `normalised` text, in lexicon order; a term is reported once.
std::vector<RiskHit> FindRiskTerms(std::string_view normalised);

}  // namespace heed::core::triage
