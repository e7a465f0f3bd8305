#include <gtest/gtest.h>

#include <chrono>

#include "core/triage/rule.hpp"
#include "patterns/re2_pattern_engine.hpp"

namespace heed::patterns {
namespace {

TEST(Re2PatternEngine, MatchesCaseInsensitivelyInUtf8) {
    Re2PatternEngine engine;
    auto pattern = engine.Compile("退款.{0,10}没到账|CHARGEBACK");
    ASSERT_TRUE(pattern);
    EXPECT_TRUE((*pattern)->Search("申请退款十天了还没到账"));
    EXPECT_TRUE((*pattern)->Search("my chargeback was denied"));
    EXPECT_FALSE((*pattern)->Search("快递延误"));
    // `.` is one character, not one byte: 十天了还 is four characters.
    EXPECT_TRUE((*engine.Compile("退款.{4}没"))->Search("退款十天了还没到账"));
}

TEST(Re2PatternEngine, RefusesWhatItCannotRunInLinearTimeWithTheReason) {
    Re2PatternEngine engine;
    for (const char* bad : {"(退款)\\1", "(unclosed", "[z-a]", "a{1,5000}"}) {
        auto compiled = engine.Compile(bad);
        ASSERT_FALSE(compiled) << bad;
        EXPECT_EQ(compiled.error().code, core::ErrorCode::kInvalidArgument);
        EXPECT_FALSE(compiled.error().message.empty());
    }
}

TEST(Re2PatternEngine, PathologicalBacktrackingPatternsStayCheap) {
    Re2PatternEngine engine;
    std::string text(20000, 'a');
    for (const char* pattern : {"(a+)+b", "(a|aa)*c", "a*a*a*a*b", ".*x.*y"}) {
        auto compiled = engine.Compile(pattern);
        ASSERT_TRUE(compiled) << pattern;
        auto start = std::chrono::steady_clock::now();
        EXPECT_FALSE((*compiled)->Search(text));
        // A hang guard, not a benchmark: a backtracking engine needs longer than the universe's age here.
        EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << pattern;
    }
}

TEST(Re2PatternEngine, ValidatesRulesWhenTheyAreSaved) {
    Re2PatternEngine engine;
    core::triage::Rule rule;
    rule.name = "重复退款";
    rule.when.regex = "(退款)\\1";
    rule.then.add_tags = {"退款"};
    auto valid = core::triage::ValidateRule(rule, &engine);
    ASSERT_FALSE(valid);
    EXPECT_EQ(valid.error().field, "when.regex");
    rule.when.regex = "(退款)+";
    EXPECT_TRUE(core::triage::ValidateRule(rule, &engine));
}

}  // namespace
}  // namespace heed::patterns
