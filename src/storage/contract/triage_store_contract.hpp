#pragma once
// The contract of ports::TriageStore, run against every backend (the store under test implements both ports):
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, TriageStoreContract, SqliteFactory);

#include <gtest/gtest.h>

#include "core/complaint/pii.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/ports/triage_store.hpp"
#include "core/services/complaint_service.hpp"
#include "core/triage/fingerprint.hpp"
#include "core/triage/text_match.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"

namespace heed::storage::contract {

template <typename Factory>
class TriageStoreContract : public ::testing::Test {
protected:
    TriageStoreContract()
        : store_(Factory::Make()),
          triage_(dynamic_cast<core::ports::TriageStore&>(*store_)),
          clock_(*core::ParseIso8601("2024-05-10T02:00:00Z")),
          service_(*store_, clock_) {}

    core::complaint::Complaint File(core::complaint::Complaint draft, core::TenantId tenant = core::kDefaultTenant) {
        auto filed = service_.File(testing::AnActor(core::workflow::Role::kAgent, tenant), std::move(draft));
        EXPECT_TRUE(filed) << (filed ? "" : filed.error().message);
        clock_.Advance(std::chrono::hours(1));
        return *filed;
    }

    static core::triage::Rule ARule(std::string name, int priority) {
        core::triage::Rule rule;
        rule.tenant = core::kDefaultTenant;
        rule.name = std::move(name);
        rule.priority = priority;
        rule.when.keywords_any = {"退款"};
        rule.when.channels = {core::complaint::Channel::kApp};
        rule.when.severity_min = 2;
        rule.when.regex = "退款.{0,5}没";
        rule.then.set = {{"urgency", "important"}};
        rule.then.add_tags = {"退款"};
        rule.then.risk_flags = {core::complaint::RiskFlag::kLegal};
        rule.then.escalate = true;
        rule.then.team = "退款组";
        return rule;
    }

