#pragma once
// Tenant-editable triage rules (SPEC §3): conditions on a complaint's fields, keywords and a regular expression →
// actions (set fields, add tags, raise risk flags, request escalation, route to a team or department).
//
// A rule is validated as a whole before it is saved (ValidateRule): a bad rule is refused with the reason and the
// offending field, never stored half-right. Rules run in ascending priority (ties by id), so the outcome does not
// depend on storage order; the first rule to set a field wins, tags and risk flags accumulate.
//
// Thread-safety: Rule is plain data; a CompiledRule is immutable after CompileRule and may be shared by threads.

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/complaint/complaint.hpp"
#include "core/ports/pattern_engine.hpp"

namespace heed::core::triage {

using RuleId = StrongId<struct RuleTag>;

struct RuleConditions {
    std::vector<std::string> categories;                // any of (category names, as stored)
    std::vector<complaint::Channel> channels;           // any of
    std::vector<complaint::CustomerTier> tiers;         // any of
    std::vector<complaint::Urgency> urgencies;          // any of
    std::vector<complaint::ServiceType> service_types;  // any of
    std::optional<int> severity_min;                    // inclusive, 1–5
    std::optional<int> severity_max;                    // inclusive, 1–5
    std::vector<std::string> keywords_any;              // at least one occurs in subject or description
    std::vector<std::string> keywords_all;              // every one occurs
    std::string regex;                                  // RE2 syntax, case-insensitive; see kMaxRegexBytes
};

struct RuleActions {
    // field → value: category, subcategory, nature (free text), urgency, difficulty, service_stage (wire names),
    // severity ("1"–"5").
    std::map<std::string, std::string> set;
    std::vector<std::string> add_tags;
    std::vector<complaint::RiskFlag> risk_flags;
    bool escalate = false;   // marks the complaint urgent and records an escalation request event
    std::string team;        // route: the team to hand it to
    std::string department;  // route: the department to involve
};

struct Rule {
    RuleId id;
    TenantId tenant;
    std::string name;
    int priority = 100;  // lower runs first
    bool enabled = true;
    RuleConditions when;
    RuleActions then;
    std::int64_t version = 0;
    Instant created_at{};
    Instant updated_at{};
};

// Limits, documented in docs/triage.md.
inline constexpr std::size_t kMaxRuleNameBytes = 200;
inline constexpr std::size_t kMaxKeywords = 50;
inline constexpr std::size_t kMaxKeywordBytes = 100;
inline constexpr std::size_t kMaxRegexBytes = 200;
inline constexpr std::size_t kMaxRuleTags = 10;
inline constexpr int kMaxPriority = 100000;
inline constexpr std::size_t kMaxRulesPerTenant = 500;

// The fields rules may set, in the order they are reported.
inline constexpr std::array<std::string_view, 7> kSettableFields{"category",   "subcategory",   "nature",  "urgency",
                                                                 "difficulty", "service_stage", "severity"};

// The first problem of the rule: kInvalidArgument with `field` naming it (e.g. "when.regex", "then.set.urgency").
// A regex is compiled by `patterns`; without an engine a rule with a regex is refused.
Result<void> ValidateRule(const Rule& rule, const ports::PatternEngine* patterns);

// A validated rule ready to match: keywords normalised, regex compiled once.
struct CompiledRule {
    Rule rule;
    std::vector<std::string> keywords_any;  // normalised
    std::vector<std::string> keywords_all;  // normalised
    std::shared_ptr<const ports::CompiledPattern> regex;
};

// REQUIRES: ValidateRule(rule, patterns) succeeded.
CompiledRule CompileRule(Rule rule, const ports::PatternEngine* patterns);

// True when every condition of the rule holds for `complaint`, whose subject and description, normalised, are
// `normalised_text`.
bool RuleMatches(const CompiledRule& rule, const complaint::Complaint& complaint, std::string_view normalised_text);

}  // namespace heed::core::triage
