#include "triage/normalizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <opencc/opencc.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <vector>

#include "triage/ascii_scan.hpp"

namespace heed::triage {
namespace {

// Chinese characters that have a Simplified form: the CJK Unified Ideographs and Extension A (the compatibility
// ideographs are folded into these by NFKC before the table is consulted).
constexpr char32_t kFirstHan = 0x3400;
constexpr char32_t kLastHan = 0x9FFF;

// The character table of OpenCC's t2s conversion, built once by converting every ideograph on its own line in a
// single call (phrase rules cannot cross a line break), keeping the lines that stay one code point.
class SimplifiedTable {
public:
    SimplifiedTable() : table_(kLastHan - kFirstHan + 1) {
        for (char32_t c = kFirstHan; c <= kLastHan; ++c) table_[c - kFirstHan] = c;
        std::string all;
        all.reserve(table_.size() * 4);
        for (char32_t c = kFirstHan; c <= kLastHan; ++c) {
            char buffer[4];
            std::int32_t length = 0;
            U8_APPEND_UNSAFE(buffer, length, c);
            all.append(buffer, length);
            all.push_back('\n');
        }
        std::string converted;
        for (const char* config : {"t2s.json", "/usr/share/opencc/t2s.json"}) {
            try {
                converted = opencc::SimpleConverter(config).Convert(all);
                break;
            } catch (...) {
                // try the next location of the configuration
            }
        }
        std::size_t start = 0;
        char32_t source = kFirstHan;
        while (start < converted.size() && source <= kLastHan) {
            std::size_t end = converted.find('\n', start);
            if (end == std::string::npos) end = converted.size();
            std::int32_t offset = 0;
            UChar32 c = 0;
            auto length = static_cast<std::int32_t>(end - start);
            U8_NEXT(converted.data() + start, offset, length, c);
            if (c >= 0 && offset == length) table_[source - kFirstHan] = static_cast<char32_t>(c);
            start = end + 1;
            ++source;
        }
        loaded_ = source > kLastHan;
    }