    std::unique_ptr<core::ports::ComplaintStore> store_;
    core::ports::TriageStore& triage_;
    testing::FakeClock clock_;
    core::services::ComplaintService service_;
};

TYPED_TEST_SUITE_P(TriageStoreContract);

TYPED_TEST_P(TriageStoreContract, KeepsRulesWholeInRunOrderWithVersions) {
    auto& t = this->triage_;
    auto late = t.CreateRule(this->ARule("late", 50));
    auto early = t.CreateRule(this->ARule("early", 5));
    auto tie = t.CreateRule(this->ARule("tie", 50));
    ASSERT_TRUE(late && early && tie);
    auto rules = t.Rules(core::kDefaultTenant);
    ASSERT_TRUE(rules);
    ASSERT_EQ(rules->size(), 3u);
    EXPECT_EQ((*rules)[0].name, "early");
    EXPECT_EQ((*rules)[1].name, "late");  // equal priority: by id
    EXPECT_EQ((*rules)[2].name, "tie");
    const auto& got = (*rules)[0];
    EXPECT_EQ(got.when.keywords_any, std::vector<std::string>{"退款"});
    EXPECT_EQ(got.when.channels, std::vector<core::complaint::Channel>{core::complaint::Channel::kApp});
    EXPECT_EQ(got.when.severity_min, 2);
    EXPECT_FALSE(got.when.severity_max);
    EXPECT_EQ(got.when.regex, "退款.{0,5}没");
    EXPECT_EQ(got.then.set.at("urgency"), "important");
    EXPECT_EQ(got.then.risk_flags, std::vector<core::complaint::RiskFlag>{core::complaint::RiskFlag::kLegal});
    EXPECT_TRUE(got.then.escalate);
    EXPECT_EQ(got.then.team, "退款组");
    EXPECT_EQ(got.version, 1);

    auto changed = *early;
    changed.name = "early, renamed";
    changed.enabled = false;
    auto updated = t.UpdateRule(changed, 1);
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_EQ(updated->version, 2);
    EXPECT_FALSE(t.GetRule(core::kDefaultTenant, early->id)->enabled);
    EXPECT_EQ(t.UpdateRule(changed, 1).error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(t.GetRule(core::TenantId{2}, early->id).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(t.DeleteRule(core::TenantId{2}, early->id).error().code, core::ErrorCode::kNotFound);
    ASSERT_TRUE(t.DeleteRule(core::kDefaultTenant, early->id));
    EXPECT_EQ(t.Rules(core::kDefaultTenant)->size(), 2u);
    EXPECT_TRUE(t.Rules(core::TenantId{2})->empty());
}

TYPED_TEST_P(TriageStoreContract, KeepsThresholdsPerTenant) {
    ASSERT_TRUE(this->triage_.SetThresholds(core::kDefaultTenant, {{"category", 0.7}}));
    EXPECT_EQ(this->triage_.Thresholds(core::kDefaultTenant)->at("category"), 0.7);
    EXPECT_TRUE(this->triage_.Thresholds(core::TenantId{2})->empty());
}

TYPED_TEST_P(TriageStoreContract, FindsEarlierComplaintsByAnyContactKeyNewestFirstWithinTheWindow) {
    auto old = this->File(testing::AComplaint("旧", "很早以前的一次"));
    this->clock_.Advance(std::chrono::hours(24 * 40));
    auto by_phone = testing::AComplaint("a", "电话相同");
    by_phone.customer.email.clear();
    auto first = this->File(by_phone);
    auto by_email = testing::AComplaint("b", "邮箱相同");
    by_email.customer.phone.clear();
    by_email.compensation = "补偿50元";
    auto second = this->File(by_email);
    auto stranger = testing::AComplaint("c", "别人");
    stranger.customer.phone = "13900001111";
    stranger.customer.email = "other@example.com";
    this->File(stranger);

    auto keys = core::triage::ContactKeys(testing::AComplaint().customer);
    auto found =
        this->triage_.ByContact(core::kDefaultTenant, keys, this->clock_.Now() - std::chrono::hours(24 * 30), 10);
    ASSERT_TRUE(found);
    ASSERT_EQ(found->size(), 2u);
    EXPECT_EQ((*found)[0].id, second.id);
    EXPECT_EQ((*found)[0].number, second.number);
    EXPECT_EQ((*found)[0].category, "物流配送");
    EXPECT_TRUE((*found)[0].compensated);
    EXPECT_EQ((*found)[1].id, first.id);
    EXPECT_FALSE((*found)[1].compensated);
    auto all = this->triage_.ByContact(core::kDefaultTenant, keys, core::Instant{}, 10);
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ(all->back().id, old.id);
    EXPECT_EQ(this->triage_.ByContact(core::kDefaultTenant, keys, core::Instant{}, 1)->size(), 1u);
    // The phone's key alone (one key: one walk): the two complaints that give the phone, newest first.
    auto phone = core::triage::ContactKeys(by_phone.customer);
    ASSERT_EQ(phone.size(), 1u);
    auto by_phone_key = this->triage_.ByContact(core::kDefaultTenant, phone, core::Instant{}, 10);
    ASSERT_TRUE(by_phone_key);
    ASSERT_EQ(by_phone_key->size(), 2u);
    EXPECT_EQ((*by_phone_key)[0].id, first.id);
    EXPECT_EQ((*by_phone_key)[0].category, "物流配送");
    EXPECT_EQ((*by_phone_key)[1].id, old.id);
    EXPECT_EQ(this->triage_.ByContact(core::kDefaultTenant, phone, core::Instant{}, 1)->size(), 1u);
    EXPECT_EQ(this->triage_.ByContact(core::kDefaultTenant, phone, this->clock_.Now() - std::chrono::hours(24), 10)
                  ->size(),
              1u);
}

TYPED_TEST_P(TriageStoreContract, ErasureRemovesAComplaintFromTheContactIndex) {
    auto filed = this->File(testing::AComplaint());
    auto keys = core::triage::ContactKeys(filed.customer);
    ASSERT_EQ(this->triage_.ByContact(core::kDefaultTenant, keys, core::Instant{}, 10)->size(), 1u);
    auto erased = filed;
    core::complaint::Anonymise(erased);
    core::workflow::Event event{{},
                                filed.tenant,
                                filed.id,
                                this->clock_.Now(),
                                "privacy",
                                core::workflow::Role::kSystem,
                                core::workflow::EventKind::kErased,
                                {},
                                {},
                                {},
                                "test"};
    ASSERT_TRUE(this->store_->Update({erased, filed.version, {event}, {}}));
    EXPECT_TRUE(this->triage_.ByContact(core::kDefaultTenant, keys, core::Instant{}, 10)->empty());
}

TYPED_TEST_P(TriageStoreContract, FindsNearDuplicateTextThroughTheFingerprintBands) {
    const std::string text = "新买的空调安装后第二天就开始漏水，墙面被泡坏了，售后说要等两周才能上门，太不负责任了。";
    auto a = this->File(testing::AComplaint("空调漏水", text));
    auto b_draft = testing::AComplaint("空调漏水", text);
    b_draft.customer.phone = "13900002222";
    b_draft.customer.email.clear();
    auto b = this->File(b_draft);
    this->File(testing::AComplaint("发票", "发票开错了抬头，联系客服三次都没有人回复，要求重新开具发票并道歉。"));
    auto hash = core::triage::SimHash(core::triage::NormaliseForMatching(text));
    ASSERT_TRUE(hash);
    auto found = this->triage_.ByFingerprint(core::kDefaultTenant, *hash, core::Instant{}, 10);
    ASSERT_TRUE(found);
    ASSERT_EQ(found->size(), 2u);
    EXPECT_EQ((*found)[0].id, b.id);
    EXPECT_EQ((*found)[0].simhash, *hash);
    EXPECT_EQ((*found)[0].customer, core::triage::ContactKeys(b_draft.customer).front());
    EXPECT_EQ((*found)[1].id, a.id);
    EXPECT_TRUE(this->triage_.ByFingerprint(core::TenantId{2}, *hash, core::Instant{}, 10)->empty());
    EXPECT_TRUE(this->triage_.ByFingerprint(core::kDefaultTenant, *hash, this->clock_.Now(), 10)->empty());
}

TYPED_TEST_P(TriageStoreContract, SummarisesClustersByCustomers) {
    auto draft = testing::AComplaint();
    draft.links.incident_cluster = "IC-1";
    auto a = this->File(draft);
    auto b = this->File(draft);  // the same customer again
    draft.customer.phone = "13900003333";
    draft.customer.email.clear();
    auto c = this->File(draft);
    draft.links.incident_cluster = "IC-2";
    this->File(draft);
    auto clusters = this->triage_.Clusters(core::kDefaultTenant, core::Instant{}, 10);
    ASSERT_TRUE(clusters);
    ASSERT_EQ(clusters->size(), 2u);
    EXPECT_EQ((*clusters)[0].id, "IC-1");
    EXPECT_EQ((*clusters)[0].complaints, 3);
    EXPECT_EQ((*clusters)[0].customers, 2);
    EXPECT_EQ((*clusters)[0].first_at, a.milestones.received_at);
    EXPECT_EQ((*clusters)[0].last_at, c.milestones.received_at);
    EXPECT_EQ(*this->triage_.ClusterMembers(core::kDefaultTenant, "IC-1"),
              (std::vector<core::ComplaintId>{a.id, b.id, c.id}));
    EXPECT_TRUE(this->triage_.ClusterMembers(core::TenantId{2}, "IC-1")->empty());
    EXPECT_TRUE(this->triage_.Clusters(core::kDefaultTenant, this->clock_.Now(), 10)->empty());
}

TYPED_TEST_P(TriageStoreContract, ExportsTheLatestLabelPerFieldWithTheCurrentText) {
    auto filed = this->File(testing::AComplaint("运费", "多收运费"));
    auto next = filed;
    next.classification.category = "价格争议";
    core::workflow::Event event{{},
                                filed.tenant,
                                filed.id,
                                this->clock_.Now(),
                                "lihua",
                                core::workflow::Role::kAgent,
                                core::workflow::EventKind::kFieldChanged,
                                "category",
                                "物流配送",
                                "价格争议",
                                {}};
    core::ports::ComplaintUpdate update{next, filed.version, {event}, {}};
    update.labels = {
        {0, filed.tenant, filed.id, "category", "服务态度", "物流配送", "model", "lihua", this->clock_.Now(), {}},
        {0, filed.tenant, filed.id, "category", "价格争议", "服务态度", "person", "lihua", this->clock_.Now(), {}},
        {0, filed.tenant, filed.id, "urgency", "urgent", "", "", "lihua", this->clock_.Now(), {}}};
    ASSERT_TRUE(this->store_->Update(update));
    auto labels = this->triage_.Labels(core::kDefaultTenant, 0, 10);
    ASSERT_TRUE(labels);
    ASSERT_EQ(labels->size(), 2u);
    EXPECT_EQ((*labels)[0].field, "category");
    EXPECT_EQ((*labels)[0].label, "价格争议");
    EXPECT_EQ((*labels)[0].text, "运费\n多收运费");
    EXPECT_EQ((*labels)[1].field, "urgency");
    EXPECT_EQ(this->triage_.Labels(core::kDefaultTenant, (*labels)[0].id, 10)->size(), 1u);
    EXPECT_TRUE(this->triage_.Labels(core::TenantId{2}, 0, 10)->empty());
    ASSERT_TRUE(this->store_->Delete(core::kDefaultTenant, filed.id, testing::AnActor()));
    EXPECT_TRUE(this->triage_.Labels(core::kDefaultTenant, 0, 10)->empty());
}

TYPED_TEST_P(TriageStoreContract, ListsTheTriageQueue) {
    auto waiting = testing::AComplaint("a", "等人看");
    waiting.triage.review_fields = {"category"};
    auto w = this->File(waiting);
    this->File(testing::AComplaint("b", "不用看"));
    core::ports::ComplaintQuery query;
    query.triage_queue = true;
    auto page = this->store_->List(core::kDefaultTenant, query);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->items.size(), 1u);
    EXPECT_EQ(page->items[0].id, w.id);
    EXPECT_EQ(page->items[0].triage.review_fields, std::vector<std::string>{"category"});
    auto next = w;
    next.triage.review_fields.clear();
    core::workflow::Event event{{},
                                w.tenant,
                                w.id,
                                this->clock_.Now(),
                                "lihua",
                                core::workflow::Role::kAgent,
                                core::workflow::EventKind::kTriaged,
                                "review_fields",
                                "category",
                                {},
                                {}};
    ASSERT_TRUE(this->store_->Update({next, w.version, {event}, {}}));
    EXPECT_TRUE(this->store_->List(core::kDefaultTenant, query)->items.empty());
}

TYPED_TEST_P(TriageStoreContract, KeepsTriageSignalsOfAComplaint) {
    auto draft = testing::AComplaint();
    draft.triage.confidences = {{"category", 0.42}};
    draft.triage.risk_terms = {"起诉"};
    draft.triage.repeat_count = 2;
    draft.triage.fraud_score = 0.3;
    draft.triage.fraud_reasons = {"burst"};
    auto filed = this->File(draft);
    auto got = this->store_->Get(core::kDefaultTenant, filed.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->triage.confidences, draft.triage.confidences);
    EXPECT_EQ(got->triage.risk_terms, draft.triage.risk_terms);
    EXPECT_EQ(got->triage.repeat_count, 2);
    EXPECT_DOUBLE_EQ(got->triage.fraud_score, 0.3);
    EXPECT_EQ(got->triage.fraud_reasons, draft.triage.fraud_reasons);
    auto repeat =
        this->triage_.ByContact(core::kDefaultTenant, core::triage::ContactKeys(draft.customer), core::Instant{}, 1);
    EXPECT_EQ(repeat->at(0).repeat_count, 2);
}

REGISTER_TYPED_TEST_SUITE_P(TriageStoreContract, KeepsRulesWholeInRunOrderWithVersions, KeepsThresholdsPerTenant,
                            FindsEarlierComplaintsByAnyContactKeyNewestFirstWithinTheWindow,
                            ErasureRemovesAComplaintFromTheContactIndex,
                            FindsNearDuplicateTextThroughTheFingerprintBands, SummarisesClustersByCustomers,
                            ExportsTheLatestLabelPerFieldWithTheCurrentText, ListsTheTriageQueue,
                            KeepsTriageSignalsOfAComplaint);

}  // namespace heed::storage::contract
