// Normalisation, the risk lexicon, and rules: validation (bad rules refused with the field), matching, cost bounds.

#include <gtest/gtest.h>

#include "core/complaint/pii.hpp"
#include "core/triage/fingerprint.hpp"
#include "core/triage/index_entries.hpp"
#include "core/triage/risk_lexicon.hpp"
#include "core/triage/rule.hpp"
#include "core/triage/text_match.hpp"
#include "support/builders.hpp"
#include "support/std_regex_engine.hpp"

namespace heed::core::triage {
namespace {

using complaint::RiskFlag;

std::vector<RiskFlag> Flags(std::string_view text) {
    std::vector<RiskFlag> flags;
    for (const auto& hit : FindRiskTerms(NormaliseForMatching(text))) flags.push_back(hit.flag);
    return flags;
}

bool Has(const std::vector<RiskFlag>& flags, RiskFlag flag) {
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

TEST(NormaliseForMatching, FoldsFullWidthCaseAndTraditionalForms) {
    EXPECT_EQ(NormaliseForMatching("ＡＢＣ１２３１５"), "abc12315");
    EXPECT_EQ(NormaliseForMatching("Call The LAWYER"), "call the lawyer");
    EXPECT_EQ(NormaliseForMatching("我要投訴到消協，找記者曝光"),
              "我要投诉到消协,找记者曝光");  // the full-width comma too
    EXPECT_EQ(NormaliseForMatching("甲\u3000乙"), "甲 乙");
    EXPECT_EQ(NormaliseForMatching("快递延误"), "快递延误");  // Simplified stays as it is
}

TEST(RiskLexicon, FindsChineseTermsAndTheirFlags) {
    auto flags = Flags("孩子被烫伤了，我已经找了律师准备起诉，还要找媒体曝光，并投诉到12315。");
    EXPECT_TRUE(Has(flags, RiskFlag::kSafety));
    EXPECT_TRUE(Has(flags, RiskFlag::kLegal));
    EXPECT_TRUE(Has(flags, RiskFlag::kMedia));
    EXPECT_TRUE(Has(flags, RiskFlag::kRegulator));
}

TEST(RiskLexicon, MatchesFullWidthAndTraditionalWriting) {
    EXPECT_TRUE(Has(Flags("已經打了１２３１５"), RiskFlag::kRegulator));
    EXPECT_TRUE(Has(Flags("我會去法院起訴你們"), RiskFlag::kLegal));
    EXPECT_TRUE(Has(Flags("電器起火了"), RiskFlag::kSafety));
    EXPECT_TRUE(Has(Flags("I will contact my ATTORNEY"), RiskFlag::kLegal));
}

TEST(RiskLexicon, EnglishTermsMatchWholeWordsOnly) {
    EXPECT_TRUE(Flags("The staff were courteous and the shipment was fired off quickly").empty());
    EXPECT_TRUE(Has(Flags("I will take this to court."), RiskFlag::kLegal));
    EXPECT_TRUE(Has(Flags("the charger caught fire"), RiskFlag::kSafety));
    EXPECT_TRUE(Flags("order 123150 arrived late").empty());  // 12315 inside a longer number is not the hotline
}

TEST(RiskLexicon, OrdinaryComplaintsRaiseNothing) {
    EXPECT_TRUE(Flags("快递延误一周，客服态度也不好，要求退款。").empty());
    EXPECT_TRUE(Flags("My package arrived two weeks late and support never answered.").empty());
}

Rule AValidRule() {
    Rule rule;
    rule.name = "冷链延误";
    rule.when.keywords_any = {"冷链", "变质"};
    rule.then.set = {{"category", "物流配送"}};
    return rule;
}

struct BadRule {
    std::string what;
    std::function<void(Rule&)> spoil;
    std::string field;
};

TEST(ValidateRule, RefusesEachKindOfBadRuleNamingTheField) {
    const BadRule cases[] = {
        {"no name", [](Rule& r) { r.name = " "; }, "name"},
        {"unknown field",
         [](Rule& r) {
             r.then.set = {{"status", "closed"}};
         },
         "then.set.status"},
        {"bad urgency",
         [](Rule& r) {
             r.then.set = {{"urgency", "asap"}};
         },
         "then.set.urgency"},
        {"bad severity",
         [](Rule& r) {
             r.then.set = {{"severity", "9"}};
         },
         "then.set.severity"},
        {"no action", [](Rule& r) { r.then = {}; }, "then"},
        {"no condition", [](Rule& r) { r.when = {}; }, "when"},
        {"bad regex", [](Rule& r) { r.when.regex = "(unclosed"; }, "when.regex"},
        {"bad regex class", [](Rule& r) { r.when.regex = "[z-a]"; }, "when.regex"},
        {"long regex", [](Rule& r) { r.when.regex = std::string(kMaxRegexBytes + 1, 'a'); }, "when.regex"},
        {"severity range", [](Rule& r) { r.when.severity_min = 4, r.when.severity_max = 2; }, "when.severity_max"},
        {"severity bound", [](Rule& r) { r.when.severity_min = 0; }, "when.severity_min"},
        {"empty keyword", [](Rule& r) { r.when.keywords_all = {""}; }, "when.keywords_all"},
        {"invalid utf-8", [](Rule& r) { r.then.add_tags = {"\xff\xfe"}; }, "then.add_tags"},
        {"priority", [](Rule& r) { r.priority = -1; }, "priority"},
    };
    testing::StdRegexEngine engine;
    ASSERT_TRUE(ValidateRule(AValidRule(), &engine));
    for (const auto& c : cases) {
        Rule rule = AValidRule();
        c.spoil(rule);
        auto valid = ValidateRule(rule, &engine);
        ASSERT_FALSE(valid) << c.what;
        EXPECT_EQ(valid.error().code, ErrorCode::kInvalidArgument) << c.what;
        EXPECT_EQ(valid.error().field, c.field) << c.what << ": " << valid.error().message;
        EXPECT_FALSE(valid.error().message.empty());
    }
}

TEST(ValidateRule, RefusesARegexWithoutAnEngine) {
    Rule rule = AValidRule();
    rule.when.regex = "退款";
    auto valid = ValidateRule(rule, nullptr);
    ASSERT_FALSE(valid);
    EXPECT_EQ(valid.error().field, "when.regex");
}

bool Matches(const Rule& rule, const complaint::Complaint& c) {
    static const testing::StdRegexEngine engine;
    return RuleMatches(CompileRule(rule, &engine), c, NormaliseForMatching(c.subject + "\n" + c.description));
}

TEST(RuleMatches, NeedsEveryConditionToHold) {
    auto c = testing::AComplaint("冷鏈生鮮變質", "收到的牛排已经变质，冷链箱没有冰袋。");
    c.customer.tier = complaint::CustomerTier::kVip;
    c.classification.severity = 3;
    Rule rule = AValidRule();
    EXPECT_TRUE(Matches(rule, c));  // Traditional 冷鏈 in the subject matches the keyword 冷链 too
    rule.when.tiers = {complaint::CustomerTier::kVip};
    rule.when.channels = {complaint::Channel::kWeb, complaint::Channel::kApp};
    rule.when.severity_min = 3;
    EXPECT_TRUE(Matches(rule, c));
    rule.when.severity_max = 2;
    EXPECT_FALSE(Matches(rule, c));
    rule.when.severity_max.reset();
    rule.when.keywords_all = {"牛排", "冰袋"};
    EXPECT_TRUE(Matches(rule, c));
    rule.when.keywords_all.push_back("羊肉");
    EXPECT_FALSE(Matches(rule, c));
    rule.when.keywords_all.clear();
    rule.when.categories = {"产品质量"};
    EXPECT_FALSE(Matches(rule, c));  // its category is 物流配送
    rule.when.categories = {"物流配送"};
    rule.when.regex = "冷链箱.{0,12}冰袋";
    EXPECT_TRUE(Matches(rule, c));
    rule.when.regex = "^退款";
    EXPECT_FALSE(Matches(rule, c));
}

TEST(RuleMatches, RegexIsCaseInsensitiveOverNormalisedText) {
    auto c = testing::AComplaint("ＣＨＡＲＧＥＢＡＣＫ denied", "Bank refused my chargeback twice.");
    Rule rule = AValidRule();
    rule.when.keywords_any.clear();
    rule.when.regex = "CHARGEBACK (denied|refused)";
    EXPECT_TRUE(Matches(rule, c));
}

TEST(SimHash, IgnoresSpacingPunctuationAndWidthButSeparatesDifferentTexts) {
    auto a = SimHash(NormaliseForMatching("快递一周未送达，物流信息三天没有更新，客服电话一直打不通，要求退款。"));
    auto b = SimHash(NormaliseForMatching("快递一周未送达 物流信息三天没有更新 客服电话一直打不通 要求退款！"));
    auto c = SimHash(NormaliseForMatching("空调安装后漏水严重，师傅上门两次都没有修好，要求更换新机或者退货。"));
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(HammingDistance(*a, *b), 0);
    EXPECT_GT(HammingDistance(*a, *c), kNearDuplicateBits);
    EXPECT_FALSE(SimHash("退款"));  // too short to fingerprint
}

// Fingerprints are stored: a new version must give every text the fingerprint earlier versions gave it, or near
// duplicates across an upgrade would no longer be found. The values were computed by the per-bit vote of the first
// version, on short and long texts (more than 255 distinct shingles, and past the 3 000 characters that count).
TEST(SimHash, GivesTheFingerprintsEarlierVersionsStored) {
    std::string long_english, long_chinese;
    for (int i = 0; i < 120; ++i) long_english += "Account " + std::to_string(i * 7919 % 1000) + " was reported late; ";
    for (int i = 0; i < 400; ++i) long_chinese += std::string("物流信息") + std::to_string(i) + "天没有更新，客服";
    const std::vector<std::pair<std::string, std::uint64_t>> cases{
        {"快递一周未送达，物流信息三天没有更新，客服电话一直打不通，要求退款。", 502186696512660537ULL},
        {"The courier left my parcel in the rain and it arrived soaked; I want a refund.", 8722209306317534175ULL},
        {long_english, 3575946571573094231ULL},
        {long_chinese, 11848111580167419446ULL},
    };
    for (const auto& [text, expected] : cases) {
        auto hash = SimHash(NormaliseForMatching(text));
        ASSERT_TRUE(hash) << text.substr(0, 40);
        EXPECT_EQ(*hash, expected) << text.substr(0, 40);
    }
}

TEST(SimHash, NearDuplicatesShareABand) {
    // The same form letter sent twice with small edits (a year, a word, the case of one letter).
    std::string letter =
        " a letter regarding inaccurate and unknown things on my credit report, to this day over 60 days later I have "
        "not received a response yet. I feel that my rights under the FCRA are being violated and I request that the "
        "items be removed from my report immediately. The bureau has not investigated the accounts I listed, has not "
        "sent me the method of verification, and keeps reporting a balance I do not owe. Please delete the accounts "
        "and send me an updated copy of my credit report.";
    auto a = SimHash(NormaliseForMatching("On XX/XX/2020 I sent" + letter));
    auto b = SimHash(NormaliseForMatching("On XX/XX/2021 sent" + letter));
    ASSERT_TRUE(a && b);
    EXPECT_LE(HammingDistance(*a, *b), kNearDuplicateBits);
    auto bands_a = FingerprintBands(*a), bands_b = FingerprintBands(*b);
    bool shared = false;
    for (int i = 0; i < kFingerprintBands; ++i) shared = shared || bands_a[i] == bands_b[i];
    EXPECT_TRUE(shared);
}

// The fingerprint of a complaint's text is remembered per thread for the next call with the same text; each call
// must still answer for the text it is given, whatever came before.
TEST(TextFingerprint, AnswersForTheTextGivenAfterOtherTexts) {
    auto first = testing::AComplaint("s", "快递一周未送达，物流信息三天没有更新，客服电话一直打不通，要求退款。");
    auto second = testing::AComplaint("s", "空调安装后漏水严重，师傅上门两次都没有修好，要求更换新机或者退货。");
    auto tiny = testing::AComplaint("s", "退款");
    auto erased = testing::AComplaint("s", std::string(complaint::kErasedText));
    for (int round = 0; round < 2; ++round) {
        for (const auto* c : {&first, &first, &second, &tiny, &first, &erased, &second, &second}) {
            auto expected = c->description == complaint::kErasedText
                                ? std::nullopt
                                : SimHash(NormaliseForMatching(c->description));
            EXPECT_EQ(TextFingerprint(*c), expected) << c->description;
            EXPECT_EQ(IndexEntriesFor(*c).simhash, expected) << c->description;
        }
    }
    ASSERT_TRUE(TextFingerprint(first));
    EXPECT_NE(TextFingerprint(first), TextFingerprint(second));
}

}  // namespace
}  // namespace heed::core::triage
