#pragma once
// Online backup and restore of a Heed SQLite database with SQLite's backup API: a backup is a consistent snapshot
// taken while the server keeps serving (WAL lets writers go on), and is checked before it is reported done.

#include <cstdint>
#include <string>

#include "core/common/result.hpp"

namespace heed::storage::sqlite {

struct BackupReport {
    std::int64_t pages = 0;
    std::int64_t complaints = 0;  // in the snapshot, over all tenants
};

// Copies `source` to `destination` (replaced if it exists) and verifies the copy (integrity check).
core::Result<BackupReport> Backup(const std::string& source, const std::string& destination);

// Verifies `backup` (integrity check and schema version), then copies it over `target`. Stop the server first:
// a running server would keep serving its cached view.
core::Result<BackupReport> Restore(const std::string& backup, const std::string& target);

}  // namespace heed::storage::sqlite
