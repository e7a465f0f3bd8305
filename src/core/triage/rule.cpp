#include "core/triage/rule.hpp"

#include <algorithm>

#include "core/common/utf8.hpp"
#include "core/triage/text_match.hpp"

namespace heed::core::triage {
namespace {

using complaint::Complaint;

tl::unexpected<Error> Bad(std::string field, std::string message) {
    return Fail(ErrorCode::kInvalidArgument, field + " " + message, std::move(field));
}

Result<void> CheckText(const std::string& text, const std::string& field, std::size_t limit, bool required) {
    if (required && text.find_first_not_of(" \t\r\n") == std::string::npos) return Bad(field, "must not be empty");
    if (text.size() > limit) return Bad(field, "is longer than " + std::to_string(limit) + " bytes");
    if (!IsValidUtf8(text)) return Bad(field, "is not valid UTF-8");
    return {};
}

Result<void> CheckKeywords(const std::vector<std::string>& keywords, const std::string& field) {
    if (keywords.size() > kMaxKeywords)
        return Bad(field, "has more than " + std::to_string(kMaxKeywords) + " keywords");
    for (const auto& keyword : keywords) {
        if (auto ok = CheckText(keyword, field, kMaxKeywordBytes, true); !ok) return ok;
    }
    return {};
}

template <typename T>
bool AnyOf(const std::vector<T>& allowed, const T& value) {
    return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

template <typename T>
bool AnyOf(const std::vector<T>& allowed, const std::optional<T>& value) {
    return allowed.empty() || (value && std::find(allowed.begin(), allowed.end(), *value) != allowed.end());
}

}  // namespace

Result<void> ValidateRule(const Rule& rule, const ports::PatternEngine* patterns) {
    if (auto ok = CheckText(rule.name, "name", kMaxRuleNameBytes, true); !ok) return ok;
    if (rule.priority < 0 || rule.priority > kMaxPriority) {
        return Bad("priority", "must be between 0 and " + std::to_string(kMaxPriority));
    }
    const auto& w = rule.when;
    for (const auto& category : w.categories) {
        if (auto ok = CheckText(category, "when.categories", complaint::kMaxShortFieldBytes, true); !ok) return ok;
    }
    for (auto bound : {w.severity_min, w.severity_max}) {
        if (bound && (*bound < 1 || *bound > 5)) {
            return Bad(bound == w.severity_min ? "when.severity_min" : "when.severity_max", "must be between 1 and 5");
        }
    }
    if (w.severity_min && w.severity_max && *w.severity_min > *w.severity_max) {
        return Bad("when.severity_max", "must not be below severity_min");
    }
    if (auto ok = CheckKeywords(w.keywords_any, "when.keywords_any"); !ok) return ok;
    if (auto ok = CheckKeywords(w.keywords_all, "when.keywords_all"); !ok) return ok;
    if (!w.regex.empty()) {
        if (auto ok = CheckText(w.regex, "when.regex", kMaxRegexBytes, true); !ok) return ok;
        if (!patterns) return Bad("when.regex", "cannot be used: no regular-expression engine is configured");
        if (auto compiled = patterns->Compile(w.regex); !compiled) {
            return Bad("when.regex", "is not a valid regular expression: " + compiled.error().message);
        }
    }
    bool has_condition = !w.categories.empty() || !w.channels.empty() || !w.tiers.empty() || !w.urgencies.empty() ||
                         !w.service_types.empty() || w.severity_min || w.severity_max || !w.keywords_any.empty() ||
                         !w.keywords_all.empty() || !w.regex.empty();
    if (!has_condition) return Bad("when", "needs at least one condition");

    const auto& t = rule.then;
    for (const auto& [field, value] : t.set) {
        std::string name = "then.set." + field;
        if (std::find(kSettableFields.begin(), kSettableFields.end(), field) == kSettableFields.end()) {
            return Bad("then.set." + field,
                       "is not a field rules can set (category, subcategory, nature, urgency, "
                       "difficulty, service_stage, severity)");
        }
        bool ok_value = true;
        if (field == "urgency")
            ok_value = ValueOf(complaint::kUrgencyNames, value).has_value();
        else if (field == "difficulty")
            ok_value = ValueOf(complaint::kDifficultyNames, value).has_value();
        else if (field == "service_stage")
            ok_value = ValueOf(complaint::kServiceStageNames, value).has_value();
        else if (field == "severity")
            ok_value = value.size() == 1 && value[0] >= '1' && value[0] <= '5';
        else if (auto ok = CheckText(value, name, complaint::kMaxShortFieldBytes, true); !ok)
            return ok;
        if (!ok_value) return Bad(name, "has an invalid value " + value);
    }
    if (t.add_tags.size() > kMaxRuleTags) return Bad("then.add_tags", "has more than " + std::to_string(kMaxRuleTags));
    for (const auto& tag : t.add_tags) {
        if (auto ok = CheckText(tag, "then.add_tags", complaint::kMaxShortFieldBytes, true); !ok) return ok;
    }
    if (auto ok = CheckText(t.team, "then.team", complaint::kMaxShortFieldBytes, false); !ok) return ok;
    if (auto ok = CheckText(t.department, "then.department", complaint::kMaxShortFieldBytes, false); !ok) return ok;
    bool has_action = !t.set.empty() || !t.add_tags.empty() || !t.risk_flags.empty() || t.escalate || !t.team.empty() ||
                      !t.department.empty();
    if (!has_action) return Bad("then", "needs at least one action");
    return {};
}

CompiledRule CompileRule(Rule rule, const ports::PatternEngine* patterns) {
    CompiledRule compiled;
    for (const auto& k : rule.when.keywords_any) compiled.keywords_any.push_back(NormaliseForMatching(k));
    for (const auto& k : rule.when.keywords_all) compiled.keywords_all.push_back(NormaliseForMatching(k));
    if (!rule.when.regex.empty() && patterns) {
        if (auto pattern = patterns->Compile(rule.when.regex)) compiled.regex = *pattern;
    }
    compiled.rule = std::move(rule);
    return compiled;
}

bool RuleMatches(const CompiledRule& compiled, const Complaint& c, std::string_view text) {
    const auto& w = compiled.rule.when;
    const auto& k = c.classification;
    if (!w.categories.empty() &&
        std::find(w.categories.begin(), w.categories.end(), k.category) == w.categories.end()) {
        return false;
    }
    if (!AnyOf(w.channels, c.channel) || !AnyOf(w.tiers, c.customer.tier) || !AnyOf(w.urgencies, k.urgency) ||
        !AnyOf(w.service_types, c.service_type)) {
        return false;
    }
    if ((w.severity_min || w.severity_max) && !k.severity) return false;
    if (w.severity_min && *k.severity < *w.severity_min) return false;
    if (w.severity_max && *k.severity > *w.severity_max) return false;
    if (!compiled.keywords_any.empty() &&
        std::none_of(compiled.keywords_any.begin(), compiled.keywords_any.end(),
                     [&](const std::string& term) { return ContainsTerm(text, term); })) {
        return false;
    }
    for (const auto& term : compiled.keywords_all) {
        if (!ContainsTerm(text, term)) return false;
    }
    if (!w.regex.empty() && (!compiled.regex || !compiled.regex->Search(text))) return false;
    return true;
}

}  // namespace heed::core::triage
