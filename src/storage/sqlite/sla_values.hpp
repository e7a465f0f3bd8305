#pragma once
// The SLA values that live beside the complaint row (migration 20): the check times the sweeper looks for
// (sla_checks), and the due times a recomputation moved without rewriting the row (complaint_sla). What the writes of
// whole complaints do to them; SqliteComplaintStore::SetSlaValues and the sweeper's queries are in sla_values.cpp.

#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

// After the complaint row was written whole (created, or updated to a new version): its check time in sla_checks
// (removed when it has none), and no complaint_sla row any more — the row holds its SLA values again. `created`: the
// complaint is new, so neither table has a row of it.
core::Result<void> StoreSlaValuesOfRow(Connection& db, const core::complaint::Complaint& complaint, bool created);

// The complaint is deleted: its rows in both tables go too.
core::Result<void> DeleteSlaValues(Connection& db, core::ComplaintId id);

}  // namespace heed::storage::sqlite
