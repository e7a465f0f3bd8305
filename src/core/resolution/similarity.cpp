#include "core/resolution/similarity.hpp"

#include <bit>

#include "core/triage/text_match.hpp"

namespace heed::core::resolution {
namespace {

bool IsCjk(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }
bool IsWordChar(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

void Set(TextProfile& profile, std::uint64_t hash) {
    hash ^= hash >> 29;
    hash *= 0xbf58476d1ce4e5b9ULL;
    hash ^= hash >> 32;
    std::size_t bit = hash % 2048;
    std::uint64_t mask = std::uint64_t{1} << (bit % 64);
    if (!(profile.bits[bit / 64] & mask)) {
        profile.bits[bit / 64] |= mask;
        ++profile.count;
    }
}

}  // namespace

TextProfile ProfileOf(std::string_view text) {
    TextProfile profile;
    std::string normalised = triage::NormaliseForMatching(text);
    char32_t previous_cjk = 0;
    std::uint64_t word = 0xcbf29ce484222325ULL;
    int word_length = 0;
    auto end_word = [&] {
        if (word_length >= 3) Set(profile, word);
        word = 0xcbf29ce484222325ULL;
        word_length = 0;
    };
    for (char32_t c : triage::CodePoints(normalised)) {
        if (IsCjk(c)) {
            end_word();
            if (previous_cjk) Set(profile, (static_cast<std::uint64_t>(previous_cjk) << 21) ^ c ^ 0x9e3779b97f4a7c15ULL);
            previous_cjk = c;
        } else if (IsWordChar(c)) {
            previous_cjk = 0;
            word = (word ^ c) * 0x100000001b3ULL;
            ++word_length;
        } else {
            previous_cjk = 0;
            end_word();
        }
    }
    end_word();
    return profile;
}

double Similarity(const TextProfile& a, const TextProfile& b) {
    if (a.count == 0 || b.count == 0) return 0;
    int both = 0;
    for (std::size_t i = 0; i < a.bits.size(); ++i) both += std::popcount(a.bits[i] & b.bits[i]);
    return static_cast<double>(both) / static_cast<double>(a.count + b.count - both);
}

}  // namespace heed::core::resolution
