#pragma once
// A partial update of a complaint (PATCH). Only fields a person may edit are here: the description (客户原话) is
// never altered, status moves only through the workflow, and milestones are set by the events that cause them.

#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"
#include "core/workflow/actor.hpp"
#include "core/workflow/transitions.hpp"

namespace heed::core::complaint {

struct ComplaintPatch {
    std::optional<std::string> customer_name;
    std::optional<std::string> customer_phone;
    std::optional<std::string> customer_email;
    std::optional<CustomerTier> customer_tier;
    std::optional<std::string> subject;
    std::optional<Instant> occurred_at;
    std::optional<std::string> location;
    std::optional<std::string> order_ref;
    std::optional<std::string> product_ref;
    std::optional<std::string> people_involved;
    std::optional<Money> amount_in_dispute;
    std::optional<std::string> remedy_sought;
    std::optional<std::string> category;
    std::optional<std::string> subcategory;
    std::optional<std::vector<std::string>> tags;
    std::optional<std::string> nature;
    std::optional<Urgency> urgency;
    std::optional<Difficulty> difficulty;
    std::optional<int> severity;
    std::optional<ServiceStage> service_stage;
    std::optional<std::vector<RiskFlag>> risk_flags;
    std::optional<std::string> assignee;
    std::optional<std::string> team;
    std::optional<std::string> department;
    std::optional<std::string> resolution_summary;
    std::optional<std::string> compensation;
    std::optional<Acceptance> customer_acceptance;
    // True: the person confirms the triage fields still waiting for review (TriageService::Corrections).
    std::optional<bool> triage_reviewed;
};

// Applies `patch` and returns one field_changed event per field whose value actually changed; classification fields
// a person sets are marked as set by a person. Errors: kInvalidArgument when the result fails ValidateComplaint, or
// when the patch changes nothing editable in an ended complaint.
Result<workflow::Change> ApplyPatch(const Complaint& current, const ComplaintPatch& patch,
                                    const workflow::Actor& actor, Instant now);

}  // namespace heed::core::complaint
