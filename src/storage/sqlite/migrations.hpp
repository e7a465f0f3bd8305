#pragma once
// Versioned schema migrations, tracked in PRAGMA user_version. Each migration runs in its own transaction; a
// database newer than this binary is refused rather than misread.

#include "core/common/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

// The schema version this binary writes.
int LatestSchemaVersion();

// Brings the database up to LatestSchemaVersion(); returns the version it started from.
core::Result<int> Migrate(Connection& connection);

}  // namespace heed::storage::sqlite
