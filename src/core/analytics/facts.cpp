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
    f.version = c.version;
    f.dimensions = {c.classification.category,
                    std::string(complaint::ToString(c.channel)),
                    c.team,
                    c.assignee,
                    !c.product_ref.empty() ? c.product_ref : c.classification.subcategory,
                    std::string(complaint::ToString(c.customer.tier))};
    f.received = c.milestones.received_at;
    f.first_response = c.milestones.first_response_at;
    f.resolved = c.milestones.resolved_at;
    f.closed = c.status == Status::kClosed ? c.milestones.closed_at : std::nullopt;
    f.csat = c.feedback.csat;
    f.nps = c.feedback.nps;
    f.answered_at = c.feedback.answered_at;
    f.repeat = c.links.repeat_of.has_value() || c.triage.repeat_count > 0;
    f.customer = !c.customer.external_id.empty() ? c.customer.external_id
                 : !c.customer.phone.empty()      ? c.customer.phone
                 : !c.customer.email.empty()      ? c.customer.email
                                                  : c.number;
    f.severity = c.classification.severity.value_or(0);
    f.sentiment = c.classification.sentiment_score;
    f.cluster = c.links.incident_cluster;

    bool breach_first = false, breach_resolution = false, day3_not_solved = false;
    std::optional<Instant> paused_since;
    std::int64_t paused_ms = 0;
    std::int64_t paused_at_resolution = 0;
    std::vector<std::pair<Instant, Instant>> pauses, pauses_at_resolution;
    for (const auto& e : events) {
        switch (e.kind) {
            case EventKind::kStatusChanged: {
                auto to = ValueOf(workflow::kStatusNames, e.after);
                if (!to) break;
                bool pausing = workflow::IsPaused(*to);
                if (pausing && !paused_since) paused_since = e.at;
                if (!pausing && paused_since) {
                    paused_ms += ToMillis(e.at) - ToMillis(*paused_since);
                    pauses.emplace_back(*paused_since, e.at);
                    paused_since.reset();
                }
                if (*to == Status::kResolved) {
                    paused_at_resolution = paused_ms;
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
                if (e.field == "sent") f.surveys_sent.push_back(e.at);
                break;
            case EventKind::kCompensation:
                if (e.field == "approved") ++f.compensations_approved;
                break;
            default: break;
        }
    }
    f.paused_before_resolved_ms = f.resolved ? paused_at_resolution : 0;
    if (f.resolved) f.pauses_before_resolved = std::move(pauses_at_resolution);
    if (!f.first_resolved) f.first_resolved = f.resolved;  // resolved without a status event (imports)
    f.last_activity = f.received;
    for (const auto& instant : {f.first_response, f.resolved, f.first_resolved, f.closed, f.answered_at}) {
        if (instant) f.last_activity = std::max(f.last_activity, *instant);
    }
    for (Instant sent : f.surveys_sent) f.last_activity = std::max(f.last_activity, sent);
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
