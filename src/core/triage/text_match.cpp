#include "core/triage/text_match.hpp"

#include <algorithm>
#include <utility>

namespace heed::core::triage {
namespace {

// Traditional → Simplified for the characters complaint text and the risk lexicon use most (legal, media,
// regulator, injury, money, delivery, service words). Sorted by the Traditional code point for binary search.
const std::vector<std::pair<char32_t, char32_t>>& TraditionalTable() {
    static const std::vector<std::pair<char32_t, char32_t>> table = [] {
        std::vector<std::pair<char32_t, char32_t>> entries{
            {U'與', U'与'}, {U'個', U'个'}, {U'們', U'们'}, {U'來', U'来'}, {U'係', U'系'}, {U'債', U'债'},
            {U'傷', U'伤'}, {U'價', U'价'}, {U'兒', U'儿'}, {U'償', U'偿'}, {U'優', U'优'}, {U'內', U'内'},
            {U'發', U'发'}, {U'勞', U'劳'}, {U'協', U'协'}, {U'單', U'单'}, {U'賣', U'卖'}, {U'問', U'问'},
            {U'啟', U'启'}, {U'嚴', U'严'}, {U'團', U'团'}, {U'場', U'场'}, {U'壞', U'坏'}, {U'處', U'处'},
            {U'複', U'复'}, {U'夠', U'够'}, {U'媽', U'妈'}, {U'實', U'实'}, {U'寶', U'宝'}, {U'對', U'对'},
            {U'導', U'导'}, {U'屬', U'属'}, {U'師', U'师'}, {U'帶', U'带'}, {U'幫', U'帮'}, {U'廠', U'厂'},
            {U'張', U'张'}, {U'從', U'从'}, {U'態', U'态'}, {U'應', U'应'}, {U'懷', U'怀'}, {U'戶', U'户'},
            {U'損', U'损'}, {U'擊', U'击'}, {U'據', U'据'}, {U'擔', U'担'}, {U'數', U'数'}, {U'斷', U'断'},
            {U'時', U'时'}, {U'書', U'书'}, {U'會', U'会'}, {U'極', U'极'}, {U'權', U'权'}, {U'機', U'机'},
            {U'歲', U'岁'}, {U'殘', U'残'}, {U'氣', U'气'}, {U'決', U'决'}, {U'滿', U'满'}, {U'漲', U'涨'},
            {U'災', U'灾'}, {U'為', U'为'}, {U'無', U'无'}, {U'燒', U'烧'}, {U'產', U'产'}, {U'畫', U'画'},
            {U'療', U'疗'}, {U'監', U'监'}, {U'盡', U'尽'}, {U'稱', U'称'}, {U'積', U'积'}, {U'經', U'经'},
            {U'網', U'网'}, {U'線', U'线'}, {U'緊', U'紧'}, {U'總', U'总'}, {U'聞', U'闻'}, {U'聯', U'联'},
            {U'聽', U'听'}, {U'臺', U'台'}, {U'與', U'与'}, {U'萬', U'万'}, {U'處', U'处'}, {U'衛', U'卫'},
            {U'製', U'制'}, {U'視', U'视'}, {U'規', U'规'}, {U'觸', U'触'}, {U'訂', U'订'}, {U'記', U'记'},
            {U'訴', U'诉'}, {U'診', U'诊'}, {U'詐', U'诈'}, {U'話', U'话'}, {U'該', U'该'}, {U'說', U'说'},
            {U'請', U'请'}, {U'護', U'护'}, {U'貨', U'货'}, {U'質', U'质'}, {U'費', U'费'}, {U'賠', U'赔'},
            {U'買', U'买'}, {U'質', U'质'}, {U'輛', U'辆'}, {U'這', U'这'}, {U'遲', U'迟'}, {U'過', U'过'},
            {U'還', U'还'}, {U'醫', U'医'}, {U'錢', U'钱'}, {U'門', U'门'}, {U'關', U'关'}, {U'險', U'险'},
            {U'電', U'电'}, {U'題', U'题'}, {U'騙', U'骗'}, {U'體', U'体'}, {U'點', U'点'}, {U'號', U'号'},
            {U'報', U'报'}, {U'維', U'维'}, {U'鬧', U'闹'},
        };
        std::sort(entries.begin(), entries.end());
        entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
        return entries;
    }();
    return table;
}

char32_t ToSimplified(char32_t c) {
    if (c < 0x4E00) return c;
    const auto& table = TraditionalTable();
    auto it = std::lower_bound(table.begin(), table.end(), std::pair<char32_t, char32_t>{c, 0});
    return it != table.end() && it->first == c ? it->second : c;
}

void AppendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Decodes the code point at `p` (valid UTF-8 assumed); returns its length, 1 for a stray byte (code = the byte).
int Decode(const unsigned char* p, const unsigned char* end, char32_t& code) {
    unsigned char c = *p;
    int length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || end - p < length) {
        code = c;
        return 1;
    }
    code = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80) {
            code = c;
            return 1;
        }
        code = (code << 6) | (p[i] & 0x3F);
    }
    return length;
}

bool IsWordByte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string NormaliseForMatching(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        if (*p < 0x80) {  // the common case, kept cheap
            char c = static_cast<char>(*p++);
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            continue;
        }
        char32_t code = 0;
        int length = Decode(p, end, code);
        if (length == 1) {
            out += static_cast<char>(*p++);
            continue;
        }
        p += length;
        if (code >= 0xFF01 && code <= 0xFF5E) {  // full-width ASCII forms
            char c = static_cast<char>(code - 0xFF01 + 0x21);
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        } else if (code == 0x3000) {
            out += ' ';
        } else {
            AppendUtf8(out, ToSimplified(code));
        }
    }
    return out;
}

bool ContainsTerm(std::string_view text, std::string_view term) {
    if (term.empty()) return false;
    bool word_start = IsWordByte(term.front());
    bool word_end = IsWordByte(term.back());
    for (std::size_t at = text.find(term); at != std::string_view::npos; at = text.find(term, at + 1)) {
        bool start_ok = !word_start || at == 0 || !IsWordByte(text[at - 1]);
        std::size_t after = at + term.size();
        bool end_ok = !word_end || after == text.size() || !IsWordByte(text[after]);
        if (start_ok && end_ok) return true;
    }
    return false;
}

std::uint64_t Fnv1a64(std::string_view bytes, std::uint64_t seed) {
    std::uint64_t hash = seed;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::vector<char32_t> CodePoints(std::string_view text) {
    std::vector<char32_t> points;
    points.reserve(text.size());
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        char32_t code = 0;
        p += Decode(p, end, code);
        points.push_back(code);
    }
    return points;
}

}  // namespace heed::core::triage
