#include "cli/demo_feedback.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "core/services/feedback_service.hpp"

namespace heed::cli {

using core::feedback::FollowUpOutcome;
using core::feedback::FollowUpStatus;
using core::workflow::Status;
using namespace std::chrono_literals;

core::Result<FeedbackDemoReport> SeedFeedbackDemo(core::ports::ComplaintStore& store, core::ports::FeedbackStore& feedback,
                                                  core::ports::Outbox& outbox, core::TenantId tenant, core::Instant now,
                                                  std::uint64_t seed) {
    FeedbackDemoReport report;
    std::mt19937_64 random(seed ^ 0x5eedf00dULL);
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
    auto between = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };

    std::vector<core::complaint::Complaint> picked;
    std::vector<core::complaint::Complaint> newest;
    auto visited = store.ForEach(tenant, [&](const core::complaint::Complaint& c) {
        bool resolved = c.milestones.resolved_at &&
                        (c.status == Status::kResolved || c.status == Status::kFollowUp || c.status == Status::kClosed);
        if (resolved) picked.push_back(c);
        if (!c.customer.email.empty()) newest.push_back(c);
        return true;
    });
    if (!visited) return tl::unexpected(visited.error());

    struct Answered {
        core::ComplaintId id;
        core::complaint::Feedback feedback;
        core::workflow::Event event;
    };
    std::vector<Answered> answers;
    auto seeded = feedback.InOneTransaction([&]() -> core::Result<void> {
    for (const auto& c : picked) {
        core::Instant resolved_at = *c.milestones.resolved_at;
        auto tasks = core::feedback::ScheduleFollowUps(c, resolved_at);
        auto added = feedback.AddFollowUps(tasks);
        if (!added) return tl::unexpected(added.error());
        report.follow_ups += static_cast<int>(added->size());
        auto complete = [&](core::feedback::FollowUp f, FollowUpOutcome outcome) -> core::Result<void> {
            f.status = FollowUpStatus::kDone;
            f.outcome = outcome;
            f.done_at = f.due_at + std::chrono::hours(between(1, 8));
            f.done_by = c.assignee.empty() ? "agent" : c.assignee;
            auto done = feedback.CompleteFollowUp(f);
            if (!done) return tl::unexpected(done.error());
            return {};
        };
        if (c.status == Status::kFollowUp || c.status == Status::kClosed) {
            if (auto ok = complete((*added)[0], FollowUpOutcome::kSolved); !ok) return tl::unexpected(ok.error());
        }
        if (c.status != Status::kClosed) {
            for (const auto& f : *added) {
                if (f.status != FollowUpStatus::kPending || (c.status == Status::kFollowUp && &f == &(*added)[0])) continue;
                auto t = core::feedback::TimelinessAt(f, now);
                report.due += t == core::feedback::Timeliness::kDue;
                report.overdue += t == core::feedback::Timeliness::kOverdue;
            }
            continue;
        }
        // Closed: the day-7 call was made and the survey went out a week after resolution — except for some recent
        // ones, where the customer closed the complaint before the calls were made: those calls are still due.
        if (now - resolved_at < 240h && chance(0.5)) {
            for (const auto& f : *added) {
                if (&f == &(*added)[0]) continue;  // day 3 is done
                auto t = core::feedback::TimelinessAt(f, now);
                report.due += t == core::feedback::Timeliness::kDue;
                report.overdue += t == core::feedback::Timeliness::kOverdue;
            }
            continue;
        }
        core::Instant sent_at = resolved_at + 168h + std::chrono::hours(between(1, 6));
        if (sent_at > now) continue;
        if (auto ok = complete((*added)[1], FollowUpOutcome::kReached); !ok) return tl::unexpected(ok.error());
        core::feedback::Survey survey;
        survey.tenant = tenant;
        survey.complaint = c.id;
        survey.number = c.number;
        survey.language = core::services::LanguageOf(c);
        survey.assignee = c.assignee;
        survey.category = c.classification.category;
        survey.questions = core::feedback::DefaultSurveyQuestions();
        survey.created_at = sent_at;
        survey.created_by = (*added)[1].assignee.empty() ? "system" : (*added)[1].assignee;
        survey.expires_at = sent_at + 336h;
        auto sent = feedback.AddSurvey(survey);
        if (!sent) return tl::unexpected(sent.error());
        (void)feedback.SetFollowUpSurvey(tenant, (*added)[1].id, sent->id);
        ++report.surveys_sent;
        if (!chance(0.45)) continue;
        // Scores that hang together: a satisfied customer promotes and found it easy.
        int csat = std::array{5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 1}[between(0, 10)];
        core::feedback::SurveyAnswer answer;
        answer.csat = csat;
        answer.nps = std::clamp(csat * 2 + between(-2, 1), 0, 10);
        answer.effort = std::clamp(7 - csat - between(0, 2) + 1, 1, 7);
        for (const auto& q : survey.questions) {
            if (chance(0.85)) answer.answers[q.key] = std::clamp(csat + between(-1, 1), 1, 5);
        }
        if (csat <= 2 && chance(0.6)) {
            answer.comment = survey.language == "zh" ? "处理太慢，来回打了好几次电话。" : "It took far too long and several calls.";
        } else if (csat == 5 && chance(0.4)) {
            answer.comment = survey.language == "zh" ? "客服很耐心，问题解决得很快，谢谢！" : "Friendly and quick, thank you!";
        }
        core::Instant answered_at = sent_at + std::chrono::hours(between(1, 72));
        if (answered_at > now) continue;
        auto answered = feedback.AnswerSurvey(tenant, sent->id, answer, answered_at);
        if (!answered) return tl::unexpected(answered.error());
        core::workflow::Event event{{}, tenant, c.id, answered_at, "customer:" + c.number,
                                    core::workflow::Role::kCustomer, core::workflow::EventKind::kSurvey, "answered",
                                    std::to_string(sent->id),
                                    "csat=" + std::to_string(csat) + " nps=" + std::to_string(*answer.nps) +
                                        " effort=" + std::to_string(*answer.effort),
                                    {}};
        answers.push_back({c.id, {answer.csat, answer.nps, answer.effort, answered_at}, std::move(event)});
        ++report.surveys_answered;
    }
    return {};
    });
    if (!seeded) return tl::unexpected(seeded.error());
    // The scores onto the complaints, from several threads so the store's group commit carries many at once.
    std::atomic<std::size_t> next_answer{0};
    std::mutex failure_mutex;
    std::optional<core::Error> failure;
    std::vector<std::thread> workers;
    for (int w = 0; w < 8; ++w) {
        workers.emplace_back([&] {
            for (std::size_t i = next_answer++; i < answers.size(); i = next_answer++) {
                const auto& a = answers[i];
                auto current = store.Get(tenant, a.id);
                core::Result<core::ports::UpdateResult> updated = tl::unexpected(core::Error{});
                if (current) {
                    auto changed = *current;
                    changed.feedback = a.feedback;
                    updated = store.Update({std::move(changed), current->version, {a.event}, std::nullopt, false});
                }
                if (!current || !updated) {
                    std::lock_guard lock(failure_mutex);
                    if (!failure) failure = current ? updated.error() : current.error();
                }
            }
        });
    }
    for (auto& worker : workers) worker.join();
    if (failure) return tl::unexpected(*failure);

    // The newest complaints' acknowledgements, waiting for a mail server to be configured.
    std::sort(newest.begin(), newest.end(),
              [](const auto& a, const auto& b) { return a.milestones.received_at > b.milestones.received_at; });
    for (std::size_t i = 0; i < newest.size() && i < 10; ++i) {
        const auto& c = newest[i];
        if (!core::notify::IsPlainEmailAddress(c.customer.email)) continue;
        auto language = core::services::LanguageOf(c);
        auto rendered = core::notify::RenderNotification(core::notify::NotificationKind::kAcknowledgement, language, c, {});
        core::notify::OutboxMessage m;
        m.tenant = tenant;
        m.complaint = c.id;
        m.kind = core::notify::NotificationKind::kAcknowledgement;
        m.to = c.customer.email;
        m.language = language;
        m.subject = rendered.subject;
        m.body = rendered.body;
        m.created_at = c.milestones.received_at;
        m.next_attempt_at = c.milestones.received_at;
        if (auto queued = outbox.Enqueue(std::move(m)); !queued) return tl::unexpected(queued.error());
        ++report.outbox;
    }
    return report;
}

}  // namespace heed::cli
