#pragma once
// The customer feedback loop (SPEC §6): satisfaction surveys reached by signed single-use links, and the "3+7"
// follow-ups scheduled when a complaint is resolved. Listens to ComplaintService transitions (call
// Attach once at start-up).
//
// Thread-safety: safe to call from many threads (every port is).

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/feedback/follow_up.hpp"
#include "core/feedback/survey.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/ports/crypto.hpp"
#include "core/ports/feedback_store.hpp"
#include "core/ports/identity_store.hpp"
#include "core/services/complaint_service.hpp"

namespace heed::core::services {

struct FeedbackOptions {
    std::chrono::hours survey_valid_for{24 * 14};
    // Something to tell the customer: kind is "survey", "follow_up" …, values fill the message template (the
    // survey's "link" among them). Optional; the notification outbox plugs in here.
    std::function<void(const complaint::Complaint&, const std::string& kind,
                       const std::map<std::string, std::string>& values)>
        notify;
    // Failures of work done on behalf of a transition (scheduling follow-ups), which cannot fail the transition.
    std::function<void(const Error&)> on_error;
};

struct SurveyLink {
    feedback::Survey survey;
    std::string token;  // the link is /s/<token>
};

enum class SurveyState { kOpen, kAnswered, kExpired };

struct OpenedSurvey {
    feedback::Survey survey;
    SurveyState state = SurveyState::kOpen;
};

struct OutcomeInput {
    std::optional<bool> solved;   // day3: required
    std::optional<bool> reached;  // day7: whether the customer was reached (default yes)
    std::string note;
    bool send_survey = true;      // day7
};

struct OutcomeResult {
    feedback::FollowUp follow_up;
    complaint::Complaint complaint;
    std::optional<SurveyLink> survey;
};

class FeedbackService {
public:
    FeedbackService(ComplaintService& complaints, ports::ComplaintStore& store, ports::FeedbackStore& feedback,
                    ports::IdentityStore& settings, ports::Crypto& crypto, const ports::Clock& clock,
                    FeedbackOptions options = {});

    // Registers the transition listener that schedules and cancels follow-ups.
    void Attach();

    // Surveys. Sending needs a staff role that handles complaints and the complaint visible to the actor.
    // valid_for: 1 hour … 90 days (default FeedbackOptions::survey_valid_for).
    Result<SurveyLink> SendSurvey(const workflow::Actor& actor, ComplaintId complaint,
                                  std::optional<std::chrono::hours> valid_for = std::nullopt);
    Result<SurveyLink> GetSurvey(const workflow::Actor& actor, std::int64_t id);
    Result<std::vector<SurveyLink>> SurveysOf(const workflow::Actor& actor, ComplaintId complaint);
    // The survey behind a link, recording nothing (mail scanners open links). kNotFound for a forged, altered or
    // unknown link.
    Result<OpenedSurvey> OpenSurvey(std::string_view token);
    // Records the answer once: kConflict when already answered, kFailedPrecondition (field expires_at) when the link
    // has expired, kInvalidArgument for a bad answer. Sets the complaint's feedback and records a survey event.
    Result<feedback::Survey> AnswerSurvey(std::string_view token, const feedback::SurveyAnswer& answer);
    Result<feedback::SurveyStats> Stats(const workflow::Actor& actor, std::optional<Instant> from,
                                        std::optional<Instant> to, std::optional<std::string> assignee);
    Result<std::vector<feedback::SurveyQuestion>> Questions(TenantId tenant);
    Result<void> SetQuestions(const workflow::Actor& actor, const std::vector<feedback::SurveyQuestion>& questions);

    // Follow-ups, as the actor may see them (agents and leads in a team: their team's and their own).
    Result<std::vector<feedback::FollowUp>> FollowUps(const workflow::Actor& actor, ports::FollowUpQuery query);
    Result<feedback::FollowUp> GetFollowUp(const workflow::Actor& actor, std::int64_t id);
    Result<std::vector<ports::FollowUpQueue>> Queues(const workflow::Actor& actor);
    // day3: solved=false reopens the complaint (reason recorded), solved=true moves a resolved complaint to
    // follow_up. day7: sends the survey (unless send_survey=false) and closes the complaint.
    Result<OutcomeResult> RecordOutcome(const workflow::Actor& actor, std::int64_t id, const OutcomeInput& input);

    // The customer's answer to the proposed resolution, from the portal (a customer actor "customer:<number>") or
    // recorded by staff from a phone call. Only for a complaint with a resolution (resolved, follow_up or closed):
    // kIllegalTransition otherwise. Records customer_acceptance and an acceptance event (note = reason, `via`);
    // a rejection reopens the complaint when the workflow lets this actor do so.
    Result<complaint::Complaint> RecordAcceptance(const workflow::Actor& actor, ComplaintId id, bool accepted,
                                                  const std::string& reason, const std::string& via);

    // The transition listener (public for tests).
    void OnTransition(const workflow::Actor& actor, const complaint::Complaint& before,
                      const complaint::Complaint& after);

    Instant Now() const { return clock_.Now(); }

private:
    Result<complaint::Complaint> AppendEvent(TenantId tenant, ComplaintId id, workflow::Event event,
                                             const std::function<void(complaint::Complaint&)>& change = {});
    void Report(const Error& error) const;

    ComplaintService& complaints_;
    ports::ComplaintStore& store_;
    ports::FeedbackStore& feedback_;
    ports::IdentityStore& settings_;
    ports::Crypto& crypto_;
    const ports::Clock& clock_;
    FeedbackOptions options_;
};

// The page language of a complaint: its "language" attribute (zh/en) or, without one, zh when the customer wrote
// Chinese.
std::string LanguageOf(const complaint::Complaint& complaint);

}  // namespace heed::core::services
