#include "storage/sqlite/backup.hpp"

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/migrations.hpp"

namespace heed::storage::sqlite {

using core::ErrorCode;
using core::Fail;
using core::Result;

namespace {

Result<BackupReport> Copy(Connection& from, Connection& to) {
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (!backup) return tl::unexpected(to.ErrorFromDb("backup"));
    // One step: the copy is one consistent snapshot of the source, taken inside a single read transaction.
    int rc = sqlite3_backup_step(backup, -1);
    BackupReport report{sqlite3_backup_pagecount(backup), 0};
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return Fail(ErrorCode::kUnavailable, std::string("backup failed: ") + sqlite3_errstr(rc));
    return report;
}

Result<void> Verify(Connection& db) {
    auto check = db.Prepare("PRAGMA integrity_check");
    if (!check) return tl::unexpected(check.error());
    auto row = (*check)->Step();
    if (!row) return tl::unexpected(row.error());
    std::string verdict = *row ? (*check)->Text(0) : "no answer";
    (*check)->Reset();
    if (verdict != "ok") return Fail(ErrorCode::kFailedPrecondition, "integrity check failed: " + verdict);
    auto version = db.Prepare("PRAGMA user_version");
    if (!version) return tl::unexpected(version.error());
    if (auto step = (*version)->Step(); !step || !*step) return Fail(ErrorCode::kFailedPrecondition, "no schema version");
    std::int64_t schema = (*version)->Int(0);
    (*version)->Reset();
    if (schema < 1 || schema > LatestSchemaVersion()) {
        return Fail(ErrorCode::kFailedPrecondition, "not a Heed database this version can use (schema " +
                                                        std::to_string(schema) + ")");
    }
    return {};
}

Result<std::int64_t> CountComplaints(Connection& db) {
    auto count = db.Prepare("SELECT count(*) FROM complaints");
    if (!count) return tl::unexpected(count.error());
    auto row = (*count)->Step();
    if (!row) return tl::unexpected(row.error());
    std::int64_t n = (*count)->Int(0);
    (*count)->Reset();
    return n;
}

}  // namespace

Result<BackupReport> Backup(const std::string& source, const std::string& destination) {
    auto from = Connection::Open(source, false);
    if (!from) return tl::unexpected(from.error());
    auto to = Connection::Open(destination, false);
    if (!to) return tl::unexpected(to.error());
    auto report = Copy(**from, **to);
    if (!report) return report;
    if (auto ok = Verify(**to); !ok) return tl::unexpected(ok.error());
    auto complaints = CountComplaints(**to);
    if (!complaints) return tl::unexpected(complaints.error());
    report->complaints = *complaints;
    return report;
}

Result<BackupReport> Restore(const std::string& backup, const std::string& target) {
    auto from = Connection::Open(backup, true);
    if (!from) return tl::unexpected(from.error());
    if (auto ok = Verify(**from); !ok) return tl::unexpected(ok.error());
    auto to = Connection::Open(target, false);
    if (!to) return tl::unexpected(to.error());
    auto report = Copy(**from, **to);
    if (!report) return report;
    auto complaints = CountComplaints(**to);
    if (!complaints) return tl::unexpected(complaints.error());
    report->complaints = *complaints;
    return report;
}

}  // namespace heed::storage::sqlite
