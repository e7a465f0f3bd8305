#include "core/analytics/facts.hpp"

#include <algorithm>

namespace heed::core::analytics {
namespace {

using workflow::EventKind;
using workflow::Status;

SlaOutcome Outcome(const std::optional<Instant>& due, const std::optional<Instant>& done, bool breach_event,
                   Instant now) {
    if (!due) return breach_event ? SlaOutcome::kBreached : SlaOutcome::kNoTarget;
    if (breach_event) return SlaOutcome::kBreached;
    if (done) return *done <= *due ? SlaOutcome::kMet : SlaOutcome::kBreached;
    return now > *due ? SlaOutcome::kBreached : SlaOutcome::kPending;
}

}  // namespace

ComplaintFacts DeriveFacts(const complaint::Complaint& c, const std::vector<workflow::Event>& events, Instant now) {
    ComplaintFacts f;
    f.id = c.id.value;
    f.number = c.number;
    f.version = static_cast<std::int32_t>(std::min<std::int64_t>(c.version, ComplaintFacts::kDeletedVersion - 1));
    f.dimensions = {Interned(c.classification.category),
                    Interned(complaint::ToString(c.channel)),
                    Interned(c.team),
                    Interned(c.assignee),
                    Interned(!c.product_ref.empty() ? c.product_ref : c.classification.subcategory),
                    Interned(complaint::ToString(c.customer.tier))};
    f.received = c.milestones.received_at;
    f.first_response = c.milestones.first_response_at;
    f.resolved = c.milestones.resolved_at;
    f.closed = c.status == Status::kClosed ? c.milestones.closed_at : std::nullopt;
    if (c.feedback.csat) f.csat = static_cast<std::int8_t>(*c.feedback.csat);  // 1–5
    if (c.feedback.nps) f.nps = static_cast<std::int8_t>(*c.feedback.nps);     // 0–10
    f.answered_at = c.feedback.answered_at;
    f.repeat = c.links.repeat_of.has_value() || c.triage.repeat_count > 0;
    f.customer = CustomerKey(!c.customer.external_id.empty() ? c.customer.external_id
                             : !c.customer.phone.empty()     ? c.customer.phone
                             : !c.customer.email.empty()     ? c.customer.email
                                                             : c.number);
    f.severity = static_cast<std::int8_t>(c.classification.severity.value_or(0));  // 1–5
    if (c.classification.sentiment_score) f.sentiment = static_cast<float>(*c.classification.sentiment_score);
    f.cluster = Interned(c.links.incident_cluster);

    bool breach_first = false, breach_resolution = false, day3_not_solved = false;
    std::optional<Instant> paused_since;
    std::vector<ComplaintFacts::Pause> pauses, pauses_at_resolution;
    std::vector<Instant> surveys_sent;
    for (const auto& e : events) {
        switch (e.kind) {
            case EventKind::kStatusChanged: {
                auto to = ValueOf(workflow::kStatusNames, e.after);
                if (!to) break;
                bool pausing = workflow::IsPaused(*to);
                if (pausing && !paused_since) paused_since = e.at;
                if (!pausing && paused_since) {
                    pauses.push_back({*paused_since, e.at});
                    paused_since.reset();
                }
                if (*to == Status::kResolved) {
                    pauses_at_resolution = pauses;
                    if (!f.first_resolved) f.first_resolved = e.at;
                }
                if (*to == Status::kReopened) {
                    f.reopened = true;
                    if (day3_not_solved || e.note.rfind("day-3 follow-up", 0) == 0) f.reopened_after_day3 = true;
                }
                break;
            }
            case EventKind::kFieldChanged:
                if ((e.field == "assignee" || e.field == "team" || e.field == "department") && !e.before.empty() &&
                    e.before != e.after) {
                    ++f.handoffs;
                }
                break;
            case EventKind::kEscalated: f.escalated = true; break;
            case EventKind::kSlaBreached:
                if (e.field == "first_response") breach_first = true;
                if (e.field == "resolution") breach_resolution = true;
                break;
            case EventKind::kFollowUp:
                if (e.field == "day3" && e.after == "not_solved") day3_not_solved = true;
                break;
            case EventKind::kSurvey:
                if (e.field == "sent") surveys_sent.push_back(e.at);
                break;
            case EventKind::kCompensation:
                if (e.field == "approved") ++f.compensations_approved;
                break;
            default: break;
        }
    }
    if (!f.resolved) pauses_at_resolution.clear();
    f.SetLists(pauses_at_resolution, surveys_sent);
    if (!f.first_resolved) f.first_resolved = f.resolved;  // resolved without a status event (imports)
    f.last_activity = f.received;
    for (OptionalInstant instant : {f.first_response, f.resolved, f.first_resolved, f.closed, f.answered_at}) {
        if (instant) f.last_activity = std::max(f.last_activity, *instant);
    }
    for (Instant sent : surveys_sent) f.last_activity = std::max(f.last_activity, sent);
    f.first_response_breach_event = breach_first;
    f.resolution_breach_event = breach_resolution;
    RederiveSlaOutcomes(f, c, now);
    return f;
}

void RederiveSlaOutcomes(ComplaintFacts& f, const complaint::Complaint& c, Instant now) {
    f.sla_first_response = Outcome(c.first_response_due_at, f.first_response, f.first_response_breach_event, now);
    f.sla_resolution = Outcome(c.resolution_due_at, f.resolved, f.resolution_breach_event, now);
}

}  // namespace heed::core::analytics
