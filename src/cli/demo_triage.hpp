#pragma once
// `heed demo`, triage part: two tenant rules, and a handful of new complaints filed one by one through intake triage
// so the demo shows what triage does — risk words raising flags and urgency (source rule), a rule setting the
// category and escalating, a customer's third complaint on the same matter (repeat_count 2), an incident cluster of
// near-identical complaints from four customers (mass_incident), a duplicate, and a burst with its fraud score.

#include <string>

#include "core/services/complaint_service.hpp"
#include "core/services/rule_service.hpp"

namespace heed::cli {

struct TriageDemoReport {
    int rules = 0;
    int filed = 0;
    int with_risk_flags = 0;
    int repeats = 0;
    std::string cluster;  // the incident cluster formed
    int cluster_customers = 0;
    int in_triage_queue = 0;
    int with_sentiment = 0;  // a sentiment set (by the lexicons, while no sentiment model exists)
    int sharply_negative = 0;  // of those, ≤ −0.8: the SLA escalates them
};

// Files the scenarios in the days before `now`; rules already present by name are kept.
core::Result<TriageDemoReport> SeedTriageDemo(core::services::ComplaintService& complaints,
                                              core::services::RuleService& rules, core::TenantId tenant,
                                              core::Instant now);

}  // namespace heed::cli
