#pragma once
// What the KPIs of SPEC §8 need from one complaint, derived once from the record and its events (a pure function),
// so that any period and grouping is a scan over compact rows instead of a replay of every timeline.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/time.hpp"
#include "core/complaint/complaint.hpp"
#include "core/workflow/event.hpp"

namespace heed::core::analytics {

// The dimensions KPIs are grouped by.
enum class Dimension { kCategory, kChannel, kTeam, kAgent, kProduct, kTier };
inline constexpr EnumNames<Dimension, 6> kDimensionNames{{{Dimension::kCategory, "category"},
                                                          {Dimension::kChannel, "channel"},
                                                          {Dimension::kTeam, "team"},
                                                          {Dimension::kAgent, "agent"},
                                                          {Dimension::kProduct, "product"},
                                                          {Dimension::kTier, "tier"}}};
inline constexpr std::size_t kDimensionCount = 6;

// A clock's outcome against its SLA target.
enum class SlaOutcome : std::int8_t { kNoTarget, kPending, kMet, kBreached };

struct ComplaintFacts {
    std::int64_t id = 0;
    std::string number;
    std::int64_t version = 0;
    std::array<std::string, kDimensionCount> dimensions;  // "" when unset (grouped as "")
    Instant received{};
    std::optional<Instant> first_response;
    std::optional<Instant> resolved;        // the latest resolution (cleared while reopened)
    std::optional<Instant> first_resolved;  // the first time it was resolved (from the events)
    std::optional<Instant> closed;
    Instant last_activity{};  // the latest of every instant below and above: a row is skipped for periods before it
    std::int64_t paused_before_resolved_ms = 0;  // time in waiting statuses between intake and `resolved`
    std::vector<std::pair<Instant, Instant>> pauses_before_resolved;  // those stretches, [from, to), oldest first
    bool reopened = false;                       // reopened at least once
    bool reopened_after_day3 = false;            // reopened by (or after) a day-3 follow-up answered "not solved"
    bool escalated = false;                      // an escalation event
    int handoffs = 0;                            // changes of assignee, team or department after the first owner
    SlaOutcome sla_first_response = SlaOutcome::kNoTarget;
    SlaOutcome sla_resolution = SlaOutcome::kNoTarget;
    bool first_response_breach_event = false;  // an sla_breached event of that clock (kept for RederiveSlaOutcomes)
    bool resolution_breach_event = false;
    bool repeat = false;  // the customer had a complaint in the same category in the previous 30 days (triage)
    std::optional<int> csat;
    std::optional<int> nps;
    std::optional<Instant> answered_at;
    std::vector<Instant> surveys_sent;
    int compensations_approved = 0;
    std::string customer;  // a key for "affected customers": external id, else phone, else e-mail, else the number
    int severity = 0;      // 0 when not set
    std::optional<double> sentiment;
    std::string cluster;  // triage's incident cluster of near-duplicate complaints ("" when none)

    bool operator==(const ComplaintFacts&) const = default;
};

// `now` decides pending vs breached for clocks not yet stopped.
// The two SLA outcomes again from the complaint's due times, for a row derived from the same version (a
// recomputation moved its due times without a new version or event).
void RederiveSlaOutcomes(ComplaintFacts& facts, const complaint::Complaint& complaint, Instant now);

ComplaintFacts DeriveFacts(const complaint::Complaint& complaint, const std::vector<workflow::Event>& events,
                           Instant now);

}  // namespace heed::core::analytics
