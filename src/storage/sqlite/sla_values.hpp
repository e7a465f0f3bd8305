#pragma once
// The SLA values that live beside the complaint row (migration 20): the check times the sweeper looks for
// (sla_checks), and the due times a recomputation moved without rewriting the row (complaint_sla). What the writes of
// whole complaints do to them; SqliteComplaintStore::SetSlaValues and the sweeper's queries are in sla_values.cpp.

#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"
#include "core/workflow/event.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

// After the complaint row was written whole (created, or updated to a new version): its check time in sla_checks
// (removed when it has none), no complaint_sla row any more — the row holds its SLA values again — and what the SLA
// reads of it in sla_inputs while it is open or waiting (removed once solved or ended). `created_with`: the events of
// a new complaint (no table has a row of it yet); null for an update, whose events are read back from the table.
core::Result<void> StoreSlaValuesOfRow(Connection& db, const core::complaint::Complaint& complaint,
                                       const std::vector<core::workflow::Event>* created_with);

// The complaint is deleted: its rows in these tables go too.
core::Result<void> DeleteSlaValues(Connection& db, core::ComplaintId id);

}  // namespace heed::storage::sqlite
