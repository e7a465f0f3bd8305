// The feedback loop on real parts: the SQLite complaint store and the SQLite feedback store in one database file,
// the core services on top, a clock the test moves.

#include <gtest/gtest.h>

#include <thread>

#include "core/services/complaint_service.hpp"
#include "core/services/feedback_service.hpp"
#include "storage/memory/memory_identity_store.hpp"
#include "storage/sqlite/feedback_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_crypto.hpp"

namespace heed::storage {
std::string FreshDatabasePath();  // sqlite_store_test.cpp
}

namespace heed::storage::sqlite {
namespace {

using core::feedback::FollowUpKind;
using core::feedback::FollowUpStatus;
using core::services::SurveyState;
using core::workflow::Role;
using core::workflow::Status;
using namespace std::chrono_literals;

class FeedbackTest : public ::testing::Test {
protected:
    FeedbackTest() {
        path_ = FreshDatabasePath();
        auto store = SqliteComplaintStore::Open(path_, {.readers = 2, .max_batch = 16,
                                                        .mac = testing::FakeCrypto::TestMac, .clock = &clock_});
        EXPECT_TRUE(store);
        store_ = std::move(*store);
        auto feedback = SqliteFeedbackStore::Open(path_);
        EXPECT_TRUE(feedback);
        feedback_store_ = std::move(*feedback);
        complaints_ = std::make_unique<core::services::ComplaintService>(*store_, clock_);
        service_ = std::make_unique<core::services::FeedbackService>(*complaints_, *store_, *feedback_store_,
                                                                     identities_, crypto_, clock_);
        service_->Attach();
    }

    core::complaint::Complaint Resolved(std::string subject = "快递延误一周未到",
                                        std::string description = "我在5月1日下单，物流信息一直没有更新。") {
        auto filed = complaints_->File(manager_, testing::AComplaint(std::move(subject), std::move(description)));
        EXPECT_TRUE(filed);
        EXPECT_TRUE(complaints_->Transition(manager_, filed->id, std::nullopt, Status::kAssigned, {.assignee = "agent.wang"}));
        EXPECT_TRUE(complaints_->Transition(manager_, filed->id, std::nullopt, Status::kInProgress, {}));
        auto resolved = complaints_->Transition(manager_, filed->id, std::nullopt, Status::kResolved,
                                                {.resolution_summary = "已补发并退运费"});
        EXPECT_TRUE(resolved);
        return *resolved;
    }

    std::vector<core::feedback::FollowUp> FollowUpsOf(core::ComplaintId id) {
        core::ports::FollowUpQuery query;
        query.complaint = id;
        auto found = service_->FollowUps(manager_, query);
        EXPECT_TRUE(found);
        return *found;
    }

