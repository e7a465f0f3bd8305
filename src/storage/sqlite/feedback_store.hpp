#pragma once
// Surveys and follow-ups in the same SQLite database as the complaints (tables of migration 5). Writes are few (a
// survey sent or answered, a follow-up done), so this store has its own connection behind a mutex, like the
// identity store. Single use of a survey link rests on one conditional UPDATE (… WHERE answered_at IS NULL).

#include <memory>
#include <mutex>
#include <string>

#include "core/ports/feedback_store.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

class SqliteFeedbackStore final : public core::ports::FeedbackStore {
public:
    // Opens the database at `path`, which must already be migrated (open the complaint store first).
    static core::Result<std::unique_ptr<SqliteFeedbackStore>> Open(const std::string& path);

    core::Result<core::feedback::Survey> AddSurvey(core::feedback::Survey survey) override;
    core::Result<core::feedback::Survey> GetSurvey(core::TenantId tenant, std::int64_t id) override;
    core::Result<std::vector<core::feedback::Survey>> SurveysOf(core::TenantId tenant, core::ComplaintId complaint) override;
    core::Result<core::feedback::Survey> AnswerSurvey(core::TenantId tenant, std::int64_t id,
                                                      const core::feedback::SurveyAnswer& answer,
                                                      core::Instant at) override;
    core::Result<core::feedback::SurveyStats> SurveyStats(core::TenantId tenant, std::optional<core::Instant> from,
                                                          std::optional<core::Instant> to,
                                                          std::optional<std::string> assignee) override;
    core::Result<std::vector<core::feedback::FollowUp>> AddFollowUps(
        std::vector<core::feedback::FollowUp> follow_ups) override;
    core::Result<core::feedback::FollowUp> GetFollowUp(core::TenantId tenant, std::int64_t id) override;
    core::Result<std::vector<core::feedback::FollowUp>> FollowUps(core::TenantId tenant,
                                                                   const core::ports::FollowUpQuery& query) override;
    core::Result<int> CancelFollowUps(core::TenantId tenant, core::ComplaintId complaint, core::Instant at,
                                      const std::string& by) override;
    core::Result<core::feedback::FollowUp> CompleteFollowUp(const core::feedback::FollowUp& done) override;
    core::Result<void> SetFollowUpSurvey(core::TenantId tenant, std::int64_t follow_up, std::int64_t survey) override;
    core::Result<void> InOneTransaction(const std::function<core::Result<void>()>& work) override;
    core::Result<std::vector<core::ports::FollowUpQueue>> FollowUpQueues(core::TenantId tenant, core::Instant now,
                                                                         std::optional<std::string> team) override;

private:
    explicit SqliteFeedbackStore(std::unique_ptr<Connection> db) : db_(std::move(db)) {}
    core::Result<core::feedback::Survey> GetSurveyLocked(core::TenantId tenant, std::int64_t id);
    core::Result<core::feedback::FollowUp> GetFollowUpLocked(core::TenantId tenant, std::int64_t id);

    std::recursive_mutex mutex_;  // recursive: InOneTransaction calls the other methods
    std::unique_ptr<Connection> db_;  // GUARDED_BY(mutex_)
};

}  // namespace heed::storage::sqlite
