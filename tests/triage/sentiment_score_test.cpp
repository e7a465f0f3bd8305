#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "triage/sentiment_score.hpp"

namespace heed::triage {
namespace {

double Score(const std::string& text) { return ReadSentiment(text).score; }

TEST(ReadSentiment, ReadsEnglishWithVadersRules) {
    const double helpful = Score("The agent was helpful");
    EXPECT_GT(helpful, 0.2);
    EXPECT_LT(Score("The agent was not helpful"), 0.0);                          // negated and damped
    EXPECT_NEAR(Score("The agent was not helpful"), -0.74 * helpful, 0.15);      // about −0.74 of it
    EXPECT_GT(Score("The agent was very helpful"), helpful);                     // an intensifier
    EXPECT_LT(Score("The agent was slightly helpful"), helpful);                 // a dampener
    EXPECT_GT(Score("The agent was helpful!!!"), helpful);                       // exclamation marks
    EXPECT_LT(Score("The food was good but the service was terrible"), 0.0);     // after "but" weighs more
    EXPECT_GT(Score("The service was terrible but the food was good"), 0.0);
    auto reading = ReadSentiment("I am furious, the agent didn't help");
    EXPECT_LT(reading.score, -0.3);
    EXPECT_EQ(reading.terms, (std::vector<std::string>{"furious", "not help"}));
}

TEST(ReadSentiment, ReadsChineseWithNegationsDegreesAndBut) {
    const double pleased = Score("对处理结果满意");
    EXPECT_GT(pleased, 0.2);
    EXPECT_LT(Score("对处理结果不满意"), -0.2);  // a word of the list itself
    EXPECT_LT(Score("对处理结果不是很满意"), 0.0);  // negated through a degree word
    EXPECT_GT(Score("对处理结果非常满意"), pleased);
    EXPECT_LT(Score("服务态度特别差"), Score("服务态度差"));  // 特别 intensifies and does not negate
    EXPECT_LT(Score("菜还行，但是送餐太慢了"), 0.0);
    EXPECT_EQ(Score("這家店服務太差了"), Score("这家店服务太差了"));  // Traditional reads as Simplified
    auto reading = ReadSentiment("客服是骗子，垃圾服务，不满意！");
    EXPECT_LT(reading.score, -0.8);
    EXPECT_EQ(reading.terms, (std::vector<std::string>{"骗子", "垃圾", "不满意"}));
}

TEST(ReadSentiment, WordsThatOnlyLookLikeSentimentCountForNothing) {
    for (const char* text : {"快递今天到了", "请尽快处理", "退还差价", "订单号 20240501 查询", "Where is order 12345"}) {
        auto reading = ReadSentiment(text);
        EXPECT_TRUE(reading.terms.empty()) << text << ": " << reading.terms.front();
        EXPECT_EQ(reading.score, 0.0) << text;
    }
}

}  // namespace
}  // namespace heed::triage