    char32_t Map(char32_t c) const {
        return c >= kFirstHan && c <= kLastHan ? table_[c - kFirstHan] : c;
    }

private:
    std::vector<char32_t> table_;
    bool loaded_ = false;
};

const SimplifiedTable& Table() {
    static const SimplifiedTable table;
    return table;
}

const icu::Normalizer2* Nfkc() {
    static const icu::Normalizer2* normalizer = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* instance = icu::Normalizer2::getNFKCCasefoldInstance(status);
        return U_SUCCESS(status) ? instance : nullptr;
    }();
    return normalizer;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsLower(c); }
bool IsLocalPart(char c) { return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool IsDomain(char c) { return IsAlnum(c) || c == '.' || c == '-'; }

bool StartsWith(std::string_view text, std::size_t at, std::string_view prefix) {
    return text.substr(at, prefix.size()) == prefix;
}

// An e-mail address starting at `i` (a word start); returns its end or `i` when there is none.
std::size_t EmailEnd(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && IsLocalPart(s[j])) ++j;
    if (j == i || j >= s.size() || s[j] != '@') return i;
    std::size_t k = j + 1;
    while (k < s.size() && IsDomain(s[k])) ++k;
    while (k > j + 1 && (s[k - 1] == '.' || s[k - 1] == '-')) --k;
    auto domain = s.substr(j + 1, k - j - 1);
    auto dot = domain.find('.');
    if (domain.empty() || dot == std::string_view::npos || dot == 0) return i;
    return k;
}

// The CFPB's redactions: XXXX, XX/XX/XXXX (also with a real year, XX/XX/2019). Returns the end and whether it is a
// date, or `i` when the word at `i` is not one.
std::size_t RedactionEnd(std::string_view s, std::size_t i, bool& date) {
    std::size_t j = i;
    int xs = 0;
    date = false;
    while (j < s.size() && (s[j] == 'x' || s[j] == '/' || (date && IsDigit(s[j])))) {
        if (s[j] == 'x') ++xs;
        if (s[j] == '/') date = true;
        ++j;
    }
    if (xs < 2 || (j < s.size() && IsAlnum(s[j]))) return i;
    while (j > i && s[j - 1] == '/') --j;
    return j;
}

bool CurrencyBefore(std::string_view s, std::size_t i) {
    std::size_t j = i;
    if (j > 0 && s[j - 1] == ' ') --j;
    if (j >= 1 && s[j - 1] == '$') return true;
    if (j >= 2 && (s.substr(j - 2, 2) == "\xC2\xA5" || s.substr(j - 2, 2) == "\xC2\xA3")) return true;  // ¥ £
    if (j >= 3 && s.substr(j - 3, 3) == "\xE2\x82\xAC") return true;                                      // €
    return false;
}

bool CurrencyAfter(std::string_view s, std::size_t j) {
    if (j < s.size() && s[j] == ' ') ++j;
    for (std::string_view unit : {"元", "块", "美元", "万元", "rmb", "usd", "dollar", "yuan", "euro", "buck"}) {
        if (StartsWith(s, j, unit)) return true;
    }
    return false;
}

enum class NumberKind { kPlain, kPhone, kId, kAmount };

// A number starting at `i` (a digit, '+' or '(' at a word start): phone numbers with separators, ids, amounts.
std::size_t NumberEnd(std::string_view s, std::size_t i, NumberKind& kind) {
    std::size_t j = i;
    bool plus = false, paren = false, decimal = false, slash = false, dash_or_space = false;
    if (s[j] == '+') plus = true, ++j;
    if (j < s.size() && s[j] == '(') paren = true, ++j;
    int digits = 0, groups = 0, last_group = 0, decimals = 0;
    std::array<int, 6> group_lengths{};
    while (j < s.size()) {
        std::size_t start = j;
        while (j < s.size() && IsDigit(s[j])) ++j;
        int length = static_cast<int>(j - start);
        if (length == 0) break;
        digits += length;
        if (groups < static_cast<int>(group_lengths.size())) group_lengths[groups] = length;
        ++groups;
        last_group = length;
        if (decimal) decimals = length;
        if (j >= s.size()) break;
        char c = s[j];
        auto digit_at = [&](std::size_t at) { return at < s.size() && IsDigit(s[at]); };
        auto digits_from = [&](std::size_t at) {
            int n = 0;
            while (at + n < s.size() && IsDigit(s[at + n])) ++n;
            return n;
        };
        if (c == ')' && paren && groups == 1) {
            ++j;
            if (j < s.size() && s[j] == ' ') ++j;
            if (!digit_at(j)) break;
        } else if ((c == '-' || c == '.' || c == '/') && digit_at(j + 1) && !decimal) {
            if (c == '.' && !dash_or_space && !slash && digits_from(j + 1) <= 2) decimal = true;
            if (c == '/') slash = true;
            if (c == '-' || c == '.') dash_or_space = dash_or_space || c == '-' || !decimal;
            ++j;
        } else if (c == ',' && digits_from(j + 1) == 3 && !decimal) {
            ++j;
        } else if (c == ' ' && (last_group >= 3 || (plus && groups == 1)) && digits_from(j + 1) >= 3 && !decimal) {
            dash_or_space = true;
            ++j;
        } else {
            break;
        }
    }
    kind = NumberKind::kPlain;
    if (digits == 0) return i;
    bool trailing_x = j < s.size() && s[j] == 'x' && digits == 17 && groups == 1;
    if (trailing_x) ++j;
    if (j < s.size() && IsAlnum(s[j])) return i;  // "3rd", "100km": a word, not a number to mask
    if (CurrencyBefore(s, i) || CurrencyAfter(s, j) || (decimal && decimals == 2)) {
        kind = NumberKind::kAmount;
    } else if (slash) {
        kind = NumberKind::kPlain;  // a date such as 03/15/2019
    } else if (groups == 3 && group_lengths[0] == 4 && group_lengths[1] <= 2 && group_lengths[2] <= 2) {
        kind = NumberKind::kPlain;  // an ISO date
    } else if (trailing_x || (groups == 1 && (digits == 15 || digits == 18))) {
        kind = NumberKind::kId;
    } else if (groups == 1 && digits == 11 && s[i] == '1') {
        kind = NumberKind::kPhone;
    } else if ((plus && digits >= 8) || ((paren || dash_or_space) && groups >= 2 && digits >= 7 && digits <= 13)) {
        kind = NumberKind::kPhone;
    } else if (digits >= 9) {
        kind = NumberKind::kId;
    }
    return j;
}

}  // namespace

