#pragma once
// Exports a tenant's complaints as CSV (RFC 4180, UTF-8, header row), one row per complaint in id order.

#include <iosfwd>

#include "core/ports/complaint_store.hpp"

namespace heed::cli {

// Returns the number of rows written. Customer phone, e-mail and ids are masked unless `with_contact_details`.
core::Result<std::int64_t> ExportCsv(core::ports::ComplaintStore& store, core::TenantId tenant, std::ostream& out,
                                     bool with_contact_details = false);

}  // namespace heed::cli
