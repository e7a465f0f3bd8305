#pragma once
// What the KPIs of SPEC §8 need from one complaint, derived once from the record and its events (a pure function),
// so that any period and grouping is a scan over compact rows instead of a replay of every timeline.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/compact.hpp"
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

// One complaint's row, kept by the million (160 bytes; BENCHMARKS.md "At 1 000 000 complaints, memory"): shared values
// interned, optional instants in 8 bytes, lists in one allocation.
struct ComplaintFacts {
    struct Pause {
        Instant from, to;
        bool operator==(const Pause&) const = default;
    };

    std::int64_t id = 0;
    ShortString number;
    std::uint64_t customer = 0;  // for "affected customers": CustomerKey of the external id, else phone, else e-mail,
                                 // else the number
    Instant received{};
    OptionalInstant first_response;
    OptionalInstant resolved;        // the latest resolution (cleared while reopened)
    OptionalInstant first_resolved;  // the first time it was resolved (from the events)
    OptionalInstant closed;
    OptionalInstant answered_at;
    Instant last_activity{};  // the latest of every instant above and below: a row is skipped for periods before it
    PackedArray<Pause> pauses_before_resolved;  // stretches in waiting statuses between intake and `resolved`, [from,
                                                // to), oldest first
    PackedArray<Instant> surveys_sent;
    std::int64_t version = 0;
    std::array<Interned, kDimensionCount> dimensions;  // "" when unset (grouped as "")
    Interned cluster;  // triage's incident cluster of near-duplicate complaints ("" when none)
    std::optional<float> sentiment;
    std::optional<std::int8_t> csat;
    std::optional<std::int8_t> nps;
    std::int16_t handoffs = 0;  // changes of assignee, team or department after the first owner
    std::int16_t compensations_approved = 0;
    std::int8_t severity = 0;  // 0 when not set
    SlaOutcome sla_first_response = SlaOutcome::kNoTarget;
    SlaOutcome sla_resolution = SlaOutcome::kNoTarget;
    bool reopened : 1 = false;                     // reopened at least once
    bool reopened_after_day3 : 1 = false;          // reopened by (or after) a day-3 follow-up answered "not solved"
    bool escalated : 1 = false;                    // an escalation event
    bool first_response_breach_event : 1 = false;  // an sla_breached event of that clock (for RederiveSlaOutcomes)
    bool resolution_breach_event : 1 = false;
    bool repeat : 1 = false;  // the customer had a complaint in the same category in the previous 30 days (triage)

    // Time in waiting statuses between intake and `resolved`.
    std::int64_t PausedBeforeResolvedMs() const {
        std::int64_t ms = 0;
        for (const auto& [from, to] : pauses_before_resolved) ms += ToMillis(to) - ToMillis(from);
        return ms;
    }

    bool operator==(const ComplaintFacts&) const = default;
};

// The key a row's `customer` holds for a customer's identity text (distinct customers are counted by it).
inline std::uint64_t CustomerKey(std::string_view identity) {
    return std::hash<std::string_view>{}(identity);
}

// `now` decides pending vs breached for clocks not yet stopped.
// The two SLA outcomes again from the complaint's due times, for a row derived from the same version (a
// recomputation moved its due times without a new version or event).
void RederiveSlaOutcomes(ComplaintFacts& facts, const complaint::Complaint& complaint, Instant now);

ComplaintFacts DeriveFacts(const complaint::Complaint& complaint, const std::vector<workflow::Event>& events,
                           Instant now);

}  // namespace heed::core::analytics
