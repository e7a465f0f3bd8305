#pragma once
// Template 1 of seed 002, the feedback capture form (客户满意度实时反馈采集表): one row per complaint with customer id,
// service type, channel, the problem in the customer's words, satisfaction score, the customer's suggestion,
// recorder and time. Rows are produced one at a time from the store (pages of 500), so an export of any size runs in
// bounded memory; the writers (CSV here, XLSX in src/xlsx) stream them out.
//
// Privacy (docs/security.md): the customer id is a contact detail, masked unless `with_contact_details`, which only
// roles that may reveal contact details (SeesContactDetails) may ask for; every export is first written to the
// audit log (export.feedback_form), and nothing is exported if that fails.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/analytics/kpi.hpp"
#include "core/analytics/monthly_report.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::analytics {

struct FeedbackFormOptions {
    std::optional<Instant> from;  // received at or after (inclusive)
    std::optional<Instant> to;    // received before (exclusive)
    Language language = Language::kZh;
    bool with_contact_details = false;
    std::string format = "csv";  // recorded in the audit record
    std::string destination;     // recorded in the audit record (a file name, "http")
};

// 客户满意度实时反馈采集表 / Feedback capture form.
std::string FeedbackFormTitle(Language language);

// The seed's column headings in the language (8 columns).
std::vector<std::string> FeedbackFormHeader(Language language);

// The form's row of one complaint; `recorder` is who filed it (the actor of its creation event).
std::vector<std::string> FeedbackFormRow(const complaint::Complaint& complaint, const std::string& recorder,
                                         Language language);

// Where rows of a table go (an XLSX workbook in src/xlsx): Row returns false when the writer failed.
class TableWriter {
public:
    virtual ~TableWriter() = default;
    virtual bool Row(const std::vector<std::string>& cells) = 0;
    virtual Result<void> Finish() = 0;  // completes the file
};
// Opens a table writer on a file with a title (the sheet's name) and this header row.
using TableWriterFactory = std::function<Result<std::unique_ptr<TableWriter>>(
    const std::string& path, const std::string& title, const std::vector<std::string>& header)>;

// The role checks and the audit record (export.feedback_form), before the first byte leaves.
Result<void> BeginFeedbackFormExport(ports::AuditLog& audit, const workflow::Actor& actor,
                                     const FeedbackFormOptions& options);

// After BeginFeedbackFormExport: every complaint of the actor's scope received in the period, oldest first, through
// `row` (which returns false to stop: the reader went away). Returns the number of rows.
Result<std::int64_t> WriteFeedbackForm(ports::ComplaintStore& store, const workflow::Actor& actor,
                                       const FeedbackFormOptions& options,
                                       const std::function<bool(const std::vector<std::string>&)>& row);

// Begin, then write. Role check, audit record, then every complaint of the actor's scope received in the period, oldest first, through
// `row` (which returns false to stop: the reader went away). Returns the number of rows. Roles: analysts, team
// leads (their team when they have one), managers, directors, admins; with contact details: SeesContactDetails.
Result<std::int64_t> ExportFeedbackForm(ports::ComplaintStore& store, ports::AuditLog& audit,
                                        const workflow::Actor& actor, const FeedbackFormOptions& options,
                                        const std::function<bool(const std::vector<std::string>&)>& row);

// RFC 4180 field quoting, and a cell that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
// apostrophe so an exported complaint cannot execute in Excel.
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace heed::core::analytics
