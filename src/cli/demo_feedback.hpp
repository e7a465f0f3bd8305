#pragma once
// `heed demo`, feedback part: "3+7" follow-ups for resolved complaints (some due, some overdue, the day-3 call done
// for those already in follow_up), surveys sent a week after resolution for closed ones with about half answered
// (scores on the complaint too), and acknowledgements waiting in the outbox for the newest complaints.

#include <cstdint>

#include "core/ports/complaint_store.hpp"
#include "core/ports/feedback_store.hpp"
#include "core/ports/outbox.hpp"

namespace heed::cli {

struct FeedbackDemoReport {
    int follow_ups = 0;
    int due = 0;
    int overdue = 0;
    int surveys_sent = 0;
    int surveys_answered = 0;
    int outbox = 0;
};

core::Result<FeedbackDemoReport> SeedFeedbackDemo(core::ports::ComplaintStore& store, core::ports::FeedbackStore& feedback,
                                                  core::ports::Outbox& outbox, core::TenantId tenant, core::Instant now,
                                                  std::uint64_t seed);

}  // namespace heed::cli
