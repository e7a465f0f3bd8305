#pragma once
// The complaint record (投诉单), SPEC §1. Plain data: invariants are enforced by ValidateNewComplaint and by the
// workflow, not by this struct. Fields that later capabilities fill (triage, SLA, links) start empty.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/time.hpp"
#include "core/complaint/enums.hpp"
#include "core/workflow/status.hpp"

namespace heed::core::complaint {

struct Customer {
    std::string name;
    std::string phone;
    std::string email;
    std::string external_id;  // e.g. C202405001
    CustomerTier tier = CustomerTier::kRegular;
};

// Money in minor units (fen, cents) so that sums are exact.
struct Money {
    std::int64_t minor_units = 0;
    std::string currency;  // ISO 4217, e.g. CNY
    auto operator<=>(const Money&) const = default;
};

struct Attachment {
    std::string name;
    std::string content_type;
    std::string reference;  // where the evidence is kept (URL or storage key)
    auto operator<=>(const Attachment&) const = default;
};

struct Classification {
    std::string category;     // first level of the tenant taxonomy, e.g. 物流配送
    std::string subcategory;  // second level, e.g. 物流延迟
    std::vector<std::string> tags;
    std::string nature;
    std::optional<Urgency> urgency;
    std::optional<Difficulty> difficulty;
    std::optional<int> severity;  // 1–5
    std::optional<ServiceStage> service_stage;
    std::optional<double> sentiment_score;    // −1 … 1
    std::optional<double> emotion_intensity;  // 0 … 1
    std::vector<RiskFlag> risk_flags;
    std::optional<double> confidence;                   // of the model that classified, 0 … 1
    std::map<std::string, FieldSource> field_sources;  // which of model / rule / person set each field
};

struct Milestones {
    Instant received_at{};
    std::optional<Instant> acknowledged_at;
    std::optional<Instant> first_response_at;
    std::optional<Instant> resolved_at;
    std::optional<Instant> closed_at;
};

// A link between two related complaints, kept on both (ComplaintService::Link).
struct RelatedLink {
    ComplaintId id;  // the other complaint
    std::string reason;
    std::string by;
    Instant at{};
    auto operator<=>(const RelatedLink&) const = default;
};

struct Links {
    std::optional<ComplaintId> repeat_of;
    std::optional<ComplaintId> duplicate_of;
    std::optional<ComplaintId> merged_into;
    std::string incident_cluster;
    std::vector<RelatedLink> related;        // at most kMaxRelatedLinks
    std::vector<ComplaintId> merged_from;    // duplicates merged into this complaint, oldest merge first
};

inline constexpr std::size_t kMaxRelatedLinks = 50;

// The customer's latest survey answer (SPEC §6), set only by a submitted survey. Raw per-question scores stay in the
// surveys table; these are the headline figures analytics reads.
struct Feedback {
    std::optional<int> csat;    // 1–5
    std::optional<int> nps;     // 0–10
    std::optional<int> effort;  // 1–7
    std::optional<Instant> answered_at;
    auto operator<=>(const Feedback&) const = default;
};

// What intake triage found beyond the classification (SPEC §3), for people to review. Set by TriageService.
struct TriageSignals {
    std::vector<std::string> review_fields;     // fields a person should confirm; non-empty = in the triage queue
    std::map<std::string, double> confidences;  // the model's confidence per field it set, 0 … 1
    std::vector<std::string> risk_terms;        // risk lexicon terms found in the text
    int repeat_count = 0;  // earlier complaints of the customer in the same category within 30 days, chained
    double fraud_score = 0.0;                 // 0 … 1, for human review only; never acted on automatically
    std::vector<std::string> fraud_reasons;  // why the score is what it is
};

// Compensation amounts of one currency on a complaint, in minor units (SPEC §4). Kept by CompensationService in the
// same write as the event of each step: `requested` counts every request; `approved`, `rejected` and `pending` split
// it by where each request stands.
struct CompensationTotal {
    std::int64_t requested = 0;
    std::int64_t approved = 0;
    std::int64_t rejected = 0;
    std::int64_t pending = 0;
    auto operator<=>(const CompensationTotal&) const = default;
};

// Where the complaint stands against its SLA (SPEC §4), as last computed by the SLA service. The three due times of
// the clocks are first_response_due_at, next_update_due_at (here) and resolution_due_at; the live view with time left
// is computed on read.
struct SlaSummary {
    std::string policy;  // name of the policy that applies; empty: no SLA
    std::string state;   // the most pressing clock: breached, warning, running, paused, met, stopped, inactive
    std::optional<Instant> next_update_due_at;
    std::optional<Instant> regulatory_due_at;  // the calendar-day regulatory clock, never paused
    std::optional<Instant> check_at;           // when a clock next warns or falls due: the sweeper looks then
    int escalation_level = 0;                  // 0 agent, 1 team lead, 2 manager, 3 director / legal
    std::string escalation_reason;
};

struct Complaint {
    ComplaintId id;
    TenantId tenant;
    std::string number;  // TS + yyyymm + sequence, unique per tenant
    Customer customer;
    Channel channel = Channel::kWeb;
    ServiceType service_type = ServiceType::kComplaint;
    std::string subject;
    std::string description;  // the customer's own words (客户原话), never altered after intake
    std::optional<Instant> occurred_at;
    std::string location;
    std::string order_ref;
    std::string product_ref;
    std::string people_involved;
    std::optional<Money> amount_in_dispute;
    std::string remedy_sought;  // 诉求
    std::vector<Attachment> attachments;
    Classification classification;
    workflow::Status status = workflow::Status::kNew;
    std::string assignee;
    std::string team;
    std::string department;
    std::optional<Instant> first_response_due_at;
    std::optional<Instant> resolution_due_at;
    SlaSummary sla;
    Milestones milestones;
    std::string resolution_summary;
    std::string compensation;
    std::map<std::string, CompensationTotal> compensation_totals;  // by currency (ISO 4217); read-only in the API
    std::optional<Acceptance> customer_acceptance;
    Feedback feedback;
    Links links;
    TriageSignals triage;
    std::string rejection_reason;
    std::string source_ref;                          // id in the system it came from (e.g. a CFPB Complaint ID)
    std::map<std::string, std::string> attributes;  // original values kept from imports, tenant-defined extras
    std::int64_t version = 0;
    Instant updated_at{};
};

// Numbering: "TS" + yyyymm + 6-digit sequence (TS202405000123). A month past 999 999 widens the sequence rather
// than failing, so numbers stay unique and sortable within the month.
std::string FormatComplaintNumber(int year_month, std::int64_t sequence);

// Size limits, documented in docs/api.md.
inline constexpr std::size_t kMaxSubjectBytes = 500;
inline constexpr std::size_t kMaxDescriptionBytes = 20000;
inline constexpr std::size_t kMaxShortFieldBytes = 200;
inline constexpr std::size_t kMaxTextFieldBytes = 2000;
inline constexpr std::size_t kMaxTags = 32;
inline constexpr std::size_t kMaxAttachments = 20;
inline constexpr std::size_t kMaxAttributes = 64;

}  // namespace heed::core::complaint
