#include <gtest/gtest.h>

#include "core/services/login_throttle.hpp"

namespace heed::core::services {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const Instant kStart = *ParseIso8601("2024-05-10T02:00:00Z");

TEST(LoginThrottleTest, LocksAKeyAfterTooManyFailuresWithinTheWindow) {
    LoginThrottle throttle({3, minutes(15)});
    Instant t = kStart;
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(throttle.Blocked("default/sam", t));
        throttle.Failed("default/sam", t);
        t += seconds(10);
    }
    auto wait = throttle.Blocked("default/sam", t);
    ASSERT_TRUE(wait);
    // Locked until 15 minutes after the first of the three failures (which was 30 s ago).
    EXPECT_EQ(*wait, minutes(15) - seconds(30));
    EXPECT_FALSE(throttle.Blocked("default/other", t)) << "other keys are not affected";
    EXPECT_TRUE(throttle.Blocked("default/sam", kStart + minutes(15) - seconds(1)));
    EXPECT_FALSE(throttle.Blocked("default/sam", kStart + minutes(15)));
}

TEST(LoginThrottleTest, FailuresOutsideTheWindowDoNotCount) {
    LoginThrottle throttle({3, minutes(15)});
    throttle.Failed("k", kStart);
    throttle.Failed("k", kStart + minutes(2));
    throttle.Failed("k", kStart + minutes(16));  // the first has expired by now
    EXPECT_FALSE(throttle.Blocked("k", kStart + minutes(16)));
    throttle.Failed("k", kStart + minutes(16));
    EXPECT_TRUE(throttle.Blocked("k", kStart + minutes(16)));
}

TEST(LoginThrottleTest, ASuccessClearsTheKey) {
    LoginThrottle throttle({2, minutes(15)});
    throttle.Failed("k", kStart);
    throttle.Succeeded("k");
    throttle.Failed("k", kStart);
    EXPECT_FALSE(throttle.Blocked("k", kStart));
}

}  // namespace
}  // namespace heed::core::services
