#include "storage/sqlite/cjk_tokenizer.hpp"

#include <cstdint>

namespace heed::storage::sqlite {
namespace {

constexpr int kMaxWordBytes = 64;

using TokenCallback = int (*)(void* ctx, int tflags, const char* token, int n_token, int start, int end);

enum class CharClass { kSeparator, kWord, kCjk };

struct Decoded {
    std::uint32_t code_point = 0;
    int length = 1;  // Bytes consumed; an invalid lead byte consumes exactly one so the scan always advances.
    bool valid = false;
};

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Strict RFC 3629 decoding: overlong forms, surrogates and values above U+10FFFF are rejected so that a malformed
// sequence can never be mistaken for a CJK or Latin character.
Decoded DecodeAt(const unsigned char* text, int n_text, int pos) {
    Decoded out;
    const unsigned char lead = text[pos];
    if (lead < 0x80) {
        out.code_point = lead;
        out.valid = true;
        return out;
    }
    int length = 0;
    std::uint32_t code_point = 0;
    unsigned char min_second = 0x80;
    unsigned char max_second = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code_point = lead & 0x0F;
        if (lead == 0xE0) min_second = 0xA0;
        if (lead == 0xED) max_second = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code_point = lead & 0x07;
        if (lead == 0xF0) min_second = 0x90;
        if (lead == 0xF4) max_second = 0x8F;
    } else {
        return out;
    }
    if (n_text - pos < length) return out;
    const unsigned char second = text[pos + 1];
    if (second < min_second || second > max_second) return out;
    for (int i = 1; i < length; ++i) {
        const unsigned char byte = text[pos + i];
        if (!IsContinuation(byte)) return out;
        code_point = (code_point << 6) | (byte & 0x3F);
    }
    out.code_point = code_point;
    out.length = length;
    out.valid = true;
    return out;
}

bool IsCjk(std::uint32_t c) {
    return (c >= 0x3040 && c <= 0x30FF) ||    // Hiragana, Katakana
           (c >= 0x3400 && c <= 0x4DBF) ||    // CJK Extension A
           (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK Unified Ideographs
           (c >= 0xAC00 && c <= 0xD7AF) ||    // Hangul syllables
           (c >= 0xF900 && c <= 0xFAFF) ||    // CJK Compatibility Ideographs
           (c >= 0x20000 && c <= 0x2FA1F);    // Extensions B..F and Compatibility Supplement
}

bool IsLatinLetter(std::uint32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    // Latin-1 Supplement: the feminine/masculine ordinals and micro sign are letters; × and ÷ are not.
    if (c == 0xAA || c == 0xB5 || c == 0xBA) return true;
    if (c >= 0xC0 && c <= 0xFF) return c != 0xD7 && c != 0xF7;
    return (c >= 0x0100 && c <= 0x024F) ||    // Latin Extended-A and -B
           (c >= 0x1E00 && c <= 0x1EFF) ||    // Latin Extended Additional (Vietnamese)
           (c >= 0x2C60 && c <= 0x2C7F) ||    // Latin Extended-C
           (c >= 0xA720 && c <= 0xA7FF) ||    // Latin Extended-D
           (c >= 0xAB30 && c <= 0xAB6F);      // Latin Extended-E
}

CharClass Classify(const Decoded& decoded) {
    if (!decoded.valid) return CharClass::kSeparator;
    if (IsCjk(decoded.code_point)) return CharClass::kCjk;
    if (IsLatinLetter(decoded.code_point)) return CharClass::kWord;
    return CharClass::kSeparator;
}

// Consumes one word starting at *pos. The reported range covers the whole word even when the token text is
// truncated, so highlight() never cuts a long word in half.
int EmitWord(const unsigned char* text, int n_text, int* pos, void* ctx, TokenCallback x_token) {
    char word[kMaxWordBytes];
    int word_length = 0;
    // Once one character is dropped, later shorter ones must be too, or the token would stop being a prefix.
    bool truncated = false;
    const int start = *pos;
    while (*pos < n_text) {
        const Decoded decoded = DecodeAt(text, n_text, *pos);
        if (Classify(decoded) != CharClass::kWord) break;
        truncated = truncated || word_length + decoded.length > kMaxWordBytes;
        if (!truncated) {
            for (int i = 0; i < decoded.length; ++i) {
                unsigned char byte = text[*pos + i];
                if (byte >= 'A' && byte <= 'Z') byte = static_cast<unsigned char>(byte - 'A' + 'a');
                word[word_length++] = static_cast<char>(byte);
            }
        }
        *pos += decoded.length;
    }
    return x_token(ctx, 0, word, word_length, start, *pos);
}

// Consumes one run of CJK characters starting at *pos. Bigrams are slices of the input, so nothing is copied.
// Document mode: unigram c_i at position i with bigram c_i c_i+1 colocated. Query mode: bigrams at consecutive
// positions, followed by the last character as a unigram: that trailing token never changes which rows match
// (the document always holds c_n-1 right after the bigram ending in it) but makes the phrase span as many positions
// as it has characters, which is what highlight() and snippet() use to place the closing marker.
int EmitCjkRun(const char* raw, int n_text, int* pos, bool query, void* ctx, TokenCallback x_token) {
    const auto* text = reinterpret_cast<const unsigned char*>(raw);
    int previous_start = -1;
    int last_start = 0;
    int last_end = 0;
    while (*pos < n_text) {
        const Decoded decoded = DecodeAt(text, n_text, *pos);
        if (Classify(decoded) != CharClass::kCjk) break;
        const int start = *pos;
        const int end = start + decoded.length;
        if (previous_start >= 0) {
            const int rc = x_token(ctx, query ? 0 : FTS5_TOKEN_COLOCATED, raw + previous_start, end - previous_start,
                                   previous_start, end);
            if (rc != SQLITE_OK) return rc;
        }
        if (!query) {
            const int rc = x_token(ctx, 0, raw + start, end - start, start, end);
            if (rc != SQLITE_OK) return rc;
        }
        previous_start = start;
        last_start = start;
        last_end = end;
        *pos = end;
    }
    if (query) return x_token(ctx, 0, raw + last_start, last_end - last_start, last_start, last_end);
    return SQLITE_OK;
}

// The tokenizer is stateless; FTS5 falls back to its default tokenizer when xCreate yields nullptr, so every
// instance is this one non-null sentinel.
char g_instance_sentinel;

int CreateTokenizer(void* /*user_data*/, const char** /*args*/, int n_args, Fts5Tokenizer** out) {
    *out = nullptr;
    if (n_args != 0) return SQLITE_ERROR;  // No options exist; a stray one is a schema typo worth surfacing.
    *out = reinterpret_cast<Fts5Tokenizer*>(&g_instance_sentinel);
    return SQLITE_OK;
}

void DeleteTokenizer(Fts5Tokenizer* /*tokenizer*/) {}

int Tokenize(Fts5Tokenizer* /*tokenizer*/, void* ctx, int flags, const char* raw, int n_text, TokenCallback x_token) {
    if (raw == nullptr || n_text <= 0) return SQLITE_OK;
    const auto* text = reinterpret_cast<const unsigned char*>(raw);
    const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    int pos = 0;
    while (pos < n_text) {
        const Decoded decoded = DecodeAt(text, n_text, pos);
        int rc = SQLITE_OK;
        switch (Classify(decoded)) {
            case CharClass::kWord:
                rc = EmitWord(text, n_text, &pos, ctx, x_token);
                break;
            case CharClass::kCjk:
                rc = EmitCjkRun(raw, n_text, &pos, query, ctx, x_token);
                break;
            case CharClass::kSeparator:
                pos += decoded.length;
                break;
        }
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

}  // namespace

int RegisterCjkTokenizer(sqlite3* db) {
    if (db == nullptr) return SQLITE_MISUSE;
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        rc = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? SQLITE_OK : rc;
    }
    const int finalize_rc = sqlite3_finalize(stmt);
    if (rc != SQLITE_OK) return rc;
    if (finalize_rc != SQLITE_OK) return finalize_rc;
    if (api == nullptr) return SQLITE_ERROR;  // SQLite built without FTS5.
    fts5_tokenizer tokenizer{CreateTokenizer, DeleteTokenizer, Tokenize};
    return api->xCreateTokenizer(api, "heed_cjk", nullptr, &tokenizer, nullptr);
}

}  // namespace heed::storage::sqlite
