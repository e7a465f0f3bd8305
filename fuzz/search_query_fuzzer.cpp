// Fuzzes full-text search: the text is indexed by the heed_cjk tokenizer and searched for, as a user's `q`, through
// the same query builder the store uses, in a real SQLite FTS5 table. A document must always find itself when its
// text yields any token.

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "storage/sqlite/cjk_tokenizer.hpp"
#include "storage/sqlite/list_query.hpp"

namespace {

sqlite3* Database() {
    static sqlite3* db = [] {
        sqlite3* handle = nullptr;
        sqlite3_open(":memory:", &handle);
        heed::storage::sqlite::RegisterCjkTokenizer(handle);
        sqlite3_exec(handle, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='heed_cjk')", nullptr, nullptr, nullptr);
        return handle;
    }();
    return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    sqlite3* db = Database();
    std::string text(reinterpret_cast<const char*>(data), size);
    sqlite3_exec(db, "DELETE FROM t", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t (rowid, body) VALUES (1, ?1)", -1, &insert, nullptr);
    sqlite3_bind_text(insert, 1, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    sqlite3_step(insert);
    sqlite3_finalize(insert);

    std::string query = heed::storage::sqlite::ToFtsQuery(text);
    sqlite3_stmt* search = nullptr;
    sqlite3_prepare_v2(db, "SELECT rowid, highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1", -1, &search, nullptr);
    sqlite3_bind_text(search, 1, query.data(), static_cast<int>(query.size()), SQLITE_STATIC);
    int rc = sqlite3_step(search);
    while (rc == SQLITE_ROW) rc = sqlite3_step(search);
    sqlite3_finalize(search);
    return 0;
}
