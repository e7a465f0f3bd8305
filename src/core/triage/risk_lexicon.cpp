#include "core/triage/risk_lexicon.hpp"

#include "core/triage/text_match.hpp"

namespace heed::core::triage {

using complaint::RiskFlag;

const std::vector<RiskTerm>& BuiltInRiskLexicon() {
    // Terms that on their own mean the company may face harm to a person, a court case, press coverage or a
    // regulator. Words that are common in ordinary complaints without that meaning ("投诉", "burn" as in CD burner)
    // are left out on purpose: a false alarm makes a complaint urgent.
    static const std::vector<RiskTerm> kTerms{
        // safety
        {"受伤", RiskFlag::kSafety},
        {"烫伤", RiskFlag::kSafety},
        {"烧伤", RiskFlag::kSafety},
        {"划伤", RiskFlag::kSafety},
        {"割伤", RiskFlag::kSafety},
        {"起火", RiskFlag::kSafety},
        {"着火", RiskFlag::kSafety},
        {"失火", RiskFlag::kSafety},
        {"爆炸", RiskFlag::kSafety},
        {"自燃", RiskFlag::kSafety},
        {"冒烟", RiskFlag::kSafety},
        {"触电", RiskFlag::kSafety},
        {"漏电", RiskFlag::kSafety},
        {"中毒", RiskFlag::kSafety},
        {"食物中毒", RiskFlag::kSafety},
        {"住院", RiskFlag::kSafety},
        {"送医", RiskFlag::kSafety},
        {"过敏", RiskFlag::kSafety},
        {"人身安全", RiskFlag::kSafety},
        {"安全隐患", RiskFlag::kSafety},
        {"injury", RiskFlag::kSafety},
        {"injured", RiskFlag::kSafety},
        {"injuries", RiskFlag::kSafety},
        {"fire", RiskFlag::kSafety},
        {"caught fire", RiskFlag::kSafety},
        {"explosion", RiskFlag::kSafety},
        {"exploded", RiskFlag::kSafety},
        {"electric shock", RiskFlag::kSafety},
        {"hospital", RiskFlag::kSafety},
        {"hospitalized", RiskFlag::kSafety},
        {"food poisoning", RiskFlag::kSafety},
        {"poisoned", RiskFlag::kSafety},
        {"choking", RiskFlag::kSafety},
        {"unsafe", RiskFlag::kSafety},
        // legal
        {"律师", RiskFlag::kLegal},
        {"起诉", RiskFlag::kLegal},
        {"法院", RiskFlag::kLegal},
        {"诉讼", RiskFlag::kLegal},
        {"打官司", RiskFlag::kLegal},
        {"律师函", RiskFlag::kLegal},
        {"法律途径", RiskFlag::kLegal},
        {"仲裁", RiskFlag::kLegal},
        {"报警", RiskFlag::kLegal},
        {"lawyer", RiskFlag::kLegal},
        {"attorney", RiskFlag::kLegal},
        {"lawsuit", RiskFlag::kLegal},
        {"sue", RiskFlag::kLegal},
        {"suing", RiskFlag::kLegal},
        {"court", RiskFlag::kLegal},
        {"legal action", RiskFlag::kLegal},
        {"class action", RiskFlag::kLegal},
        {"arbitration", RiskFlag::kLegal},
        // media
        {"曝光", RiskFlag::kMedia},
        {"媒体", RiskFlag::kMedia},
        {"记者", RiskFlag::kMedia},
        {"电视台", RiskFlag::kMedia},
        {"报社", RiskFlag::kMedia},
        {"上新闻", RiskFlag::kMedia},
        {"发微博", RiskFlag::kMedia},
        {"发到网上", RiskFlag::kMedia},
        {"抖音", RiskFlag::kMedia},
        {"media", RiskFlag::kMedia},
        {"journalist", RiskFlag::kMedia},
        {"reporter", RiskFlag::kMedia},
        {"go viral", RiskFlag::kMedia},
        // regulator
        {"12315", RiskFlag::kRegulator},
        {"消协", RiskFlag::kRegulator},
        {"消费者协会", RiskFlag::kRegulator},
        {"市场监管", RiskFlag::kRegulator},
        {"工商局", RiskFlag::kRegulator},
        {"投诉到", RiskFlag::kRegulator},
        {"监管部门", RiskFlag::kRegulator},
        {"银保监", RiskFlag::kRegulator},
        {"金融监管", RiskFlag::kRegulator},
        {"质监局", RiskFlag::kRegulator},
        {"regulator", RiskFlag::kRegulator},
        {"cfpb", RiskFlag::kRegulator},
        {"attorney general", RiskFlag::kRegulator},
        {"ftc", RiskFlag::kRegulator},
        {"better business bureau", RiskFlag::kRegulator},
        {"bbb", RiskFlag::kRegulator},
    };
    return kTerms;
}

std::vector<RiskHit> FindRiskTerms(std::string_view normalised) {
    std::vector<RiskHit> hits;
    for (const auto& term : BuiltInRiskLexicon()) {
        if (ContainsTerm(normalised, term.term)) hits.push_back({term.flag, std::string(term.term)});
    }
    return hits;
}

}  // namespace heed::core::triage
