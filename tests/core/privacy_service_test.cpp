#include <gtest/gtest.h>

#include "core/complaint/pii.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/privacy_service.hpp"
#include "storage/memory/memory_identity_store.hpp"
#include "storage/memory/memory_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"

namespace heed::core::services {
namespace {

using testing::AComplaint;
using testing::AnActor;
using workflow::Role;
using workflow::Status;

class RecordingAudit final : public ports::AuditLog {
public:
    Result<void> Record(const ports::AuditRecord& record) override {
        records.push_back(record.action + " " + record.detail);
        return {};
    }
    std::vector<std::string> records;
};

class PrivacyServiceTest : public ::testing::Test {
protected:
    ComplaintId File(const std::string& phone, const std::string& email, const std::string& category = "物流配送") {
        auto draft = AComplaint();
        draft.customer.phone = phone;
        draft.customer.email = email;
        draft.classification.category = category;
        auto filed = complaints_.File(AnActor(), draft);
        EXPECT_TRUE(filed) << filed.error().message;
        return filed->id;
    }

    void Close(ComplaintId id) {
        const std::pair<Status, workflow::TransitionInput> steps[] = {
            {Status::kTriaged, {}},
            {Status::kAssigned, {.assignee = "agent.liu"}},
            {Status::kInProgress, {}},
            {Status::kResolved, {.resolution_summary = "退款已到账"}},
            {Status::kClosed, {}}};
        for (const auto& [to, input] : steps) {
            auto moved = complaints_.Transition(AnActor(), id, std::nullopt, to, input);
            ASSERT_TRUE(moved) << moved.error().message;
        }
    }

