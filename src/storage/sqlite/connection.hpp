#pragma once
// A thin RAII layer over one sqlite3 connection: prepared statements only, cached per connection, and SQLite
// errors turned into Result values at this boundary. Not thread-safe: one thread uses a Connection at a time.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <sqlite3.h>

#include "core/common/result.hpp"

namespace heed::storage::sqlite {

class Statement;

// The page cache of a read-write connection (KiB; connection.cpp says why this size).
inline constexpr int kWriterCacheKib = 16 * 1024;

class Connection {
public:
    // Opens (creating if needed) the database at `path`, sets WAL, synchronous=FULL, foreign keys, a busy timeout,
    // and registers the heed_cjk FTS5 tokenizer. `read_only` connections refuse writes.
    static core::Result<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only);

    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Returns the cached prepared statement for `sql`, reset and with bindings cleared.
    core::Result<Statement*> Prepare(std::string_view sql);

    // Runs statements without results (DDL, PRAGMAs). Only for fixed SQL text, never with user values.
    core::Result<void> Execute(std::string_view sql);

    // Runs one fixed statement without results through the statement cache (BEGIN, SAVEPOINT, COMMIT on hot paths).
    core::Result<void> Run(std::string_view sql);

    sqlite3* handle() { return db_; }

    core::Error ErrorFromDb(std::string_view what) const;

private:
    explicit Connection(sqlite3* db) : db_(db) {}

    // Looked up by the SQL text as given (a string_view), without building a std::string per call.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    sqlite3* db_;
    std::unordered_map<std::string, std::unique_ptr<Statement>, TextHash, std::equal_to<>> statements_;
};

// A cached prepared statement. Bind indexes are 1-based, columns 0-based as in SQLite.
class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void Reset();
    Statement& Bind(int index, std::int64_t value);
    // The text is not copied: it must stay alive until the statement is stepped to completion or reset.
    Statement& Bind(int index, std::string_view value);
    Statement& BindNull(int index);

    // Steps once: true with a row, false when done; errors as values.
    core::Result<bool> Step();
    // Steps to completion, expecting no rows.
    core::Result<void> Run();

    // Steps through the remaining rows, calling `visit(*this)` for each; `visit` returns void, or a Result<void>
    // whose error stops the walk and is returned. The statement is reset at the end, also after an error, so it
    // holds no read snapshot open.
    template <typename Visit>
    core::Result<void> ForEachRow(Visit&& visit);

    // The rows, each turned into a value by `read(*this)`; reset as ForEachRow.
    template <typename Read>
    auto Collect(Read&& read) -> core::Result<std::vector<std::invoke_result_t<Read&, Statement&>>>;

    std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
    std::string Text(int column) const;
    bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
};

template <typename Visit>
core::Result<void> Statement::ForEachRow(Visit&& visit) {
    for (;;) {
        auto row = Step();
        if (!row) {
            Reset();
            return tl::unexpected(row.error());
        }
        if (!*row) break;
        if constexpr (std::is_void_v<std::invoke_result_t<Visit&, Statement&>>) {
            visit(*this);
        } else if (auto visited = visit(*this); !visited) {
            Reset();
            return tl::unexpected(visited.error());
        }
    }
    Reset();
    return {};
}

template <typename Read>
auto Statement::Collect(Read&& read) -> core::Result<std::vector<std::invoke_result_t<Read&, Statement&>>> {
    std::vector<std::invoke_result_t<Read&, Statement&>> out;
    auto walked = ForEachRow([&](Statement& s) { out.push_back(read(s)); });
    if (!walked) return tl::unexpected(walked.error());
    return out;
}

}  // namespace heed::storage::sqlite
