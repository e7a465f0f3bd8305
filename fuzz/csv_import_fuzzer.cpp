// Fuzzes the CSV reader and the CFPB import behind it: quoting, multi-line fields, ragged rows, invalid UTF-8,
// missing columns — every row either imports or is rejected with a reason, nothing crashes.

#include <cstdint>
#include <sstream>
#include <string>

#include "cli/cfpb_import.hpp"
#include "core/services/complaint_service.hpp"
#include "storage/memory/memory_store.hpp"

namespace {
class FixedClock final : public heed::core::ports::Clock {
public:
    heed::core::Instant Now() const override { return heed::core::FromMillis(1715306400000); }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FixedClock clock;
    heed::storage::memory::MemoryComplaintStore store;
    heed::core::services::ComplaintService service(store, clock);
    std::istringstream input(std::string(reinterpret_cast<const char*>(data), size));
    auto report = heed::cli::ImportCfpb(
        service, {heed::core::kDefaultTenant, "import", heed::core::workflow::Role::kSystem, {}}, input);
    if (report && report->imported + report->rejected > report->rows) __builtin_trap();  // rows are not invented
    return 0;
}
