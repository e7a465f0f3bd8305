#include "storage/sqlite/cjk_tokenizer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace heed::storage::sqlite {
namespace {

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

void Exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << (error != nullptr ? error : "");
    sqlite3_free(error);
}

DbPtr OpenIndex() {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(":memory:", &raw), SQLITE_OK);
    DbPtr db(raw);
    EXPECT_EQ(RegisterCjkTokenizer(db.get()), SQLITE_OK);
    Exec(db.get(), "CREATE VIRTUAL TABLE t USING fts5(subject, description, tokenize='heed_cjk')");
    return db;
}

std::int64_t Insert(sqlite3* db, const std::string& subject, const std::string& description) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "INSERT INTO t(subject, description) VALUES (?1, ?2)", -1, &stmt, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(stmt, 1, subject.data(), static_cast<int>(subject.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, description.data(), static_cast<int>(description.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    return sqlite3_last_insert_rowid(db);
}

// Runs `sql` with `arg` bound to ?1 and returns the first column of every row as text.
std::vector<std::string> Column(sqlite3* db, const std::string& sql, const std::string& arg) {
    std::vector<std::string> out;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_bind_text(stmt, 1, arg.data(), static_cast<int>(arg.size()), SQLITE_TRANSIENT);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        out.emplace_back(text != nullptr ? text : "");
    }
    EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    return out;
}

std::vector<std::int64_t> Match(sqlite3* db, const std::string& query) {
    std::vector<std::int64_t> rowids;
    for (const auto& id : Column(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", query)) {
        rowids.push_back(std::stoll(id));
    }
    return rowids;
}

using Rows = std::vector<std::int64_t>;

TEST(CjkTokenizer, IndexesEveryCharacterWithTheBigramStartingThereAtTheSamePosition) {
    DbPtr db = OpenIndex();
    Insert(db.get(), "物流慢", "");
    Exec(db.get(), "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')");
    const auto terms = Column(db.get(), "SELECT term || '@' || offset FROM v WHERE ?1 = ?1 ORDER BY offset, term", "");
    EXPECT_EQ(terms, (std::vector<std::string>{"物@0", "物流@0", "流@1", "流慢@1", "慢@2"}));
}

TEST(CjkTokenizer, FindsTwoCharacterChineseWordsOnlyInRowsThatContainThem) {
    DbPtr db = OpenIndex();
    const auto slow = Insert(db.get(), "物流太慢", "快递三天都没到，物流太慢了");
    const auto refund = Insert(db.get(), "申请退款", "商品有质量问题，要求退款");
    const auto rude = Insert(db.get(), "客服态度差", "服务态度很差，没人回复");
    Insert(db.get(), "Late delivery", "the parcel never arrived");
    EXPECT_EQ(Match(db.get(), "\"物流\""), Rows{slow});
    EXPECT_EQ(Match(db.get(), "\"退款\""), Rows{refund});
    EXPECT_EQ(Match(db.get(), "\"态度\""), Rows{rude});
    EXPECT_EQ(Match(db.get(), "description:\"态度\""), Rows{rude});
    EXPECT_EQ(Match(db.get(), "\"物流\" OR \"退款\""), (Rows{slow, refund}));
}

TEST(CjkTokenizer, FindsRowsContainingASingleQueriedCharacter) {
    DbPtr db = OpenIndex();
    const auto slow = Insert(db.get(), "物流太慢", "");
    const auto late = Insert(db.get(), "发货很慢", "");
    Insert(db.get(), "申请退款", "");
    EXPECT_EQ(Match(db.get(), "\"慢\""), (Rows{slow, late}));
    EXPECT_EQ(Match(db.get(), "\"款\""), Rows{3});
}

TEST(CjkTokenizer, MatchesALongerChinesePhraseOnlyWhereItIsContiguous) {
    DbPtr db = OpenIndex();
    const auto contiguous = Insert(db.get(), "投诉", "这次的物流太慢了");
    Insert(db.get(), "投诉", "物流还行，就是太慢");
    Insert(db.get(), "投诉", "太慢的物流");
    EXPECT_EQ(Match(db.get(), "\"物流太慢\""), Rows{contiguous});
    EXPECT_EQ(Match(db.get(), "物流太慢"), Rows{contiguous});
    EXPECT_EQ(Match(db.get(), "\"物流\" AND \"太慢\""), (Rows{1, 2, 3}));
}

TEST(CjkTokenizer, FindsEnglishWordsCaseInsensitively) {
    DbPtr db = OpenIndex();
    const auto lower = Insert(db.get(), "refund please", "");
    const auto upper = Insert(db.get(), "", "I want a REFUND now");
    Insert(db.get(), "refunded", "refunds are slow");
    EXPECT_EQ(Match(db.get(), "Refund"), (Rows{lower, upper}));
    EXPECT_EQ(Match(db.get(), "refund*"), (Rows{1, 2, 3}));
    EXPECT_EQ(Match(db.get(), "\"Café\""), Rows{});
    const auto accented = Insert(db.get(), "Café crème", "");
    EXPECT_EQ(Match(db.get(), "\"CAFé\""), Rows{accented});
}

TEST(CjkTokenizer, FindsBothTheLatinAndTheChinesePartsOfMixedText) {
    DbPtr db = OpenIndex();
    const auto mixed = Insert(db.get(), "iPhone屏幕碎了 refund", "");
    Insert(db.get(), "屏保坏了", "iPad");
    EXPECT_EQ(Match(db.get(), "iphone"), Rows{mixed});
    EXPECT_EQ(Match(db.get(), "\"屏幕\""), Rows{mixed});
    EXPECT_EQ(Match(db.get(), "\"屏幕碎了\""), Rows{mixed});
    EXPECT_EQ(Match(db.get(), "REFUND"), Rows{mixed});
    EXPECT_EQ(Match(db.get(), "\"iPhone屏幕\""), Rows{mixed});
    EXPECT_EQ(Match(db.get(), "\"屏\""), (Rows{1, 2}));
}

TEST(CjkTokenizer, DoesNotMatchABigramSpanningTwoSeparateRuns) {
    DbPtr db = OpenIndex();
    Insert(db.get(), "物流 态度", "物流，态度。");
    Insert(db.get(), "物流abc态度", "物流\xF0\x9F\x98\xA1态度");  // Latin word and emoji split the runs too.
    EXPECT_EQ(Match(db.get(), "\"流态\""), Rows{});
    EXPECT_EQ(Match(db.get(), "\"物流态度\""), Rows{});
    EXPECT_EQ(Match(db.get(), "\"物流\" \"态度\""), (Rows{1, 2}));
    EXPECT_EQ(Match(db.get(), "\"物流\" + \"态度\""), (Rows{1, 2}));  // Adjacent positions, but no bigram 流态.
}

TEST(CjkTokenizer, HighlightWrapsExactlyTheMatchedChineseCharacters) {
    DbPtr db = OpenIndex();
    Insert(db.get(), "投诉", "abc 服务态度很差！物流太慢");
    const std::string sql = "SELECT highlight(t, 1, '[', ']') FROM t WHERE t MATCH ?1";
    EXPECT_EQ(Column(db.get(), sql, "\"态度\""), std::vector<std::string>{"abc 服务[态度]很差！物流太慢"});
    EXPECT_EQ(Column(db.get(), sql, "\"物流太慢\""), std::vector<std::string>{"abc 服务态度很差！[物流太慢]"});
    EXPECT_EQ(Column(db.get(), sql, "\"差\""), std::vector<std::string>{"abc 服务态度很[差]！物流太慢"});
    EXPECT_EQ(Column(db.get(), sql, "ABC"), std::vector<std::string>{"[abc] 服务态度很差！物流太慢"});
    const std::string snippet = "SELECT snippet(t, 1, '[', ']', '…', 4) FROM t WHERE t MATCH ?1";
    EXPECT_EQ(Column(db.get(), snippet, "\"很差\""), std::vector<std::string>{"…度[很差]！物…"});
}

TEST(CjkTokenizer, SkipsInvalidUtf8AndStillFindsTheWordsAroundIt) {
    DbPtr db = OpenIndex();
    const std::string garbage =
        "refund\xFF" "delay \xC3(物流\xE6\x80" "态度 \xED\xA0\x80" "slow \xF4\x90\x80\x80" "end \xE0\x80\xAF" "x \xE5";
    const auto broken = Insert(db.get(), "bad bytes", garbage);
    Insert(db.get(), "clean", "nothing here");
    for (const char* word : {"refund", "delay", "\"物流\"", "\"态度\"", "slow", "end", "x"}) {
        EXPECT_EQ(Match(db.get(), word), Rows{broken}) << word;
    }
    EXPECT_EQ(Match(db.get(), "\"流态\""), Rows{});  // A truncated sequence still separates the runs.
    EXPECT_EQ(Column(db.get(), "SELECT highlight(t, 1, '[', ']') FROM t WHERE t MATCH ?1", "slow").size(), 1u);
}

TEST(CjkTokenizer, TruncatesWordsLongerThan64BytesOnACodePointBoundary) {
    DbPtr db = OpenIndex();
    const std::string long_word = std::string(63, 'A') + "ébé";  // 63 ASCII bytes, then é does not fit.
    Insert(db.get(), long_word, "");
    Exec(db.get(), "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')");
    EXPECT_EQ(Column(db.get(), "SELECT term FROM v WHERE ?1 = ?1", ""), std::vector<std::string>{std::string(63, 'a')});
    EXPECT_EQ(Match(db.get(), "\"" + long_word + "\""), Rows{1});
    EXPECT_EQ(Column(db.get(), "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1", "\"" + long_word + "\""),
              std::vector<std::string>{"[" + long_word + "]"});
}

TEST(CjkTokenizer, TreatsPunctuationSpacesAndEmojiAsSeparatorsThatAreNeverIndexed) {
    DbPtr db = OpenIndex();
    Insert(db.get(), "！？。，、\xF0\x9F\x98\xA1 -- ...", "\xE3\x80\x80 \t\n");
    Exec(db.get(), "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')");
    EXPECT_EQ(Column(db.get(), "SELECT term FROM v WHERE ?1 = ?1", ""), std::vector<std::string>{});
}

TEST(CjkTokenizer, IndexesJapaneseKanaAndKoreanHangulAsCjkRuns) {
    DbPtr db = OpenIndex();
    const auto japanese = Insert(db.get(), "配送が遅いです", "");
    const auto korean = Insert(db.get(), "배송이 너무 느려요", "");
    EXPECT_EQ(Match(db.get(), "\"遅い\""), Rows{japanese});
    EXPECT_EQ(Match(db.get(), "\"배송\""), Rows{korean});
    EXPECT_EQ(Match(db.get(), "\"이너\""), Rows{});
}

TEST(CjkTokenizer, RejectsTokenizerArguments) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(":memory:", &raw), SQLITE_OK);
    DbPtr db(raw);
    ASSERT_EQ(RegisterCjkTokenizer(db.get()), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(db.get(), "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='heed_cjk bogus')", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    EXPECT_EQ(RegisterCjkTokenizer(nullptr), SQLITE_MISUSE);
}

}  // namespace
}  // namespace heed::storage::sqlite
