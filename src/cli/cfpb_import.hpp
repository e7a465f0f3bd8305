#pragma once
// Imports complaints from the CFPB Consumer Complaint Database export (CSV with its original column names). Every
// original value is kept in the complaint's attributes; mapped fields are described in docs/import.md.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/services/complaint_service.hpp"

namespace heed::cli {

struct ImportReport {
    std::int64_t rows = 0;
    std::int64_t imported = 0;
    std::int64_t rejected = 0;
    std::vector<std::string> reasons;  // "line N: why", at most kMaxReasons
    static constexpr std::size_t kMaxReasons = 50;
};

// Reads the CSV from `input` and files the rows in batches; rows already imported (same Complaint ID) are
// rejected as duplicates, so running an import twice adds nothing. A header without the needed columns is an error.
core::Result<ImportReport> ImportCfpb(core::services::ComplaintService& service, const core::workflow::Actor& actor,
                                      std::istream& input);

}  // namespace heed::cli
