#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <set>

#include "triage/ascii_scan.hpp"
#include "triage/normalizer.hpp"
#include "triage/sentiment_lexicon.hpp"
#include "triage/tokenizer.hpp"

namespace heed::triage {
namespace {

TEST(NormalizeForAnalysis, FoldsCaseAndFullWidthForms) {
    EXPECT_EQ(NormalizeForAnalysis("ＡＢＣ　Ｄｅｆ！"), "abc def!");
    EXPECT_EQ(NormalizeForAnalysis("Straße HELLO"), "strasse hello");
    EXPECT_EQ(NormalizeForAnalysis("Ⅻ ﬁle"), "xii file");
}

TEST(NormalizeForAnalysis, MapsTraditionalToSimplified) {
    EXPECT_EQ(NormalizeForAnalysis("這個產品質量太差了，我要投訴"), "这个产品质量太差了,我要投诉");
    EXPECT_EQ(NormalizeForAnalysis("服務態度"), "服务态度");
    EXPECT_EQ(ToSimplified(U'後'), U'后');
    EXPECT_EQ(ToSimplified(U'a'), U'a');
}

TEST(NormalizeForAnalysis, LeavesInvalidUtf8AsReplacementCharacters) {
    std::string text = "ok \xFF\xFE end";
    auto normalised = NormalizeForAnalysis(text);
    EXPECT_NE(normalised.find("\xEF\xBF\xBD"), std::string::npos);
    EXPECT_EQ(normalised.substr(0, 3), "ok ");
}

TEST(MaskDetails, MasksPhoneNumbers) {
    EXPECT_EQ(NormalizeForAnalysis("请拨打13812345678联系我"), "请拨打<phone>联系我");
    EXPECT_EQ(NormalizeForAnalysis("call (555) 123-4567 today"), "call <phone> today");
    EXPECT_EQ(NormalizeForAnalysis("tel 010-62345678"), "tel <phone>");
    EXPECT_EQ(NormalizeForAnalysis("+86 138 1234 5678"), "<phone>");
    EXPECT_EQ(NormalizeForAnalysis("电话：１３８１２３４５６７８"), "电话:<phone>");
}

TEST(MaskDetails, MasksIdNumbersAndEmails) {
    EXPECT_EQ(NormalizeForAnalysis("身份证11010519491231002X"), "身份证<id>");
    EXPECT_EQ(NormalizeForAnalysis("account 123456789012"), "account <id>");
    EXPECT_EQ(NormalizeForAnalysis("mail Jane.Doe+x@Example.co.uk now"), "mail <email> now");
    EXPECT_EQ(NormalizeForAnalysis("a@b is no address"), "a@b is no address");
}

TEST(MaskDetails, MasksAmounts) {
    EXPECT_EQ(NormalizeForAnalysis("charged {$1,250.00} twice"), "charged {$<amount>} twice");
    EXPECT_EQ(NormalizeForAnalysis("退款200元"), "退款<amount>元");
    EXPECT_EQ(NormalizeForAnalysis("￥99 too much"), "¥<amount> too much");
    EXPECT_EQ(NormalizeForAnalysis("paid 40 dollars"), "paid <amount> dollars");
}

TEST(MaskDetails, MasksCfpbRedactions) {
    EXPECT_EQ(NormalizeForAnalysis("On XX/XX/XXXX XXXX XXXX called"), "on <date> <redacted> <redacted> called");
    EXPECT_EQ(NormalizeForAnalysis("since XX/XX/2019"), "since <date>");
    EXPECT_EQ(NormalizeForAnalysis("Xbox x ray"), "xbox x ray");
}

TEST(MaskDetails, KeepsSmallNumbersDatesAndWords) {
    EXPECT_EQ(NormalizeForAnalysis("waited 3 days, 2nd time, room 1203"), "waited 3 days, 2nd time, room 1203");
    EXPECT_EQ(NormalizeForAnalysis("on 2019-03-15"), "on 2019-03-15");
    EXPECT_EQ(NormalizeForAnalysis("model a1234567890"), "model a1234567890");
}

TEST(Tokenize, TraditionalAndSimplifiedGiveTheSameTokens) {
    auto traditional = Tokenize(NormalizeForAnalysis("酒店服務態度很差，房間髒亂，退款遲遲不來！"));
    auto simplified = Tokenize(NormalizeForAnalysis("酒店服务态度很差，房间脏乱，退款迟迟不来！"));
    EXPECT_FALSE(traditional.empty());
    EXPECT_EQ(traditional, simplified);
}

TEST(Tokenize, CutsChineseIntoCharactersWithBigramsAndTrigrams) {
    auto tokens = Tokenize(NormalizeForAnalysis("太慢了"));
    std::vector<std::string> expected{"太", "慢", "太 慢", "了", "慢 了", "太 慢 了"};
    EXPECT_EQ(tokens, expected);
}

TEST(Tokenize, CutsEnglishIntoWordsAndPairsNotAcrossPunctuation) {
    auto tokens = Tokenize(NormalizeForAnalysis("Don't charge me. Call 13812345678!"), {.subwords = false});
    std::vector<std::string> expected{"don't", "charge", "don't charge", "me", "charge me", "call", "<phone>",
                                      "call <phone>", "!", "<phone> !"};
    EXPECT_EQ(tokens, expected);
}

// ASCII white space (tab to carriage return, space) does not separate a pair; other control characters and
// punctuation do; an apostrophe stays inside a word only between letters.
TEST(Tokenize, SeparatesPairsAtPunctuationAndControlsNotAtWhiteSpace) {
    TokenizerOptions options{.subwords = false};
    auto has = [](const std::vector<std::string>& tokens, const std::string& token) {
        return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
    };
    auto white = Tokenize(NormalizeForAnalysis("late\tparcel\r\nagain\vnow\fthen"), options);
    EXPECT_TRUE(has(white, "late parcel"));
    EXPECT_TRUE(has(white, "parcel again"));
    EXPECT_TRUE(has(white, "again now"));
    EXPECT_TRUE(has(white, "now then"));
    auto control = Tokenize(std::string("late\x1f" "parcel;again"), options);
    EXPECT_TRUE(has(control, "late"));
    EXPECT_TRUE(has(control, "parcel"));
    EXPECT_FALSE(has(control, "late parcel"));
    EXPECT_FALSE(has(control, "parcel again"));
    auto apostrophes = Tokenize(NormalizeForAnalysis("it's the customers' fault 'really'"), options);
    std::vector<std::string> expected{"it's", "the", "it's the", "customers", "the customers", "fault", "really"};
    EXPECT_EQ(apostrophes, expected);
}

// The 16-bytes-at-a-time scan ends a run where the byte-by-byte one does, at every offset and length, on ASCII
// letters, digits, '_', upper case and bytes of 0x80 or more.
TEST(AsciiScan, EndsARunWhereTheBytesSay) {
    std::mt19937 random(3);
    const std::string alphabet = "abcxyz0189_ABZ .'<@\x80\xC3\xFF";
    for (int round = 0; round < 2000; ++round) {
        std::string text(static_cast<std::size_t>(random() % 70), ' ');
        for (auto& c : text) c = random() % 4 == 0 ? alphabet[random() % alphabet.size()] : static_cast<char>('a' + random() % 26);
        std::size_t from = text.empty() ? 0 : random() % (text.size() + 1);
        auto slow = [&](AsciiRun kind) {
            std::size_t i = from;
            while (i < text.size() && InRun(kind, static_cast<unsigned char>(text[i]))) ++i;
            return i - from;
        };
        ASSERT_EQ((RunLength<AsciiRun::kLowerAlnum>(text.data(), from, text.size())), slow(AsciiRun::kLowerAlnum)) << text;
        ASSERT_EQ((RunLength<AsciiRun::kWord>(text.data(), from, text.size())), slow(AsciiRun::kWord)) << text;
    }
    EXPECT_EQ(RunLength<AsciiRun::kLowerAlnum>("abcdefghijklmnopqrstuvwxyz0123456789Z", 0, 37), 36u);
    EXPECT_EQ(RunLength<AsciiRun::kWord>("abcdefghijklmnopqrstuvwxyz0123456789Z_\xC3", 0, 39), 38u);
}

TEST(Tokenize, HandlesMixedText) {
    auto tokens = Tokenize(NormalizeForAnalysis("iPhone屏幕坏了"), {.pairs = true, .cjk_trigrams = false});
    EXPECT_NE(std::find(tokens.begin(), tokens.end(), "iphone"), tokens.end());
    EXPECT_NE(std::find(tokens.begin(), tokens.end(), "iphone 屏"), tokens.end());
    EXPECT_NE(std::find(tokens.begin(), tokens.end(), "坏 了"), tokens.end());
}

TEST(Tokenize, GivesCharacterNgramsOfWordsButNotOfShortWordsChineseOrMasks) {
    auto tokens = Tokenize(NormalizeForAnalysis("Slow car 慢 13812345678"), {.pairs = false, .cjk_trigrams = false});
    std::vector<std::string> expected{"slow", "<slo", "<slow", "slow", "slow>", "low>", "car", "慢", "<phone>"};
    EXPECT_EQ(tokens, expected);
}

TEST(Tokenize, GivesSubwordsToTheFirstTwentyFourWordsOnly) {
    std::string text;
    for (int i = 0; i < 30; ++i) text += "word" + std::to_string(i % 10) + " ";
    auto tokens = Tokenize(NormalizeForAnalysis(text), {.pairs = false, .cjk_trigrams = false});
    // 30 words; "word0" gives <wor <word word word0 ord0 ord0> rd0> (7 subwords of 4 and 5 characters).
    EXPECT_EQ(tokens.size(), 30u + 24u * 7u);
}

TEST(Tokenize, AMisspelledWordSharesMostSubwordsWithTheWord) {
    auto subwords = [](std::string_view word) {
        auto tokens = Tokenize(word, {.pairs = false, .cjk_trigrams = false});
        return std::set<std::string>(tokens.begin() + 1, tokens.end());
    };
    auto right = subwords("delayed"), wrong = subwords("delayd");
    std::vector<std::string> shared;
    std::set_intersection(right.begin(), right.end(), wrong.begin(), wrong.end(), std::back_inserter(shared));
    EXPECT_EQ(shared.size(), 5u);  // <del <dela dela delay elay
    EXPECT_EQ(right.size(), 11u);
}

TEST(HashTokens, MatchesTheHashOfEachTokenString) {
    std::string normalised = NormalizeForAnalysis("物流太慢 very slow!");
    auto tokens = Tokenize(normalised, {.subwords = false});
    std::vector<Unit> units;
    std::vector<std::uint64_t> hashes;
    HashTokens(normalised, {.subwords = false}, units, hashes);
    ASSERT_EQ(hashes.size(), tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) EXPECT_EQ(hashes[i], HashToken(tokens[i])) << tokens[i];
}

TEST(SentimentLexicon, KnowsVadersWordsAndNegations) {
    EXPECT_FLOAT_EQ(LookUpSentiment("great").valence, 3.1f);
    EXPECT_FLOAT_EQ(LookUpSentiment("horrible").valence, -2.5f);
    EXPECT_FLOAT_EQ(LookUpSentiment("ok").valence, 1.2f);  // listed twice in VADER's file: the last value, as VADER
    EXPECT_EQ(LookUpSentiment("flight").valence, 0.0f);
    EXPECT_EQ(LookUpSentiment("").valence, 0.0f);
    EXPECT_FALSE(LookUpSentiment("great").negation);
    for (const char* word : {"not", "never", "without", "don't", "wasn't", "doesn\u2019t", "cant"}) {
        EXPECT_TRUE(LookUpSentiment(word).negation) << word;
    }
    EXPECT_FALSE(LookUpSentiment("note").negation);
}

// Each lexicon word gives its polarity and strength (|valence| under 1.5, under 2.5, above), marked when one of the
// three words before it negates; Chinese text and unknown words give none.
TEST(Tokenize, GivesLexiconTokensForSentimentWordsWithNegation) {
    auto lexicon_tokens = [](std::string_view text) {
        std::vector<std::string> out;
        for (auto& token : Tokenize(NormalizeForAnalysis(text), {.subwords = false, .lexicon = true})) {
            if (token.starts_with("lex:")) out.push_back(token);
        }
        return out;
    };
    EXPECT_EQ(lexicon_tokens("Great crew, horrible delay"), (std::vector<std::string>{"lex:+3", "lex:-3", "lex:-1"}));  // 3.1, -2.5, -1.3
    EXPECT_EQ(lexicon_tokens("the food was not really good at all. good"),
              (std::vector<std::string>{"lex:not+2", "lex:+2"}));  // "good" 1.9; the second is four words on
    EXPECT_EQ(lexicon_tokens("I don't hate it"), (std::vector<std::string>{"lex:not-3"}));
    EXPECT_TRUE(lexicon_tokens("服务很好 flight 123").empty());
    EXPECT_TRUE(Tokenize(NormalizeForAnalysis("great"), {.subwords = false}) == std::vector<std::string>{"great"});
    // The hashes follow the strings.
    std::string normalised = NormalizeForAnalysis("not a great flight");
    auto tokens = Tokenize(normalised, {.subwords = false, .lexicon = true});
    std::vector<Unit> units;
    std::vector<std::uint64_t> words, subwords, lexicon;
    HashTokens(normalised, {.subwords = false, .lexicon = true}, units, words, subwords, lexicon);
    EXPECT_EQ(words.size() + lexicon.size(), tokens.size());
    EXPECT_EQ(lexicon.size(), 1u);
}

}  // namespace
}  // namespace heed::triage
