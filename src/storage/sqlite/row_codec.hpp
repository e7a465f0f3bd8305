#pragma once
// Maps a complaint to the columns of the `complaints` table and back. Filterable fields are columns; the rest of the
// record travels in the `doc` JSON column, so adding a field needs no migration of existing rows.

#include <string>

#include "core/complaint/complaint.hpp"
#include "core/complaint/message.hpp"
#include "core/workflow/event.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

// The SELECT list matching ReadComplaint, for the table aliased as `c`. Its due_key and the SLA values are the
// complaint's as they stand: those of its complaint_sla row when one is there for the row's version (migration 20:
// set by SetSlaValues), else the row's own.
extern const char* const kComplaintColumns;
// The same for SQL terms: the due key and the SLA state as they stand, for the complaints table aliased as `c`. Only
// an open or waiting complaint can have a complaint_sla row, so queries of solved or ended statuses use the columns
// (and their partial indexes) directly.
extern const char* const kEffectiveDueKey;
extern const char* const kEffectiveSlaState;

std::string EncodeDoc(const core::complaint::Complaint& complaint);
// The values SetSlaValues keeps in complaint_sla.doc, and laying them over the complaint's own.
std::string EncodeSlaValues(const core::complaint::Complaint& complaint);
core::Result<void> ApplySlaValues(const std::string& text, core::complaint::Complaint& complaint);

// The `sla_state` column of a complaint: its SLA state, or "inactive" when it has none (as the API shows it). The
// document keeps the state too; the column is what lists filter on (and the index of the queues "due soon" and
// "breached", complaints_sla_due).
std::string SlaStateColumn(const core::complaint::Complaint& complaint);

// Reads the row at the current step of `statement`, whose first columns are kComplaintColumns.
core::Result<core::complaint::Complaint> ReadComplaint(const Statement& statement);

core::workflow::Event ReadEvent(const Statement& statement);      // columns of kEventColumns
core::complaint::Message ReadMessage(const Statement& statement);  // columns of kMessageColumns
extern const char* const kEventColumns;
extern const char* const kMessageColumns;

}  // namespace heed::storage::sqlite
