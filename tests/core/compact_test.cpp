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

TEST(ShortString, UpToFifteenBytesInlineLongerOnesStillWhole) {
    static_assert(sizeof(ShortString) == 16);
    ShortString number("TS202405000123");
    EXPECT_EQ(number.view(), "TS202405000123");
    EXPECT_EQ(number.str(), "TS202405000123");
    ShortString fifteen("TS2024051234567");
    EXPECT_EQ(fifteen.view(), "TS2024051234567");
    std::string longer = "TS20240512345678-and-more";
    ShortString big(longer);
    EXPECT_EQ(big.view(), longer);
    ShortString copy = big;
    EXPECT_EQ(copy, big);
    EXPECT_FALSE(copy == number);
    big = "TS1";
    EXPECT_EQ(big.view(), "TS1");
    EXPECT_TRUE(ShortString().empty());
    EXPECT_EQ(ShortString("").view(), "");
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

TEST(PackedArray, KeepsItsValuesInOrderThroughCopiesAndMoves) {
    static_assert(sizeof(PackedArray<Instant>) == 8);
    PackedArray<Instant> empty;
    EXPECT_TRUE(empty.empty());
    EXPECT_EQ(empty.size(), 0U);
    EXPECT_EQ(empty.begin(), empty.end());
    EXPECT_EQ(PackedArray<Instant>(std::vector<Instant>{}), empty);

    std::vector<Instant> values{FromMillis(1), FromMillis(-5), FromMillis(1'700'000'000'000)};
    PackedArray<Instant> packed(values);
    EXPECT_EQ(std::vector<Instant>(packed.begin(), packed.end()), values);
    PackedArray<Instant> copy = packed;
    EXPECT_EQ(copy, packed);
    EXPECT_NE(copy.begin(), packed.begin());  // a copy of its own
    PackedArray<Instant> moved = std::move(copy);
    EXPECT_EQ(moved.size(), 3U);
    EXPECT_EQ(moved[2], FromMillis(1'700'000'000'000));
    moved = PackedArray<Instant>{FromMillis(7)};
    EXPECT_EQ(moved.size(), 1U);
    EXPECT_FALSE(moved == packed);
    moved = empty;
    EXPECT_TRUE(moved.empty());
}

}  // namespace
}  // namespace heed::core
