#pragma once
// Finding where a run of ASCII word characters ends, 16 bytes at a time (SSE2, which every x86-64 processor has;
// byte by byte elsewhere). Masking and splitting a text both walk its words: ending a word one byte at a time costs a
// mispredicted branch per word, which on a long complaint cost about 8 % of its classification (BENCHMARKS.md).

#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace heed::triage {

// Which bytes a run is made of: lower-case letters and digits, or also upper-case letters and '_'.
enum class AsciiRun { kLowerAlnum, kWord };

constexpr bool InRun(AsciiRun kind, unsigned char c) {
    bool lower_alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return kind == AsciiRun::kLowerAlnum ? lower_alnum : lower_alnum || (c >= 'A' && c <= 'Z') || c == '_';
}

// The number of bytes from `from` (at most `size - from`) before the first that is not of the run.
template <AsciiRun kind>
std::size_t RunLength(const char* text, std::size_t from, std::size_t size) {
    std::size_t i = from;
#if defined(__SSE2__)
    auto within = [](__m128i x, char low, char high) {  // signed compares: bytes of 0x80 or more are never within
        return _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(low - 1))),
                             _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(high + 1))));
    };
    for (; i + 16 <= size; i += 16) {
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
        __m128i in = _mm_or_si128(within(x, 'a', 'z'), within(x, '0', '9'));
        if constexpr (kind == AsciiRun::kWord) {
            in = _mm_or_si128(in, _mm_or_si128(within(x, 'A', 'Z'), _mm_cmpeq_epi8(x, _mm_set1_epi8('_'))));
        }
        auto out = static_cast<unsigned>(~_mm_movemask_epi8(in)) & 0xFFFFu;
        if (out != 0) return i + static_cast<std::size_t>(__builtin_ctz(out)) - from;
    }
#endif
    while (i < size && InRun(kind, static_cast<unsigned char>(text[i]))) ++i;
    return i - from;
}

}  // namespace heed::triage
