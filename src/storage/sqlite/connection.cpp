#include "storage/sqlite/connection.hpp"

#include "storage/sqlite/cjk_tokenizer.hpp"

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;

namespace {

// Long enough for a group commit of a full batch; a request waits this long for a lock before failing.
constexpr int kBusyTimeoutMs = 10000;

ErrorCode CodeFor(int rc) {
    switch (rc & 0xFF) {
        case SQLITE_CONSTRAINT: return ErrorCode::kConflict;
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return ErrorCode::kUnavailable;
        case SQLITE_FULL: return ErrorCode::kResourceExhausted;
        default: return ErrorCode::kInternal;
    }
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool read_only) {
    // SQLite's heap statistics take a global mutex on every allocation it makes, on every connection's thread; Heed
    // reads none of them. This must precede SQLite's initialisation (the first open); later it is refused, harmlessly.
    static const int kNoMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)kNoMemoryStatistics;
    sqlite3* db = nullptr;
    int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return Fail(ErrorCode::kUnavailable, "cannot open database " + path + ": " + message);
    }
    std::unique_ptr<Connection> connection(new Connection(db));
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    if (RegisterCjkTokenizer(db) != SQLITE_OK) return tl::unexpected(connection->ErrorFromDb("register tokenizer"));
    // synchronous=FULL in WAL mode syncs the log at every commit: nothing is acknowledged before it is durable.
    // Page caches are per connection: kWriterCacheKib for a read-write one; the complaint store's readers set their
    // own (2 MiB). Pages beyond them come from the operating system's file cache, which costs the server no memory:
    // at 1 000 000 complaints 32 and 8 MiB read no faster than 16 and 2 and held ≈ 70 MB more (BENCHMARKS.md,
    // "At 1 000 000 complaints, memory").
    const std::string setup = read_only ? "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-8192;"
                                        : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                                          "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-" +
                                              std::to_string(kWriterCacheKib) + ";";
    if (auto ok = connection->Execute(setup); !ok) return tl::unexpected(ok.error());
    return connection;
}

Connection::~Connection() {
    statements_.clear();
    sqlite3_close_v2(db_);
}

core::Error Connection::ErrorFromDb(std::string_view what) const {
    int rc = sqlite3_extended_errcode(db_);
    // The SQLite message goes to the caller's log; the client-facing text stays generic.
    return core::Error{CodeFor(rc), std::string(what) + ": " + sqlite3_errmsg(db_), {}, {}};
}

Result<Statement*> Connection::Prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) {
        it->second->Reset();
        return it->second.get();
    }
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                nullptr);
    if (rc != SQLITE_OK) return tl::unexpected(ErrorFromDb("prepare"));
    auto [inserted, _] = statements_.emplace(std::string(sql), std::make_unique<Statement>(db_, stmt));
    return inserted->second.get();
}

Result<void> Connection::Execute(std::string_view sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return Fail(CodeFor(rc), "sqlite: " + text);
    }
    return {};
}

Result<void> Connection::Run(std::string_view sql) {
    auto statement = Prepare(sql);
    if (!statement) return tl::unexpected(statement.error());
    auto done = (*statement)->Run();
    (*statement)->Reset();
    return done;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
    // SQLITE_STATIC: callers keep bound text alive until the statement is reset (see the header), which saves a copy
    // of every description and document on the writer's hot path.
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    return *this;
}

Statement& Statement::BindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Result<bool> Statement::Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    int code = sqlite3_extended_errcode(db_);
    std::string message = sqlite3_errmsg(db_);
    sqlite3_reset(stmt_);
    return Fail(CodeFor(code), "sqlite: " + message);
}

Result<void> Statement::Run() {
    for (;;) {
        auto row = Step();
        if (!row) return tl::unexpected(row.error());
        if (!*row) return {};
    }
}

std::string Statement::Text(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

}  // namespace heed::storage::sqlite