    std::string path_;
    testing::FakeClock clock_{*core::ParseIso8601("2024-05-10T02:00:00Z")};
    testing::FakeCrypto crypto_;
    memory::MemoryIdentityStore identities_;
    std::unique_ptr<SqliteComplaintStore> store_;
    std::unique_ptr<SqliteFeedbackStore> feedback_store_;
    std::unique_ptr<core::services::ComplaintService> complaints_;
    std::unique_ptr<core::services::FeedbackService> service_;
    core::workflow::Actor manager_ = testing::AnActor(Role::kManager);
};

TEST_F(FeedbackTest, ResolutionSchedulesDay3AndDay7AndReopeningCancelsThem) {
    auto resolved = Resolved();
    auto tasks = FollowUpsOf(resolved.id);
    ASSERT_EQ(tasks.size(), 2u);
    EXPECT_EQ(tasks[0].kind, FollowUpKind::kDay3);
    EXPECT_EQ(tasks[0].due_at, clock_.Now() + 72h);
    EXPECT_EQ(tasks[1].kind, FollowUpKind::kDay7);
    EXPECT_EQ(tasks[1].due_at, clock_.Now() + 168h);
    EXPECT_EQ(tasks[0].assignee, "agent.wang");

    clock_.Advance(1h);
    ASSERT_TRUE(complaints_->Transition(manager_, resolved.id, std::nullopt, Status::kReopened, {.reason = "又坏了"}));
    tasks = FollowUpsOf(resolved.id);
    ASSERT_EQ(tasks.size(), 2u);
    EXPECT_EQ(tasks[0].status, FollowUpStatus::kCancelled);
    EXPECT_EQ(tasks[1].status, FollowUpStatus::kCancelled);

    ASSERT_TRUE(complaints_->Transition(manager_, resolved.id, std::nullopt, Status::kInProgress, {}));
    ASSERT_TRUE(complaints_->Transition(manager_, resolved.id, std::nullopt, Status::kResolved, {}));
    tasks = FollowUpsOf(resolved.id);
    ASSERT_EQ(tasks.size(), 4u);
    EXPECT_EQ(tasks[2].status, FollowUpStatus::kPending);
    EXPECT_EQ(tasks[2].due_at, clock_.Now() + 72h);
}

TEST_F(FeedbackTest, Day3NoReopensTheComplaintAndIsRecorded) {
    auto resolved = Resolved();
    auto tasks = FollowUpsOf(resolved.id);
    clock_.Advance(72h);
    auto result = service_->RecordOutcome(manager_, tasks[0].id, {.solved = false, .note = "还是没收到"});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->complaint.status, Status::kReopened);
    EXPECT_EQ(result->follow_up.status, FollowUpStatus::kDone);
    EXPECT_EQ(result->follow_up.outcome, core::feedback::FollowUpOutcome::kNotSolved);
    auto events = store_->Events(core::kDefaultTenant, resolved.id);
    ASSERT_TRUE(events);
    bool follow_up_event = false, reopened = false;
    for (const auto& e : *events) {
        if (e.kind == core::workflow::EventKind::kFollowUp && e.field == "day3" && e.after == "not_solved") follow_up_event = true;
        if (e.kind == core::workflow::EventKind::kStatusChanged && e.after == "reopened" &&
            e.note.find("day-3 follow-up") != std::string::npos) {
            reopened = true;
        }
    }
    EXPECT_TRUE(follow_up_event);
    EXPECT_TRUE(reopened);
    // The day-7 task of that resolution is gone; a second outcome on the same task is refused.
    EXPECT_EQ(FollowUpsOf(resolved.id)[1].status, FollowUpStatus::kCancelled);
    auto again = service_->RecordOutcome(manager_, tasks[0].id, {.solved = true});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
}

TEST_F(FeedbackTest, Day7SendsTheSurveyWhichAnswersOnceAndSetsTheComplaintsFeedback) {
    auto resolved = Resolved();
    auto tasks = FollowUpsOf(resolved.id);
    clock_.Advance(72h);
    auto day3 = service_->RecordOutcome(manager_, tasks[0].id, {.solved = true});
    ASSERT_TRUE(day3);
    EXPECT_EQ(day3->complaint.status, Status::kFollowUp);
    clock_.Advance(96h);
    auto day7 = service_->RecordOutcome(manager_, tasks[1].id, {});
    ASSERT_TRUE(day7) << day7.error().message;
    EXPECT_EQ(day7->complaint.status, Status::kClosed);
    ASSERT_TRUE(day7->survey);
    EXPECT_EQ(day7->follow_up.survey_id, day7->survey->survey.id);
    EXPECT_EQ(day7->survey->survey.language, "zh");
    EXPECT_EQ(day7->survey->survey.questions, core::feedback::DefaultSurveyQuestions());
    const std::string token = day7->survey->token;

    // Opening the link changes nothing.
    for (int i = 0; i < 3; ++i) {
        auto opened = service_->OpenSurvey(token);
        ASSERT_TRUE(opened);
        EXPECT_EQ(opened->state, SurveyState::kOpen);
    }
    EXPECT_FALSE(store_->Get(core::kDefaultTenant, resolved.id)->feedback.csat);

    core::feedback::SurveyAnswer bad{.csat = 6};
    auto refused = service_->AnswerSurvey(token, bad);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "csat");
    core::feedback::SurveyAnswer unknown{.csat = 4, .answers = {{"no_such_question", 3}}};
    EXPECT_EQ(service_->AnswerSurvey(token, unknown).error().field, "no_such_question");

