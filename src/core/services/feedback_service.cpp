#include "core/services/feedback_service.hpp"

#include <algorithm>

#include "core/common/utf8.hpp"
#include "core/ports/query_matching.hpp"

namespace heed::core::services {

using complaint::Complaint;
using feedback::FollowUp;
using feedback::FollowUpKind;
using feedback::FollowUpOutcome;
using feedback::FollowUpStatus;
using workflow::Event;
using workflow::EventKind;
using workflow::Role;

namespace {

constexpr const char* kQuestionsSetting = "survey.questions";
constexpr int kEventRetries = 8;

bool Handles(Role role) {
    return role == Role::kAgent || role == Role::kTeamLead || role == Role::kManager || role == Role::kDirector ||
           role == Role::kAdmin || role == Role::kDepartment;
}

bool Staff(Role role) { return role != Role::kCustomer; }

// Questions are kept as one line per question: key, zh and en separated by tabs (texts never hold tabs or line
// breaks: ValidateQuestions refuses control characters through the checks below).
std::string EncodeQuestions(const std::vector<feedback::SurveyQuestion>& questions) {
    std::string out;
    for (const auto& q : questions) out += q.key + "\t" + q.zh + "\t" + q.en + "\n";
    return out;
}

std::vector<feedback::SurveyQuestion> DecodeQuestions(const std::string& text) {
    std::vector<feedback::SurveyQuestion> questions;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        auto a = line.find('\t');
        auto b = a == std::string::npos ? a : line.find('\t', a + 1);
        if (b == std::string::npos) continue;
        questions.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
    }
    return questions;
}

bool HasControl(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

std::string LanguageOf(const Complaint& c) {
    if (auto it = c.attributes.find("language"); it != c.attributes.end() && (it->second == "zh" || it->second == "en")) {
        return it->second;
    }
    // A CJK Unified Ideograph (U+4E00 … U+9FFF) starts with a lead byte E4 … E9 in UTF-8.
    for (const std::string* text : {&c.subject, &c.description}) {
        for (unsigned char ch : *text) {
            if (ch >= 0xE4 && ch <= 0xE9) return "zh";
        }
    }
    return "en";
}

FeedbackService::FeedbackService(ComplaintService& complaints, ports::ComplaintStore& store,
                                 ports::FeedbackStore& feedback, ports::IdentityStore& settings,
                                 ports::Crypto& crypto, const ports::Clock& clock, FeedbackOptions options)
    : complaints_(complaints),
      store_(store),
      feedback_(feedback),
      settings_(settings),
      crypto_(crypto),
      clock_(clock),
      options_(std::move(options)) {}

void FeedbackService::Attach() {
    complaints_.AddTransitionListener(
        [this](const workflow::Actor& actor, const Complaint& before, const Complaint& after) {
            OnTransition(actor, before, after);
        });
}

void FeedbackService::Report(const Error& error) const {
    if (options_.on_error) options_.on_error(error);
}

Result<Complaint> FeedbackService::AppendEvent(TenantId tenant, ComplaintId id, Event event,
                                               const std::function<void(Complaint&)>& change) {
    for (int attempt = 0;; ++attempt) {
        auto current = store_.Get(tenant, id);
        if (!current) return current;
        Complaint next = *current;
        if (change) change(next);
        next.updated_at = event.at;
        event.tenant = tenant;
        event.complaint = id;
        auto stored = store_.Update({std::move(next), current->version, {event}, std::nullopt, false});
        if (stored) return std::move(stored->complaint);
        if (stored.error().code != ErrorCode::kConflict || attempt + 1 >= kEventRetries) {
            return tl::unexpected(stored.error());
        }
    }
}

// --- surveys ---------------------------------------------------------------------------------------------------

Result<std::vector<feedback::SurveyQuestion>> FeedbackService::Questions(TenantId tenant) {
    auto text = settings_.Setting(tenant, kQuestionsSetting);
    if (!text) return tl::unexpected(text.error());
    if (text->empty()) return feedback::DefaultSurveyQuestions();
    auto questions = DecodeQuestions(*text);
    if (!feedback::ValidateQuestions(questions)) return feedback::DefaultSurveyQuestions();
    return questions;
}

Result<void> FeedbackService::SetQuestions(const workflow::Actor& actor,
                                           const std::vector<feedback::SurveyQuestion>& questions) {
    if (actor.role != Role::kAdmin && actor.role != Role::kManager && actor.role != Role::kDirector) {
        return Fail(ErrorCode::kPermissionDenied, "only admins, directors and managers configure the survey", "");
    }
    for (const auto& q : questions) {
        if (HasControl(q.zh) || HasControl(q.en)) {
            return Fail(ErrorCode::kInvalidArgument, "question texts are one line each", "questions");
        }
    }
    if (auto valid = feedback::ValidateQuestions(questions); !valid) return valid;
    return settings_.SetSetting(actor.tenant, kQuestionsSetting, EncodeQuestions(questions));
}

Result<SurveyLink> FeedbackService::SendSurvey(const workflow::Actor& actor, ComplaintId id,
                                               std::optional<std::chrono::hours> valid_for) {
    if (!Handles(actor.role) && actor.role != Role::kSystem) {
        return Fail(ErrorCode::kPermissionDenied,
                    "the " + std::string(workflow::ToString(actor.role)) + " role does not send surveys", "");
    }
    auto hours = valid_for.value_or(options_.survey_valid_for);
    if (hours < std::chrono::hours(1) || hours > std::chrono::hours(24 * 90)) {
        return Fail(ErrorCode::kInvalidArgument, "valid_hours must be between 1 and 2160 (90 days)", "valid_hours");
    }
    auto found = complaints_.Get(actor, id);
    if (!found) return tl::unexpected(found.error());
    auto questions = Questions(actor.tenant);
    if (!questions) return tl::unexpected(questions.error());
    Instant now = clock_.Now();
    feedback::Survey survey;
    survey.tenant = actor.tenant;
    survey.complaint = id;
    survey.number = found->number;
    survey.language = LanguageOf(*found);
    survey.assignee = found->assignee;
    survey.category = found->classification.category;
    survey.questions = std::move(*questions);
    survey.created_at = now;
    survey.created_by = actor.name;
    survey.expires_at = now + hours;
    auto added = feedback_.AddSurvey(std::move(survey));
    if (!added) return tl::unexpected(added.error());
    SurveyLink link{*added, feedback::MakeSurveyToken(crypto_, added->tenant, added->id, added->expires_at)};
    auto recorded = AppendEvent(actor.tenant, id,
                                Event{{}, {}, {}, now, actor.name, actor.role, EventKind::kSurvey, "sent",
                                      {}, std::to_string(added->id), "expires " + FormatIso8601(added->expires_at)});
    if (!recorded) Report(recorded.error());
    if (options_.notify) {
        options_.notify(recorded ? *recorded : *found, "survey",
                        {{"link", "/s/" + link.token}, {"expires_at", FormatIso8601(added->expires_at)}});
    }
    return link;
}

Result<SurveyLink> FeedbackService::GetSurvey(const workflow::Actor& actor, std::int64_t id) {
    if (!Staff(actor.role)) return Fail(ErrorCode::kPermissionDenied, "staff only", "");
    auto survey = feedback_.GetSurvey(actor.tenant, id);
    if (!survey) return tl::unexpected(survey.error());
    if (auto visible = complaints_.Get(actor, survey->complaint); !visible) {
        return Fail(ErrorCode::kNotFound, "survey not found");
    }
    return SurveyLink{*survey, feedback::MakeSurveyToken(crypto_, survey->tenant, survey->id, survey->expires_at)};
}

Result<std::vector<SurveyLink>> FeedbackService::SurveysOf(const workflow::Actor& actor, ComplaintId id) {
    if (!Staff(actor.role)) return Fail(ErrorCode::kPermissionDenied, "staff only", "");
    if (auto visible = complaints_.Get(actor, id); !visible) return tl::unexpected(visible.error());
    auto surveys = feedback_.SurveysOf(actor.tenant, id);
    if (!surveys) return tl::unexpected(surveys.error());
    std::vector<SurveyLink> links;
    for (auto& s : *surveys) {
        std::string token = feedback::MakeSurveyToken(crypto_, s.tenant, s.id, s.expires_at);
        links.push_back({std::move(s), std::move(token)});
    }
    return links;
}

Result<OpenedSurvey> FeedbackService::OpenSurvey(std::string_view token) {
    auto claims = feedback::VerifySurveyToken(crypto_, token);
    if (!claims) return Fail(ErrorCode::kNotFound, "no such survey");
    auto survey = feedback_.GetSurvey(claims->tenant, claims->survey_id);
    if (!survey || survey->expires_at != claims->expires_at) return Fail(ErrorCode::kNotFound, "no such survey");
    SurveyState state = survey->answered_at                    ? SurveyState::kAnswered
                        : clock_.Now() >= survey->expires_at ? SurveyState::kExpired
                                                              : SurveyState::kOpen;
    return OpenedSurvey{std::move(*survey), state};
}

Result<feedback::Survey> FeedbackService::AnswerSurvey(std::string_view token, const feedback::SurveyAnswer& answer) {
    auto opened = OpenSurvey(token);
    if (!opened) return tl::unexpected(opened.error());
    if (opened->state == SurveyState::kAnswered) {
        return Fail(ErrorCode::kConflict, "this survey has already been answered", "token");
    }
    if (opened->state == SurveyState::kExpired) {
        return Fail(ErrorCode::kFailedPrecondition, "this survey link has expired", "expires_at");
    }
    if (auto valid = feedback::ValidateAnswer(opened->survey, answer); !valid) return tl::unexpected(valid.error());
    Instant now = clock_.Now();
    auto answered = feedback_.AnswerSurvey(opened->survey.tenant, opened->survey.id, answer, now);
    if (!answered) return answered;
    std::string scores = "csat=" + std::to_string(*answer.csat);
    if (answer.nps) scores += " nps=" + std::to_string(*answer.nps);
    if (answer.effort) scores += " effort=" + std::to_string(*answer.effort);
    auto recorded = AppendEvent(
        answered->tenant, answered->complaint,
        Event{{}, {}, {}, now, "customer:" + answered->number, Role::kCustomer, EventKind::kSurvey, "answered",
              std::to_string(answered->id), scores, {}},
        [&](Complaint& c) { c.feedback = {answer.csat, answer.nps, answer.effort, now}; });
    // The raw answer is stored whatever happens to the complaint (it may have been deleted by retention).
    if (!recorded && recorded.error().code != ErrorCode::kNotFound) Report(recorded.error());
    return answered;
}

Result<feedback::SurveyStats> FeedbackService::Stats(const workflow::Actor& actor, std::optional<Instant> from,
                                                     std::optional<Instant> to, std::optional<std::string> assignee) {
    if (!Staff(actor.role)) return Fail(ErrorCode::kPermissionDenied, "staff only", "");
    if (actor.role == Role::kAgent && !actor.team.empty()) {
        if (assignee && *assignee != actor.name) {
            return Fail(ErrorCode::kPermissionDenied, "agents see their own survey statistics", "assignee");
        }
        assignee = actor.name;
    }
    return feedback_.SurveyStats(actor.tenant, from, to, std::move(assignee));
}

// --- follow-ups ------------------------------------------------------------------------------------------------

void FeedbackService::OnTransition(const workflow::Actor& actor, const Complaint& before, const Complaint& after) {
    using workflow::Status;
    Instant now = clock_.Now();
    bool resolved = after.status == Status::kResolved && before.status != Status::kResolved;
    bool ended = after.status == Status::kReopened || after.status == Status::kMerged ||
                 after.status == Status::kRejected;
    if (!resolved && !ended) return;
    if (auto cancelled = feedback_.CancelFollowUps(after.tenant, after.id, now, actor.name); !cancelled) {
        Report(cancelled.error());
    }
    if (resolved) {
        auto added = feedback_.AddFollowUps(
            feedback::ScheduleFollowUps(after, after.milestones.resolved_at.value_or(now)));
        if (!added) Report(added.error());
    }
}

Result<std::vector<FollowUp>> FeedbackService::FollowUps(const workflow::Actor& actor, ports::FollowUpQuery query) {
    if (!Staff(actor.role)) return Fail(ErrorCode::kPermissionDenied, "staff only", "");
    if (query.limit < 1 || query.limit > 500) {
        return Fail(ErrorCode::kInvalidArgument, "limit must be between 1 and 500", "limit");
    }
    if (auto scope = ports::ScopeFor(actor)) {
        query.scope_team = scope->team ? scope->team : scope->department;
        if (!query.scope_team) query.scope_team = std::string("\x01");  // no team: only their own
        query.scope_user = actor.name;
    }
    return feedback_.FollowUps(actor.tenant, query);
}

Result<FollowUp> FeedbackService::GetFollowUp(const workflow::Actor& actor, std::int64_t id) {
    if (!Staff(actor.role)) return Fail(ErrorCode::kPermissionDenied, "staff only", "");
    auto found = feedback_.GetFollowUp(actor.tenant, id);
    if (!found) return found;
    if (auto visible = complaints_.Get(actor, found->complaint); !visible) {
        return Fail(ErrorCode::kNotFound, "follow-up not found");
    }
    return found;
}

Result<std::vector<ports::FollowUpQueue>> FeedbackService::Queues(const workflow::Actor& actor) {
    if (!Staff(actor.role)) return Fail(ErrorCode::kPermissionDenied, "staff only", "");
    std::optional<std::string> team;
    if (auto scope = ports::ScopeFor(actor)) team = scope->team ? scope->team : scope->department;
    return feedback_.FollowUpQueues(actor.tenant, clock_.Now(), team);
}

Result<OutcomeResult> FeedbackService::RecordOutcome(const workflow::Actor& actor, std::int64_t id,
                                                     const OutcomeInput& input) {
    using workflow::Status;
    if (!Handles(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied,
                    "the " + std::string(workflow::ToString(actor.role)) + " role does not record follow-ups", "");
    }
    if (input.note.size() > complaint::kMaxTextFieldBytes || !IsValidUtf8(input.note)) {
        return Fail(ErrorCode::kInvalidArgument, "note must be valid UTF-8 of at most 2000 bytes", "note");
    }
    auto found = GetFollowUp(actor, id);
    if (!found) return tl::unexpected(found.error());
    auto complaint = complaints_.Get(actor, found->complaint);
    if (!complaint) return tl::unexpected(complaint.error());
    if (found->status != FollowUpStatus::kPending) {
        return Fail(ErrorCode::kConflict,
                    "this follow-up is already " + std::string(NameOf(feedback::kFollowUpStatusNames, found->status)),
                    "status");
    }
    FollowUp done = *found;
    Instant now = clock_.Now();
    if (found->kind == FollowUpKind::kDay3) {
        if (!input.solved) return Fail(ErrorCode::kInvalidArgument, "solved (true or false) is required", "solved");
        if (input.reached || !input.send_survey) {
            return Fail(ErrorCode::kInvalidArgument, "the day-3 follow-up takes solved and note", "reached");
        }
        done.outcome = *input.solved ? FollowUpOutcome::kSolved : FollowUpOutcome::kNotSolved;
        if (!*input.solved) {
            auto allowed = workflow::AllowedTargets(complaint->status, actor.role);
            if (std::find(allowed.begin(), allowed.end(), Status::kReopened) == allowed.end()) {
                return Fail(ErrorCode::kIllegalTransition,
                            "the complaint is " + std::string(workflow::ToString(complaint->status)) +
                                " and cannot be reopened by the " + std::string(workflow::ToString(actor.role)) +
                                " role",
                            "solved");
            }
        }
    } else {
        if (input.solved) return Fail(ErrorCode::kInvalidArgument, "the day-7 follow-up takes reached, note and send_survey", "solved");
        done.outcome = input.reached.value_or(true) ? FollowUpOutcome::kReached : FollowUpOutcome::kUnreachable;
    }
    done.status = FollowUpStatus::kDone;
    done.note = input.note;
    done.done_at = now;
    done.done_by = actor.name;
    auto completed = feedback_.CompleteFollowUp(done);
    if (!completed) return tl::unexpected(completed.error());
    OutcomeResult result{*completed, *complaint, std::nullopt};

    std::string kind(NameOf(feedback::kFollowUpKindNames, done.kind));
    std::string outcome(NameOf(feedback::kFollowUpOutcomeNames, *done.outcome));
    auto recorded = AppendEvent(actor.tenant, done.complaint,
                                Event{{}, {}, {}, now, actor.name, actor.role, EventKind::kFollowUp, kind, {}, outcome,
                                      input.note});
    if (!recorded) return tl::unexpected(recorded.error());
    result.complaint = *recorded;

    auto move = [&](Status to, std::string reason) -> Result<void> {
        auto moved = complaints_.Transition(actor, done.complaint, std::nullopt, to, {.reason = std::move(reason)});
        if (!moved) return tl::unexpected(moved.error());
        result.complaint = *moved;
        return {};
    };
    if (done.outcome == FollowUpOutcome::kNotSolved) {
        // Counts against the resolution rate: the reopening is an ordinary status event with this reason.
        auto reopened = move(Status::kReopened, "day-3 follow-up: the customer says the problem is not solved" +
                                                    (input.note.empty() ? std::string() : ": " + input.note));
        if (!reopened) return tl::unexpected(reopened.error());
    } else if (done.outcome == FollowUpOutcome::kSolved && result.complaint.status == Status::kResolved) {
        if (auto moved = move(Status::kFollowUp, "day-3 follow-up: solved"); !moved) Report(moved.error());
    } else if (done.kind == FollowUpKind::kDay7) {
        if (input.send_survey) {
            auto link = SendSurvey(actor, done.complaint);
            if (!link) return tl::unexpected(link.error());
            if (auto linked = feedback_.SetFollowUpSurvey(actor.tenant, done.id, link->survey.id); linked) {
                result.follow_up.survey_id = link->survey.id;
            }
            result.survey = std::move(*link);
        }
        auto current = store_.Get(actor.tenant, done.complaint);
        if (current && (current->status == Status::kResolved || current->status == Status::kFollowUp)) {
            if (auto closed = move(Status::kClosed, "day-7 follow-up done"); !closed) Report(closed.error());
        } else if (current) {
            result.complaint = *current;
        }
    }
    if (options_.notify && done.kind == FollowUpKind::kDay3) {
        options_.notify(result.complaint, "follow_up", {{"outcome", outcome}});
    }
    return result;
}

// --- acceptance ------------------------------------------------------------------------------------------------

Result<Complaint> FeedbackService::RecordAcceptance(const workflow::Actor& actor, ComplaintId id, bool accepted,
                                                    const std::string& reason, const std::string& via) {
    using workflow::Status;
    if (actor.role != Role::kCustomer && !Handles(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied,
                    "the " + std::string(workflow::ToString(actor.role)) + " role does not record acceptance", "");
    }
    if (reason.size() > complaint::kMaxTextFieldBytes || !IsValidUtf8(reason) || HasControl(via) || via.size() > 40) {
        return Fail(ErrorCode::kInvalidArgument, "reason must be valid UTF-8 of at most 2000 bytes", "reason");
    }
    auto current = complaints_.Get(actor, id);
    if (!current) return current;
    if (current->status != Status::kResolved && current->status != Status::kFollowUp &&
        current->status != Status::kClosed) {
        return Fail(ErrorCode::kIllegalTransition, "there is no proposed resolution to accept or reject yet", "status");
    }
    Instant now = clock_.Now();
    auto value = accepted ? complaint::Acceptance::kAccepted : complaint::Acceptance::kRejected;
    std::string name(NameOf(complaint::kAcceptanceNames, value));
    auto recorded = AppendEvent(actor.tenant, id,
                                Event{{}, {}, {}, now, actor.name, actor.role, EventKind::kAcceptance, name, {},
                                      via, reason},
                                [&](Complaint& c) { c.customer_acceptance = value; });
    if (!recorded || accepted) return recorded;
    auto allowed = workflow::AllowedTargets(recorded->status, actor.role);
    if (std::find(allowed.begin(), allowed.end(), Status::kReopened) == allowed.end()) return recorded;
    auto reopened = complaints_.Transition(
        actor, id, std::nullopt, Status::kReopened,
        {.reason = "the customer rejected the proposed resolution" + (reason.empty() ? std::string() : ": " + reason)});
    if (!reopened) return reopened;
    // Reopening clears the acceptance of the old resolution; the rejection stays in the events.
    return reopened;
}

}  // namespace heed::core::services
