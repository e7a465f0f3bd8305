#pragma once
// SLA policies (SPEC §4): which complaints a policy covers, the calendar its clocks count on, and its three targets.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"

namespace heed::core::sla {

// Every non-empty condition must hold; an empty list means "any". A condition on a field the complaint has not got
// yet (no urgency, no severity) does not hold, so an unclassified complaint falls through to a catch-all policy.
struct SlaConditions {
    std::vector<complaint::Urgency> urgencies;
    std::optional<int> min_severity;  // 1–5: severity ≥ this
    std::vector<complaint::CustomerTier> tiers;
    std::vector<std::string> categories;  // first-level category names, compared exactly
    std::vector<complaint::Channel> channels;
};

// Business time on the policy's calendar. An absent target is not measured.
struct SlaTargets {
    std::optional<std::chrono::milliseconds> first_response;  // received → first outbound reply
    std::optional<std::chrono::milliseconds> next_update;     // last outbound reply → the next one, while open
    std::optional<std::chrono::milliseconds> resolution;      // received → resolved, waiting statuses excluded
};

struct SlaPolicy {
    std::string name;
    SlaConditions conditions;
    std::string calendar = "24x7";  // the BusinessCalendar::name the clocks count on
    SlaTargets targets;
    double warn_share = 0.75;  // a clock warns once elapsed ≥ warn_share × target
};

// The defaults from the seeds (紧急投诉2小时内响应, 一般投诉24小时内初步回应, 普通投诉48小时内解决) on the 24×7
// calendar, in selection order: "urgent" (urgency urgent: first response 2 h, resolution 24 h), then "general"
// (everything else: first response 24 h, resolution 48 h). The seeds set no next-update target, so none is set.
std::vector<SlaPolicy> DefaultPolicies();

bool Matches(const SlaConditions& conditions, const complaint::Complaint& complaint);

// The first policy, in order, whose conditions hold; nullptr when none does. The pointer is into `policies`.
const SlaPolicy* SelectPolicy(const std::vector<SlaPolicy>& policies, const complaint::Complaint& complaint);

// Refuses, naming the field: an empty name or calendar, a target ≤ 0, a warn share outside (0, 1], a minimum
// severity outside 1–5.
Result<void> ValidatePolicy(const SlaPolicy& policy);

}  // namespace heed::core::sla
