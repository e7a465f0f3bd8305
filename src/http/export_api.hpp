#pragma once
// Template exports over HTTP:
//   GET /api/v1/exports/feedback-form?format=csv|xlsx&lang=zh|en&from&to&with_contact_details=false
// Template 1 of seed 002 (core/analytics/feedback_form.hpp), streamed: CSV row by row as chunks, XLSX written to a
// temporary file in constant memory and then sent in chunks. No row cap.

#include <functional>

#include "core/analytics/feedback_form.hpp"
#include "http/router.hpp"

namespace heed::http {

struct ExportApiOptions {
    std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate;
    core::ports::ComplaintStore* store = nullptr;
    core::ports::AuditLog* audit = nullptr;
    // Opens an XLSX table (given by main so this adapter names no spreadsheet library); null: CSV only.
    core::analytics::TableWriterFactory xlsx;
};

void AddExportApi(Router& router, ExportApiOptions options);

}  // namespace heed::http
