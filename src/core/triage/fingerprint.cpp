#include "core/triage/fingerprint.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/triage/text_match.hpp"

namespace heed::core::triage {
namespace {

bool Keep(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    // Drop CJK and general punctuation, full-width punctuation left after normalisation, and spaces.
    if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) ||
        (c >= 0xFF00 && c <= 0xFF65)) {
        return false;
    }
    return true;
}

std::uint64_t Mix(std::uint64_t x) {  // splitmix64 finaliser: spreads FNV's weak low bits over all 64
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// kSpread[b] has byte k equal to bit k of b.
constexpr std::array<std::uint64_t, 256> kSpread = [] {
    std::array<std::uint64_t, 256> table{};
    for (std::uint64_t b = 0; b < 256; ++b) {
        for (int k = 0; k < 8; ++k) table[b] |= ((b >> k) & 1) << (8 * k);
    }
    return table;
}();

}  // namespace

std::optional<std::uint64_t> SimHash(std::string_view normalised_text) {
    std::vector<char32_t> points;
    for (char32_t c : CodePoints(normalised_text)) {
        if (Keep(c)) points.push_back(c);
        if (points.size() == kMaxFingerprintChars) break;
    }
    if (points.size() < kMinFingerprintChars) return std::nullopt;
    // Each distinct shingle votes once: repeated material (the XXXX of redacted narratives, a signature) must not
    // outvote the rest and make unrelated texts look alike.
    std::vector<std::uint64_t> shingles;
    shingles.reserve(points.size());
    for (std::size_t i = 0; i + 3 <= points.size(); ++i) {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (std::size_t j = i; j < i + 3; ++j) {
            h ^= static_cast<std::uint64_t>(points[j]);
            h *= 0x100000001b3ULL;
        }
        shingles.push_back(Mix(h));
    }
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
    // A bit of the hash is set when more than half of the shingles have it set. The ones are counted eight bits at a
    // time: kSpread puts each bit of a byte into a byte of its own, so one addition counts eight bits, in eight byte
    // lanes that are emptied into `ones` before any can reach 256.
    std::array<std::uint32_t, 64> ones{};
    std::array<std::uint64_t, 8> lanes{};
    auto empty_lanes = [&] {
        for (int byte = 0; byte < 8; ++byte) {
            for (int bit = 0; bit < 8; ++bit) ones[8 * byte + bit] += (lanes[byte] >> (8 * bit)) & 0xFF;
            lanes[byte] = 0;
        }
    };
    std::size_t in_lanes = 0;
    for (std::uint64_t h : shingles) {
        for (int byte = 0; byte < 8; ++byte) lanes[byte] += kSpread[(h >> (8 * byte)) & 0xFF];
        if (++in_lanes == 255) {
            empty_lanes();
            in_lanes = 0;
        }
    }
    empty_lanes();
    std::uint64_t hash = 0;
    for (int bit = 0; bit < 64; ++bit) {
        if (2 * static_cast<std::size_t>(ones[bit]) > shingles.size()) hash |= std::uint64_t{1} << bit;
    }
    return hash;
}

std::array<std::int64_t, kFingerprintBands> FingerprintBands(std::uint64_t hash) {
    constexpr std::array<int, kFingerprintBands + 1> kEdges{0, 16, 32, 48, 64};
    std::array<std::int64_t, kFingerprintBands> bands{};
    for (int i = 0; i < kFingerprintBands; ++i) {
        int width = kEdges[i + 1] - kEdges[i];
        auto bits = static_cast<std::int64_t>((hash >> kEdges[i]) & ((std::uint64_t{1} << width) - 1));
        static_assert(kEdges[1] - kEdges[0] <= 16, "a band must fit below its tag");
        bands[i] = (static_cast<std::int64_t>(i) << 16) | bits;
    }
    return bands;
}

}  // namespace heed::core::triage
