#pragma once
// `heed demo`: believable complaints in Chinese and English over the last six months, across channels and
// categories, each played through the real workflow (triage, assignment, replies, waiting, resolution, follow-up,
// reopening, closing) with a clock that moves forward, so the timeline and milestones are what production would show.

#include <cstdint>
#include <map>
#include <string>

#include "core/services/complaint_service.hpp"

namespace heed::cli {

struct DemoOptions {
    std::int64_t count = 2000;
    std::uint64_t seed = 42;
    core::Instant now{};  // the demo's "today"; complaints are received in the 182 days before it
};

struct DemoReport {
    std::int64_t created = 0;
    std::int64_t failed = 0;
    std::map<std::string, std::int64_t> by_status;
    std::string first_error;
};

DemoReport GenerateDemo(core::services::ComplaintService& service, const DemoOptions& options);

}  // namespace heed::cli