char32_t ToSimplified(char32_t code_point) { return Table().Map(code_point); }

std::string MaskDetails(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    bool has_at = s.find('@') != std::string_view::npos;
    auto starts = [](char c) { return IsAlnum(c) || c == '+' || c == '(' || c == '.' || c == '_' || c == '%' || c == '-'; };
    // What is not masked is copied as it is, in one piece up to the next mask: s[copied, i) is still to be copied.
    std::size_t copied = 0;
    auto mask = [&](std::size_t& i, std::size_t end, std::string_view placeholder) {
        out.append(s.data() + copied, i - copied);
        out += placeholder;
        i = copied = end;
    };
    std::size_t i = 0;
    while (i < s.size()) {
        // Characters inside a word, and those that cannot start anything masked.
        while (i < s.size() && !(starts(s[i]) && (i == 0 || !IsAlnum(s[i - 1])))) ++i;
        if (i == s.size()) break;
        char c = s[i];
        if (has_at) {
            if (std::size_t end = EmailEnd(s, i); end != i) {
                mask(i, end, "<email>");
                continue;
            }
        }
        if (c == 'x') {
            bool date = false;
            if (std::size_t end = RedactionEnd(s, i, date); end != i) {
                mask(i, end, date ? "<date>" : "<redacted>");
                continue;
            }
        }
        if (IsDigit(c) || ((c == '+' || c == '(') && i + 1 < s.size() && IsDigit(s[i + 1]))) {
            NumberKind kind;
            std::size_t end = NumberEnd(s, i, kind);
            if (end != i && kind != NumberKind::kPlain) {
                mask(i, end, kind == NumberKind::kPhone ? "<phone>" : kind == NumberKind::kId ? "<id>" : "<amount>");
                continue;
            }
            if (end != i) {
                i = end;
                continue;
            }
        }
        // an ordinary word: passed whole, so digits inside it ("a1234567890") are not taken for a number
        std::size_t end = i + RunLength<AsciiRun::kLowerAlnum>(s.data(), i, s.size());
        i = end == i ? i + 1 : end;
    }
    out.append(s.data() + copied, s.size() - copied);
    return out;
}

void PrepareNormalizer() {
    Table();
    Nfkc();
}

std::string NormalizeForAnalysis(std::string_view text) {
    // ASCII text: lower-cased in blocks of 64 bytes (a loop the compiler vectorises), left at the first block with
    // a byte of 0x80 or more (not ASCII: the ICU path below).
    std::string folded(text.size(), '\0');
    bool ascii = true;
    for (std::size_t start = 0; start < text.size() && ascii; start += 64) {
        const std::size_t end = std::min(text.size(), start + 64);
        unsigned char high = 0;
        for (std::size_t i = start; i < end; ++i) {
            auto c = static_cast<unsigned char>(text[i]);
            high |= c;
            folded[i] = static_cast<char>(static_cast<unsigned>(c - 'A') < 26u ? c + ('a' - 'A') : c);
        }
        ascii = high < 0x80;
    }
    if (ascii) return MaskDetails(folded);
    folded.clear();
    icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
    icu::UnicodeString normalized;
    if (const auto* nfkc = Nfkc()) {
        UErrorCode status = U_ZERO_ERROR;
        nfkc->normalize(source, normalized, status);
        if (U_FAILURE(status)) normalized = source;
    } else {
        normalized = source;
    }
    const auto& table = Table();
    const char16_t* units = normalized.getBuffer();
    std::int32_t length = normalized.length();
    for (std::int32_t i = 0; i < length;) {
        UChar32 c;
        U16_NEXT(units, i, length, c);
        c = U_IS_SURROGATE(c) ? 0xFFFD : static_cast<UChar32>(table.Map(static_cast<char32_t>(c)));
        char buffer[4];
        std::int32_t size = 0;
        U8_APPEND_UNSAFE(buffer, size, c);
        folded.append(buffer, size);
    }
    return MaskDetails(folded);
}

}  // namespace heed::triage
