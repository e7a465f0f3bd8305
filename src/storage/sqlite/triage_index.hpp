#pragma once
// The triage indexes of the SQLite store (migration 7): contact keys, text fingerprint bands, and the per-complaint
// row with what repeat detection, clusters and the triage queue read. Written by the store's writer in the same
// transaction as the complaint, from core::triage::IndexEntriesFor, so they always follow the record.

#include <vector>

#include "core/complaint/complaint.hpp"
#include "core/triage/index_entries.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

// Brings the indexes of `complaint` (stored, id assigned) in line with `entries`. `fresh`: the complaint was inserted
// in this transaction, so it has no index rows yet (nothing to compare or delete first).
core::Result<void> SyncTriageIndex(Connection& db, const core::complaint::Complaint& complaint,
                                   const core::triage::IndexEntries& entries, bool fresh = false);

// Removes the complaint from the indexes and its labels (retention deletes).
core::Result<void> DeleteTriageIndex(Connection& db, core::TenantId tenant, core::ComplaintId id);

// Appends labels (ids assigned).
core::Result<void> InsertTriageLabels(Connection& db, std::vector<core::triage::TriageLabel>& labels);

// Fills the indexes for complaints stored before migration 7; nothing when they are already filled.
core::Result<void> BackfillTriageIndex(Connection& db);

}  // namespace heed::storage::sqlite
