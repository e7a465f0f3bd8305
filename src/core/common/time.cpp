#include "core/common/time.hpp"

#include <cstdio>

namespace heed::core {
namespace {

using namespace std::chrono;

bool ReadDigits(std::string_view text, std::size_t& pos, int count, int& out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += count;
    out = value;
    return true;
}

bool Expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

std::string FormatIso8601(Instant instant) {
    auto day = floor<days>(instant);
    year_month_day ymd{day};
    hh_mm_ss<milliseconds> tod{instant - day};
    const int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999) {  // outside what four digits hold: the general (slower) path
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year,
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                      static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                      static_cast<int>(tod.seconds().count()), static_cast<int>(tod.subseconds().count()));
        return buffer;
    }
    // Every instant of every complaint written as JSON passes here: digits placed directly, no format parsing.
    std::string out = "0000-00-00T00:00:00.000Z";
    auto put = [&out](std::size_t at, std::size_t width, long value) {
        for (std::size_t i = width; i-- > 0; value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, 4, year);
    put(5, 2, static_cast<unsigned>(ymd.month()));
    put(8, 2, static_cast<unsigned>(ymd.day()));
    put(11, 2, tod.hours().count());
    put(14, 2, tod.minutes().count());
    put(17, 2, tod.seconds().count());
    put(20, 3, tod.subseconds().count());
    return out;
}

std::optional<Instant> ParseIso8601(std::string_view text) {
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0;
    if (!ReadDigits(text, pos, 4, y) || !Expect(text, pos, '-') || !ReadDigits(text, pos, 2, mo) ||
        !Expect(text, pos, '-') || !ReadDigits(text, pos, 2, d)) {
        return std::nullopt;
    }
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    Instant result = time_point_cast<milliseconds>(sys_days{ymd});
    if (pos == text.size()) return result;
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
    ++pos;
    int h = 0, mi = 0, s = 0, ms = 0;
    if (!ReadDigits(text, pos, 2, h) || !Expect(text, pos, ':') || !ReadDigits(text, pos, 2, mi)) return std::nullopt;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        if (!ReadDigits(text, pos, 2, s)) return std::nullopt;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            std::size_t start = pos;
            int scale = 100;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                if (scale > 0) ms += (text[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == start) return std::nullopt;
        }
    }
    if (h > 23 || mi > 59 || s > 59) return std::nullopt;
    result += hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
    if (pos >= text.size()) return std::nullopt;  // a time without an offset is ambiguous
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        int sign = text[pos] == '+' ? 1 : -1;
        ++pos;
        int oh = 0, om = 0;
        if (!ReadDigits(text, pos, 2, oh)) return std::nullopt;
        if (pos < text.size() && text[pos] == ':') ++pos;
        if (!ReadDigits(text, pos, 2, om) || oh > 23 || om > 59) return std::nullopt;
        result -= sign * (hours{oh} + minutes{om});
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;
    return result;
}

int YearMonth(Instant instant) {
    year_month_day ymd{floor<days>(instant)};
    return static_cast<int>(ymd.year()) * 100 + static_cast<int>(static_cast<unsigned>(ymd.month()));
}

}  // namespace heed::core
