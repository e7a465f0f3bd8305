#pragma once
// Tables of any length as XLSX (libxlsxwriter in constant-memory mode: each row goes to a temporary file as it is
// written, so memory stays flat however many rows there are). A sheet holds at most 1 048 576 rows; the table
// continues on a new sheet (header repeated) instead of stopping.

#include <memory>
#include <string>
#include <vector>

#include "core/analytics/feedback_form.hpp"

namespace heed::xlsx {

// A workbook at `path` whose sheets are named `sheet_name` (then "sheet_name 2", …), the header row bold and frozen.
// kInternal when libxlsxwriter cannot create it.
// (Matches core::analytics::TableWriterFactory.)
core::Result<std::unique_ptr<core::analytics::TableWriter>> OpenTableXlsx(const std::string& path,
                                                                          const std::string& sheet_name,
                                                                          const std::vector<std::string>& header);

}  // namespace heed::xlsx
