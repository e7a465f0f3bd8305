#include "core/complaint/complaint.hpp"

#include <cstdio>

namespace heed::core::complaint {

std::string FormatComplaintNumber(int year_month, std::int64_t sequence) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "TS%06d%06lld", year_month, static_cast<long long>(sequence));
    return buffer;
}

}  // namespace heed::core::complaint
