#pragma once
// Sorting a text's feature keys (bucket number and block, at most 26 bits). A long text has several hundred keys:
// a least-significant-digit radix sort (three passes of at most 11 bits; 8 for the usual 22-bit keys, so that
// the counters stay few) takes a quarter of the time std::sort does there (BENCHMARKS.md, "Text models"). The order is std::sort's, so the features are the same.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace heed::triage {

// Sorts `keys`, each below 2^key_bits (key_bits ≤ 33).
inline void SortKeys(std::vector<std::uint64_t>& keys, int key_bits) {
    constexpr std::size_t kRadixFrom = 256;  // below it the counters cost more than std::sort
    if (keys.size() < kRadixFrom) {
        std::sort(keys.begin(), keys.end());
        return;
    }
    thread_local std::vector<std::uint64_t> scratch;
    scratch.resize(keys.size());
    constexpr int passes = 3;
    const int digit = std::max(1, (key_bits + passes - 1) / passes);
    const std::uint64_t mask = (std::uint64_t{1} << digit) - 1;
    std::uint32_t count[3][std::size_t{1} << 11];
    for (int pass = 0; pass < passes; ++pass) std::fill_n(count[pass], mask + 1, 0u);
    for (std::uint64_t key : keys)
        for (int pass = 0; pass < passes; ++pass) ++count[pass][(key >> (pass * digit)) & mask];
    for (int pass = 0; pass < passes; ++pass) {
        if (count[pass][keys[0] >> (pass * digit) & mask] == keys.size()) continue;  // one digit for all: nothing to do
        std::uint32_t sum = 0;
        for (std::uint64_t d = 0; d <= mask; ++d) sum += std::exchange(count[pass][d], sum);
        for (std::uint64_t key : keys) scratch[count[pass][(key >> (pass * digit)) & mask]++] = key;
        keys.swap(scratch);
    }
}

}  // namespace heed::triage