    storage::memory::MemoryComplaintStore store_;
    storage::memory::MemoryIdentityStore settings_;
    testing::FakeClock clock_{*ParseIso8601("2024-05-10T02:00:00Z")};
    ComplaintService complaints_{store_, clock_};
    RecordingAudit audit_;
    PrivacyService privacy_{store_, settings_, clock_, &audit_};
};

TEST_F(PrivacyServiceTest, AnErasureRequestAnonymisesEveryComplaintOfTheCustomerAndKeepsTheStatistics) {
    auto first = File("138-1234-1234", "Zhang.Wei@Example.com");
    auto second = File("13812341234", "");
    auto other = File("13900000000", "other@example.com");
    ASSERT_TRUE(complaints_.AddMessage(AnActor(), first, complaint::Direction::kInbound, "我的电话是13812341234"));
    auto before = *store_.Get(kDefaultTenant, first);

    auto dry = privacy_.EraseCustomer(AnActor(Role::kAdmin), "13812341234", "request 2024-17", true);
    ASSERT_TRUE(dry);
    EXPECT_EQ(dry->numbers.size(), 2u);
    EXPECT_EQ(dry->changed, 0);
    EXPECT_EQ(store_.Get(kDefaultTenant, first)->customer.phone, "138-1234-1234") << "a dry run changes nothing";

    auto done = privacy_.EraseCustomer(AnActor(Role::kAdmin), "13812341234", "request 2024-17", false);
    ASSERT_TRUE(done);
    EXPECT_EQ(done->changed, 2);
    for (auto id : {first, second}) {
        auto erased = *store_.Get(kDefaultTenant, id);
        EXPECT_EQ(erased.customer.name, complaint::kErasedText);
        EXPECT_EQ(erased.customer.phone, "");
        EXPECT_EQ(erased.customer.email, "");
        EXPECT_EQ(erased.description, complaint::kErasedText);
        EXPECT_EQ(erased.subject, complaint::kErasedText);
        // What statistics need is untouched.
        EXPECT_EQ(erased.classification.category, "物流配送");
        EXPECT_EQ(erased.channel, before.channel);
        EXPECT_EQ(erased.milestones.received_at, before.milestones.received_at);
        EXPECT_EQ(erased.number.substr(0, 2), "TS");
        auto events = *store_.Events(kDefaultTenant, id);
        EXPECT_EQ(events.back().kind, workflow::EventKind::kErased);
        EXPECT_EQ(events.back().note, "erasure request: request 2024-17");
    }
    EXPECT_EQ(store_.Messages(kDefaultTenant, first)->front().body, complaint::kErasedText);
    EXPECT_EQ(store_.Get(kDefaultTenant, other)->customer.phone, "13900000000");
    EXPECT_EQ(*store_.Count(kDefaultTenant), 3) << "nothing is removed from the counts";

    auto again = privacy_.EraseCustomer(AnActor(Role::kAdmin), "13812341234", "request 2024-17", false);
    EXPECT_EQ(again->numbers.size(), 0u) << "already erased";
    EXPECT_EQ(privacy_.EraseCustomer(AnActor(Role::kAdmin), "zhang.wei@example.com", "r", true)->numbers.size(), 0u);
}

TEST_F(PrivacyServiceTest, MatchesE_mailCaseInsensitivelyAndRefusesNonAdminsAndEmptyInput) {
    File("", "Li.Na@Example.com");
    EXPECT_EQ(privacy_.EraseCustomer(AnActor(Role::kAdmin), "li.na@example.com", "r", true)->numbers.size(), 1u);
    EXPECT_EQ(privacy_.EraseCustomer(AnActor(Role::kManager), "li.na@example.com", "r", false).error().code,
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(privacy_.EraseCustomer(AnActor(Role::kAdmin), "", "r", false).error().field, "contact");
    EXPECT_EQ(privacy_.EraseCustomer(AnActor(Role::kAdmin), "li.na@example.com", "", false).error().field, "reason");
}

TEST_F(PrivacyServiceTest, RetentionIsOffByDefaultAndThenTouchesOnlyEndedComplaintsOlderThanThePolicy) {
    auto old_closed = File("13800000001", "");
    Close(old_closed);
    auto old_open = File("13800000002", "");
    clock_.Advance(std::chrono::days(3 * 366));
    auto recent_closed = File("13800000003", "");
    Close(recent_closed);

    auto policy = privacy_.Retention(kDefaultTenant);
    ASSERT_TRUE(policy);
    EXPECT_EQ(policy->years, 0);
    EXPECT_EQ(privacy_.ApplyRetention(AnActor(Role::kAdmin), *policy, false)->numbers.size(), 0u);

    EXPECT_EQ(privacy_.SetRetention(AnActor(Role::kManager), {2, RetentionAction::kDelete}).error().code,
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(privacy_.SetRetention(AnActor(Role::kAdmin), {101, RetentionAction::kDelete}).error().field, "years");
    ASSERT_TRUE(privacy_.SetRetention(AnActor(Role::kAdmin), {2, RetentionAction::kAnonymise}));
    EXPECT_EQ(audit_.records.back(), "settings.changed retention.years=2 retention.action=anonymise");
    policy = privacy_.Retention(kDefaultTenant);
    EXPECT_EQ(policy->years, 2);

    auto dry = privacy_.ApplyRetention(AnActor(Role::kAdmin), *policy, true);
    ASSERT_TRUE(dry);
    ASSERT_EQ(dry->numbers.size(), 1u);
    EXPECT_EQ(dry->numbers[0], store_.Get(kDefaultTenant, old_closed)->number);
    ASSERT_TRUE(privacy_.ApplyRetention(AnActor(Role::kAdmin), *policy, false));
    EXPECT_EQ(store_.Get(kDefaultTenant, old_closed)->customer.phone, "");
    EXPECT_EQ(store_.Get(kDefaultTenant, old_open)->customer.phone, "13800000002") << "still open";
    EXPECT_EQ(store_.Get(kDefaultTenant, recent_closed)->customer.phone, "13800000003") << "too recent";

    ASSERT_TRUE(privacy_.SetRetention(AnActor(Role::kAdmin), {2, RetentionAction::kDelete}));
    auto deleted = privacy_.ApplyRetention(AnActor(Role::kAdmin), *privacy_.Retention(kDefaultTenant), false);
    EXPECT_EQ(deleted->changed, 1);
    EXPECT_EQ(store_.Get(kDefaultTenant, old_closed).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(*store_.Count(kDefaultTenant), 2);
}

TEST_F(PrivacyServiceTest, ContactChangesAreRecordedMaskedInTheTimeline) {
    auto id = File("13812341234", "");
    complaint::ComplaintPatch patch;
    patch.customer_phone = "13998765432";
    patch.customer_name = "王芳";
    patch.location = "北京市朝阳区某小区 3 号楼";
    auto updated = complaints_.Update(AnActor(), id, 1, patch);
    ASSERT_TRUE(updated);
    auto events = *store_.Events(kDefaultTenant, id);
    std::map<std::string, std::pair<std::string, std::string>> changes;
    for (const auto& e : events) {
        if (e.kind == workflow::EventKind::kFieldChanged) changes[e.field] = {e.before, e.after};
    }
    EXPECT_EQ(changes["customer.phone"], (std::pair<std::string, std::string>{"138****1234", "139****5432"}));
    EXPECT_EQ(changes["customer.name"], (std::pair<std::string, std::string>{"张*", "王*"}));
    EXPECT_EQ(changes["location"], (std::pair<std::string, std::string>{"", "(changed)"})) << "no address kept";
}

}  // namespace
}  // namespace heed::core::services
