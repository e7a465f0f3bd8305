// The compact value types of rows kept by the million (core/common/compact.hpp): they hold what the standard types
// they replace hold.
#include "core/common/compact.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace heed::core {
namespace {

TEST(Interned, EqualValuesShareOneEntryAndTheValueStaysReadable) {
    std::size_t before = Interned::PoolSize();
    Interned a("物流配送"), b(std::string("物流配送")), c("产品质量-interned-test");
    EXPECT_EQ(a, b);
    EXPECT_FALSE(a == c);
    EXPECT_EQ(a.str(), "物流配送");
    EXPECT_EQ(static_cast<const std::string&>(c), "产品质量-interned-test");
    EXPECT_EQ(a, "物流配送");
    EXPECT_TRUE(Interned().empty());
    EXPECT_TRUE(Interned("").empty());
    EXPECT_EQ(Interned(""), Interned());
    EXPECT_LE(Interned::PoolSize(), before + 2);
    a = "产品质量-interned-test";
    EXPECT_EQ(a, c);
    static_assert(sizeof(Interned) == 4);
}

TEST(Interned, ManyThreadsInterningTheSameValuesAgreeAcrossChunks) {
    // Enough distinct values to fill more than one chunk of the pool (4 096), interned by four threads at once.
    constexpr int kValues = 10000;
    std::vector<std::vector<Interned>> seen(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < seen.size(); ++t) {
        threads.emplace_back([&seen, t] {
            for (int i = 0; i < kValues; ++i) {
                int v = (t % 2 == 0) ? i : kValues - 1 - i;
                seen[t].emplace_back("cluster-test-" + std::to_string(v));
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (int i = 0; i < kValues; ++i) {
        const Interned& first = seen[0][static_cast<std::size_t>(i)];
        EXPECT_EQ(first.str(), "cluster-test-" + std::to_string(i));
        EXPECT_EQ(seen[1][static_cast<std::size_t>(kValues - 1 - i)], first);
        EXPECT_EQ(seen[2][static_cast<std::size_t>(i)], first);
    }
}

TEST(CompactNumber, HoldsAComplaintNumberInEightBytesAndAnyOtherTextWhole) {
    static_assert(sizeof(CompactNumber) == 8);
    std::size_t pool = Interned::PoolSize();
    CompactNumber number("TS202405000123");
    EXPECT_EQ(number.str(), "TS202405000123");
    EXPECT_EQ(number, "TS202405000123");
    EXPECT_EQ(number, CompactNumber(std::string("TS202405000123")));
    EXPECT_FALSE(number == CompactNumber("TS202405000124"));
    CompactNumber wide("TS2024051234567");  // a month past 999 999 widens the sequence
    EXPECT_EQ(wide.str(), "TS2024051234567");
    EXPECT_EQ(CompactNumber("TS999999999999999999").str(), "TS999999999999999999");  // 18 digits: the most held
    EXPECT_EQ(Interned::PoolSize(), pool);  // numbers of that shape take no pool entry
    // Anything else keeps its text: a leading zero, 19 digits, another prefix, letters, "TS" alone.
    for (std::string text : {"TS0123", "TS1234567890123456789", "AB202405000123", "TS2024-05", "TS", "ts123",
                             "TS20240512345678-and-more", "客诉-7"}) {
        CompactNumber held(text);
        EXPECT_EQ(held.str(), text);
        EXPECT_EQ(held, text);
    }
    EXPECT_FALSE(CompactNumber("TS0123") == CompactNumber("TS123"));
    CompactNumber copy = number;
    EXPECT_EQ(copy, number);
    copy = "TS1";
    EXPECT_EQ(copy.str(), "TS1");
    EXPECT_TRUE(CompactNumber().empty());
    EXPECT_TRUE(CompactNumber("").empty());
    EXPECT_EQ(CompactNumber("").str(), "");
}

TEST(OptionalInstant, HoldsWhatAnOptionalInstantHolds) {
    static_assert(sizeof(OptionalInstant) == 8);
    OptionalInstant none;
    EXPECT_FALSE(none);
    EXPECT_EQ(none, std::nullopt);
    EXPECT_EQ(static_cast<std::optional<Instant>>(none), std::nullopt);
    Instant at = *ParseIso8601("2024-05-01T08:30:00.123Z");
    OptionalInstant some = at;
    ASSERT_TRUE(some);
    EXPECT_EQ(*some, at);
    EXPECT_EQ(some, std::optional<Instant>(at));
    EXPECT_EQ(some.value_or(Instant{}), at);
    EXPECT_EQ(OptionalInstant(Instant{}), std::optional<Instant>(Instant{}));  // the epoch is a value, not "none"
    some.reset();
    EXPECT_FALSE(some.has_value());
    EXPECT_EQ(none.value_or(at), at);
}

TEST(OptionalFloat, HoldsWhatAnOptionalFloatHolds) {
    static_assert(sizeof(OptionalFloat) == 4);
    OptionalFloat none;
    EXPECT_FALSE(none);
    EXPECT_EQ(none, std::nullopt);
    EXPECT_EQ(none, OptionalFloat());
    EXPECT_EQ(none.value_or(2.5F), 2.5F);
    OptionalFloat zero = 0.0F;  // zero is a value, not "none"
    ASSERT_TRUE(zero);
    EXPECT_EQ(*zero, 0.0F);
    OptionalFloat negative = -0.75F;
    EXPECT_EQ(*negative, -0.75F);
    EXPECT_FALSE(negative == zero);
    EXPECT_FALSE(negative == none);
    negative.reset();
    EXPECT_EQ(negative, none);
}

TEST(PackedArrays, KeepBothArraysInOrderThroughCopiesAndMoves) {
    struct Pair {
        Instant from, to;
        bool operator==(const Pair&) const = default;
    };
    using Lists = PackedArrays<Pair, Instant>;
    static_assert(sizeof(Lists) == 8);
    Lists empty;
    EXPECT_TRUE(empty.empty());
    EXPECT_TRUE(empty.first().empty());
    EXPECT_TRUE(empty.second().empty());
    EXPECT_EQ(Lists(std::vector<Pair>{}, std::vector<Instant>{}), empty);
    EXPECT_TRUE(Lists(std::vector<Pair>{}, std::vector<Instant>{}).empty());  // nothing allocated

    std::vector<Pair> pairs{{FromMillis(1), FromMillis(2)}, {FromMillis(-5), FromMillis(9)}};
    std::vector<Instant> instants{FromMillis(1), FromMillis(-5), FromMillis(1'700'000'000'000)};
    Lists both(pairs, instants);
    EXPECT_EQ(std::vector<Pair>(both.first().begin(), both.first().end()), pairs);
    EXPECT_EQ(std::vector<Instant>(both.second().begin(), both.second().end()), instants);
    Lists copy = both;
    EXPECT_EQ(copy, both);
    EXPECT_NE(copy.first().data(), both.first().data());  // a copy of its own
    Lists moved = std::move(copy);
    EXPECT_EQ(moved.second().size(), 3U);
    EXPECT_EQ(moved.second()[2], FromMillis(1'700'000'000'000));

    Lists only_second({}, std::vector<Instant>{FromMillis(7)});
    EXPECT_TRUE(only_second.first().empty());
    ASSERT_EQ(only_second.second().size(), 1U);
    EXPECT_EQ(only_second.second()[0], FromMillis(7));
    EXPECT_FALSE(only_second == both);
    Lists only_first(std::vector<Pair>{pairs[1]}, {});
    ASSERT_EQ(only_first.first().size(), 1U);
    EXPECT_EQ(only_first.first()[0], pairs[1]);
    EXPECT_TRUE(only_first.second().empty());
    moved = empty;
    EXPECT_TRUE(moved.empty());
}

}  // namespace
}  // namespace heed::core
