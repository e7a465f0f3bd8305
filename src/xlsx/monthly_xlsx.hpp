#pragma once
// The monthly evaluation report as an XLSX workbook (libxlsxwriter): a summary sheet laid out like template 4 of
// seed 002, a KPI sheet with targets and formats, the Pareto of problem types with a real bar chart, and the daily
// volume with a line chart.

#include <string>

#include "core/analytics/monthly_report.hpp"

namespace heed::xlsx {

// The workbook's bytes. kInternal when libxlsxwriter fails (details in the message).
core::Result<std::string> MonthlyReportXlsx(const core::analytics::MonthlyReport& report,
                                            core::analytics::Language language);

}  // namespace heed::xlsx