    core::feedback::SurveyAnswer answer{.csat = 4, .nps = 9, .effort = 2,
                                        .answers = {{"response_speed", 5}, {"attitude", 4}}, .comment = "很快，谢谢"};
    auto answered = service_->AnswerSurvey(token, answer);
    ASSERT_TRUE(answered) << answered.error().message;
    EXPECT_EQ(answered->answer.answers.at("response_speed"), 5);
    auto complaint = store_->Get(core::kDefaultTenant, resolved.id);
    EXPECT_EQ(complaint->feedback.csat, 4);
    EXPECT_EQ(complaint->feedback.nps, 9);
    EXPECT_EQ(complaint->feedback.effort, 2);
    EXPECT_EQ(complaint->feedback.answered_at, clock_.Now());

    auto second = service_->AnswerSurvey(token, answer);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(service_->OpenSurvey(token)->state, SurveyState::kAnswered);
}

TEST_F(FeedbackTest, ForgedAlteredAndExpiredLinksAreRefused) {
    auto resolved = Resolved("Parcel a week late", "I ordered on 1 May and tracking has not moved since.");
    auto link = service_->SendSurvey(manager_, resolved.id, 48h);
    ASSERT_TRUE(link);
    EXPECT_EQ(link->survey.language, "en");
    std::string token = link->token;
    std::string altered = token;
    altered.back() = altered.back() == '1' ? '2' : '1';
    EXPECT_EQ(service_->OpenSurvey(altered).error().code, core::ErrorCode::kNotFound);
    // A longer expiry signed with the wrong MAC.
    auto dot = token.rfind('.');
    auto stretched = std::to_string(core::kDefaultTenant.value) + "." + std::to_string(link->survey.id) + "." +
                     std::to_string(core::ToMillis(link->survey.expires_at + 720h)) + token.substr(dot);
    EXPECT_EQ(service_->OpenSurvey(stretched).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(service_->OpenSurvey("garbage").error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(service_->OpenSurvey("1.999.5.x").error().code, core::ErrorCode::kNotFound);

    clock_.Advance(48h);
    EXPECT_EQ(service_->OpenSurvey(token)->state, SurveyState::kExpired);
    auto late = service_->AnswerSurvey(token, {.csat = 5});
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, core::ErrorCode::kFailedPrecondition);
    EXPECT_FALSE(store_->Get(core::kDefaultTenant, resolved.id)->feedback.csat);
}

TEST_F(FeedbackTest, RacingSubmissionsRecordExactlyOneAnswer) {
    auto resolved = Resolved();
    auto link = service_->SendSurvey(manager_, resolved.id);
    ASSERT_TRUE(link);
    std::atomic<int> recorded{0}, conflicts{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            auto answered = service_->AnswerSurvey(link->token, {.csat = 1 + i % 5});
            if (answered) ++recorded;
            else if (answered.error().code == core::ErrorCode::kConflict) ++conflicts;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(recorded.load(), 1);
    EXPECT_EQ(conflicts.load(), 7);
}

TEST_F(FeedbackTest, StatsReportResponseRateAndSampleSizesBesideTheScores) {
    std::vector<std::string> tokens;
    for (int i = 0; i < 4; ++i) {
        auto resolved = Resolved();
        auto link = service_->SendSurvey(manager_, resolved.id);
        ASSERT_TRUE(link);
        tokens.push_back(link->token);
    }
    ASSERT_TRUE(service_->AnswerSurvey(tokens[0], {.csat = 5, .nps = 10}));
    ASSERT_TRUE(service_->AnswerSurvey(tokens[1], {.csat = 2, .nps = 3, .effort = 6}));
    ASSERT_TRUE(service_->AnswerSurvey(tokens[2], {.csat = 4, .nps = 8}));
    auto stats = service_->Stats(manager_, std::nullopt, std::nullopt, std::nullopt);
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->sent, 4);
    EXPECT_EQ(stats->answered, 3);
    EXPECT_DOUBLE_EQ(*core::feedback::ResponseRate(*stats), 0.75);
    EXPECT_DOUBLE_EQ(*core::feedback::CsatMean(*stats), 11.0 / 3.0);
    EXPECT_EQ(stats->nps_n, 3);
    EXPECT_DOUBLE_EQ(*core::feedback::NpsScore(*stats), 0.0);  // one promoter, one passive, one detractor
    EXPECT_EQ(stats->effort_n, 1);
    auto none = service_->Stats(manager_, clock_.Now() + 1h, std::nullopt, std::nullopt);
    EXPECT_EQ(none->sent, 0);
    EXPECT_FALSE(core::feedback::ResponseRate(*none));
}

TEST_F(FeedbackTest, QueuesShowDueAndOverduePerAgentAndAgentsSeeTheirOwn) {
    auto first = Resolved();
    clock_.Advance(24h);
    auto second = Resolved();
    clock_.Advance(72h);  // first's day3 is a day overdue, second's is due today
    auto queues = service_->Queues(manager_);
    ASSERT_TRUE(queues);
    ASSERT_EQ(queues->size(), 1u);
    EXPECT_EQ((*queues)[0].assignee, "agent.wang");
    EXPECT_EQ((*queues)[0].due, 1);
    EXPECT_EQ((*queues)[0].overdue, 1);
    EXPECT_EQ((*queues)[0].scheduled, 2);
    core::workflow::Actor other{core::kDefaultTenant, "agent.li", Role::kAgent, "二线组"};
    auto theirs = service_->FollowUps(other, {});
    ASSERT_TRUE(theirs);
    EXPECT_TRUE(theirs->empty());
    core::workflow::Actor wang{core::kDefaultTenant, "agent.wang", Role::kAgent, "二线组"};
    EXPECT_EQ(service_->FollowUps(wang, {})->size(), 4u);
    core::workflow::Actor customer{core::kDefaultTenant, "customer:x", Role::kCustomer, ""};
    EXPECT_EQ(service_->FollowUps(customer, {}).error().code, core::ErrorCode::kPermissionDenied);
    (void)first;
    (void)second;
}

TEST_F(FeedbackTest, QuestionsAreConfigurablePerTenantWithinFiveToTen) {
    auto defaults = service_->Questions(core::kDefaultTenant);
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->size(), 6u);
    std::vector<core::feedback::SurveyQuestion> four(defaults->begin(), defaults->begin() + 4);
    EXPECT_EQ(service_->SetQuestions(manager_, four).error().field, "questions");
    auto five = std::vector<core::feedback::SurveyQuestion>(defaults->begin(), defaults->begin() + 5);
    five[4] = {"delivery", "送货是否准时？", "Was the delivery on time?"};
    EXPECT_EQ(service_->SetQuestions(testing::AnActor(Role::kAgent), five).error().code,
              core::ErrorCode::kPermissionDenied);
    ASSERT_TRUE(service_->SetQuestions(manager_, five));
    EXPECT_EQ(*service_->Questions(core::kDefaultTenant), five);
    auto resolved = Resolved();
    auto link = service_->SendSurvey(manager_, resolved.id);
    EXPECT_EQ(link->survey.questions, five);
}

}  // namespace
}  // namespace heed::storage::sqlite
