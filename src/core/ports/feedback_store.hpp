#pragma once
// Storage for the feedback loop: surveys with their raw answers and "3+7" follow-up tasks. Implementation:
// storage/sqlite/feedback_store (tables in the same database as the complaints). Every method is scoped by tenant.
// Thread-safety: implementations are safe to call from many threads.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/feedback/follow_up.hpp"
#include "core/feedback/survey.hpp"

namespace heed::core::ports {

struct FollowUpQuery {
    std::optional<ComplaintId> complaint;
    std::optional<std::string> assignee;
    std::optional<std::string> team;
    std::optional<Instant> due_after;   // inclusive
    std::optional<Instant> due_before;  // exclusive
    std::optional<feedback::FollowUpStatus> status;
    // Visibility set by the service from the actor: only follow-ups of this team or assigned to scope_user.
    std::optional<std::string> scope_team;
    std::string scope_user;
    int limit = 100;               // 1 … 500
    std::int64_t after_id = 0;     // keyset: ids greater than this, in due order then id
};

struct FollowUpQueue {
    std::string assignee;
    std::int64_t due = 0;
    std::int64_t overdue = 0;
    std::int64_t scheduled = 0;
};

class FeedbackStore {
public:
    virtual ~FeedbackStore() = default;

    // Stores a new survey; the id is assigned.
    virtual Result<feedback::Survey> AddSurvey(feedback::Survey survey) = 0;
    virtual Result<feedback::Survey> GetSurvey(TenantId tenant, std::int64_t id) = 0;
    virtual Result<std::vector<feedback::Survey>> SurveysOf(TenantId tenant, ComplaintId complaint) = 0;
    // Records the answer if the survey has none yet (kConflict otherwise): single use holds even when two
    // submissions race.
    virtual Result<feedback::Survey> AnswerSurvey(TenantId tenant, std::int64_t id, const feedback::SurveyAnswer& answer,
                                                  Instant at) = 0;
    // Surveys sent in [from, to) and what of them was answered.
    virtual Result<feedback::SurveyStats> SurveyStats(TenantId tenant, std::optional<Instant> from,
                                                      std::optional<Instant> to,
                                                      std::optional<std::string> assignee) = 0;

    virtual Result<std::vector<feedback::FollowUp>> AddFollowUps(std::vector<feedback::FollowUp> follow_ups) = 0;
    virtual Result<feedback::FollowUp> GetFollowUp(TenantId tenant, std::int64_t id) = 0;
    virtual Result<std::vector<feedback::FollowUp>> FollowUps(TenantId tenant, const FollowUpQuery& query) = 0;
    // Cancels the complaint's pending follow-ups (it was reopened or resolved again); returns how many.
    virtual Result<int> CancelFollowUps(TenantId tenant, ComplaintId complaint, Instant at, const std::string& by) = 0;
    // Marks a pending follow-up done with its outcome; kConflict when it is no longer pending.
    virtual Result<feedback::FollowUp> CompleteFollowUp(const feedback::FollowUp& done) = 0;
    virtual Result<void> SetFollowUpSurvey(TenantId tenant, std::int64_t follow_up, std::int64_t survey) = 0;
    // Runs `work` (calls of this store) as one transaction where the store can: bulk loads such as the demo.
    // `work` must not wait on other writers of the same database.
    virtual Result<void> InOneTransaction(const std::function<Result<void>()>& work) { return work(); }
    // Pending follow-ups per assignee: due today, overdue, and not yet due.
    virtual Result<std::vector<FollowUpQueue>> FollowUpQueues(TenantId tenant, Instant now,
                                                              std::optional<std::string> team) = 0;
};

}  // namespace heed::core::ports
