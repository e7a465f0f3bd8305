#include <gtest/gtest.h>

#include "core/common/time.hpp"
#include "core/common/utf8.hpp"
#include "core/complaint/complaint.hpp"

namespace heed::core {
namespace {

TEST(Iso8601, RoundTripsMilliseconds) {
    auto instant = ParseIso8601("2024-05-01T08:30:15.123Z");
    ASSERT_TRUE(instant);
    EXPECT_EQ(FormatIso8601(*instant), "2024-05-01T08:30:15.123Z");
}

TEST(Iso8601, FormatsEveryFieldWithItsZeroesAndInstantsBeforeTheEpoch) {
    EXPECT_EQ(FormatIso8601(Instant{}), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(FormatIso8601(Instant{} - std::chrono::milliseconds(1)), "1969-12-31T23:59:59.999Z");
    EXPECT_EQ(FormatIso8601(*ParseIso8601("0009-02-03T04:05:06.007Z")), "0009-02-03T04:05:06.007Z");
    EXPECT_EQ(FormatIso8601(*ParseIso8601("9999-12-31T23:59:59.999Z")), "9999-12-31T23:59:59.999Z");
    // Past four digits of year the general path writes them all.
    EXPECT_EQ(FormatIso8601(*ParseIso8601("9999-12-31T23:59:59.999Z") + std::chrono::milliseconds(1)),
              "10000-01-01T00:00:00.000Z");
}

TEST(Iso8601, AppliesOffsetsToUtc) {
    auto instant = ParseIso8601("2024-05-01T08:30:00+08:00");
    ASSERT_TRUE(instant);
    EXPECT_EQ(FormatIso8601(*instant), "2024-05-01T00:30:00.000Z");
}

TEST(Iso8601, AcceptsPlainDatesAsMidnightUtc) {
    EXPECT_EQ(FormatIso8601(*ParseIso8601("2019-03-07")), "2019-03-07T00:00:00.000Z");
}

TEST(Iso8601, RejectsImpossibleAndAmbiguousInstants) {
    EXPECT_FALSE(ParseIso8601("2024-02-30"));
    EXPECT_FALSE(ParseIso8601("2024-05-01T25:00:00Z"));
    EXPECT_FALSE(ParseIso8601("2024-05-01T08:00:00"));  // no offset
    EXPECT_FALSE(ParseIso8601("yesterday"));
    EXPECT_FALSE(ParseIso8601("2024-05-01T08:00:00Zjunk"));
}

TEST(ComplaintNumber, IsTsYearMonthAndSixDigits) {
    EXPECT_EQ(complaint::FormatComplaintNumber(202405, 123), "TS202405000123");
    EXPECT_EQ(complaint::FormatComplaintNumber(202405, 1234567), "TS2024051234567");
    EXPECT_EQ(YearMonth(*ParseIso8601("2024-05-31T23:59:59Z")), 202405);
}

TEST(Utf8, AcceptsChineseAndRejectsBrokenSequences) {
    EXPECT_TRUE(IsValidUtf8("物流太慢 refund please"));
    EXPECT_FALSE(IsValidUtf8("\xff\xfe"));
    EXPECT_FALSE(IsValidUtf8("\xe7\x89"));          // truncated
    EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
    EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
}

}  // namespace
}  // namespace heed::core
