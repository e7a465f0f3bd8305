// Intake triage end to end over the in-memory store: sources of each field, the lexicon, rules in order, the triage
// queue and labels, repeats, duplicates, clusters and the fraud score; and the rule service's roles and audit.

#include <gtest/gtest.h>

#include "core/services/complaint_service.hpp"
#include "core/services/rule_service.hpp"
#include "core/services/triage_service.hpp"
#include "storage/memory/memory_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"
#include "support/std_regex_engine.hpp"

namespace heed::core::services {
namespace {

using complaint::FieldSource;
using complaint::RiskFlag;
using complaint::Urgency;
using testing::AComplaint;
using testing::AnActor;
using workflow::EventKind;
using workflow::Role;

class FakeClassifier final : public ports::TextClassifier {
public:
    ports::TextPrediction Classify(TenantId, std::string_view, std::string_view) const override { return answer; }
    std::optional<ports::LexiconSentiment> ReadSentiment(std::string_view) const override { return lexicon; }
    ports::TextPrediction answer;
    std::optional<ports::LexiconSentiment> lexicon;
};

class RecordingAudit final : public ports::AuditLog {
public:
    Result<void> Record(const ports::AuditRecord& record) override {
        records.push_back(record);
        return {};
    }
    std::vector<ports::AuditRecord> records;
};

class TriageTest : public ::testing::Test {
protected:
    complaint::Complaint File(complaint::Complaint draft, Role role = Role::kAgent) {
        auto filed = service_.File(AnActor(role), std::move(draft));
        EXPECT_TRUE(filed) << (filed ? "" : filed.error().message);
        clock_.Advance(std::chrono::minutes(10));
        return *filed;
    }
    std::vector<workflow::Event> Events(const complaint::Complaint& c) { return *store_.Events(kDefaultTenant, c.id); }
    static bool HasEvent(const std::vector<workflow::Event>& events, EventKind kind, const std::string& field) {
        return std::any_of(events.begin(), events.end(),
                           [&](const auto& e) { return e.kind == kind && e.field == field; });
    }
    static complaint::Complaint Unclassified(std::string subject, std::string description) {
        auto c = AComplaint(std::move(subject), std::move(description));
        c.classification.category.clear();
        return c;
    }
    triage::Rule ARule(std::string name, int priority) {
        triage::Rule rule;
        rule.name = std::move(name);
        rule.priority = priority;
        return rule;
    }

    storage::memory::MemoryComplaintStore store_;
    testing::FakeClock clock_{*ParseIso8601("2024-05-10T02:00:00Z")};
    FakeClassifier classifier_;
    testing::StdRegexEngine patterns_;
    TriageService triage_{store_, store_, clock_, {.classifier = &classifier_, .patterns = &patterns_}};
    RecordingAudit audit_;
    RuleService rules_{store_, triage_, clock_, &audit_};
    ComplaintService service_ = [this] {
        ComplaintService service(store_, clock_);
        service.SetTriage(&triage_);
        return service;
    }();
};

TEST_F(TriageTest, ModelFieldsCarryTheirSourceAndConfidenceAndPersonFieldsAreKept) {
    classifier_.answer = {{"category", {"物流配送", 0.91}},
                          {"urgency", {"important", 0.8}},
                          {"severity", {"3", 0.7}},
                          {"service_stage", {"after_sale", 0.75}},
                          {"sentiment", {"negative", 0.88}}};
    auto draft = Unclassified("快递一周未到", "物流信息不更新，要求退款。");
    draft.classification.urgency = Urgency::kGeneral;
    draft.classification.field_sources["urgency"] = FieldSource::kPerson;  // as the API marks what a caller sent
    auto c = File(draft);
    const auto& k = c.classification;
    EXPECT_EQ(k.category, "物流配送");
    EXPECT_EQ(k.field_sources.at("category"), FieldSource::kModel);
    EXPECT_EQ(k.urgency, Urgency::kGeneral);
    EXPECT_EQ(k.field_sources.at("urgency"), FieldSource::kPerson);
    EXPECT_EQ(k.severity, 3);
    EXPECT_EQ(k.service_stage, complaint::ServiceStage::kAfterSale);
    ASSERT_TRUE(k.sentiment_score);
    EXPECT_DOUBLE_EQ(*k.sentiment_score, -0.88);
    EXPECT_EQ(k.field_sources.at("sentiment"), FieldSource::kModel);
    EXPECT_DOUBLE_EQ(*k.confidence, 0.91);
    EXPECT_DOUBLE_EQ(c.triage.confidences.at("severity"), 0.7);
    EXPECT_FALSE(c.triage.confidences.count("urgency"));
    EXPECT_TRUE(c.triage.review_fields.empty());
    EXPECT_TRUE(HasEvent(Events(c), EventKind::kTriaged, "category"));
}

// Without a sentiment model the lexicons' reading sets the sentiment, as a rule (no confidence, never in the triage
// queue for it); a model's sentiment and a person's are not replaced by it.
TEST_F(TriageTest, TheSentimentLexiconsFillInWhenNoModelGivesASentiment) {
    classifier_.answer = {{"category", {"物流配送", 0.91}}};
    classifier_.lexicon = ports::LexiconSentiment{-0.62, {"太差", "不 满意"}};
    auto c = File(Unclassified("快递太差", "很不满意"));
    ASSERT_TRUE(c.classification.sentiment_score);
    EXPECT_DOUBLE_EQ(*c.classification.sentiment_score, -0.62);
    EXPECT_DOUBLE_EQ(*c.classification.emotion_intensity, 0.62);
    EXPECT_EQ(c.classification.field_sources.at("sentiment"), FieldSource::kRule);
    EXPECT_FALSE(c.triage.confidences.count("sentiment"));
    EXPECT_TRUE(std::find(c.triage.review_fields.begin(), c.triage.review_fields.end(), "sentiment") ==
                c.triage.review_fields.end());
    auto events = Events(c);
    auto event = std::find_if(events.begin(), events.end(),
                              [](const auto& e) { return e.kind == EventKind::kTriaged && e.field == "sentiment"; });
    ASSERT_NE(event, events.end());
    EXPECT_EQ(event->note, "sentiment lexicon: 太差, 不 满意");

    classifier_.answer["sentiment"] = {"positive", 0.7};
    auto modelled = File(Unclassified("快递太差", "很不满意"));
    EXPECT_DOUBLE_EQ(*modelled.classification.sentiment_score, 0.7);
    EXPECT_EQ(modelled.classification.field_sources.at("sentiment"), FieldSource::kModel);

    classifier_.answer.erase("sentiment");
    auto draft = Unclassified("快递太差", "很不满意");
    draft.classification.sentiment_score = -0.1;
    draft.classification.field_sources["sentiment"] = FieldSource::kPerson;
    auto given = File(draft);
    EXPECT_DOUBLE_EQ(*given.classification.sentiment_score, -0.1);
    EXPECT_EQ(given.classification.field_sources.at("sentiment"), FieldSource::kPerson);

    classifier_.lexicon.reset();  // no word of the lexicons: nothing set
    auto plain = File(Unclassified("快递", "订单号查询"));
    EXPECT_FALSE(plain.classification.sentiment_score);
    EXPECT_FALSE(plain.classification.field_sources.count("sentiment"));
}

TEST_F(TriageTest, BelowTheTenantThresholdAFieldGoesToTheTriageQueue) {
    classifier_.answer = {{"category", {"价格争议", 0.41}},
                          {"urgency", {"general", 0.9}},
                          {"severity", {"2", 0.9}},
                          {"service_stage", {"in_sale", 0.9}}};
    auto unsure = File(Unclassified("价格不对", "下单后价格变了"));
    EXPECT_EQ(unsure.classification.category, "价格争议");  // set as a suggestion
    EXPECT_EQ(unsure.triage.review_fields, std::vector<std::string>{"category"});
    ASSERT_TRUE(rules_.SetThresholds(AnActor(Role::kAdmin), {{"category", 0.4}}));
    auto sure = File(Unclassified("价格不对", "结算时多收了运费"));
    EXPECT_TRUE(sure.triage.review_fields.empty());

    ports::ComplaintQuery queue;
    queue.triage_queue = true;
    auto page = service_.List(kDefaultTenant, queue);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->items.size(), 1u);
    EXPECT_EQ(page->items[0].id, unsure.id);
}

TEST_F(TriageTest, APersonsCorrectionBecomesALabelAndLeavesTheQueue) {
    classifier_.answer = {{"category", {"价格争议", 0.3}},
                          {"urgency", {"general", 0.9}},
                          {"severity", {"2", 0.9}},
                          {"service_stage", {"in_sale", 0.9}}};
    auto c = File(Unclassified("运费多收", "结算时多收了十元运费"));
    ASSERT_EQ(c.triage.review_fields, std::vector<std::string>{"category"});
    complaint::ComplaintPatch patch;
    patch.category = "物流配送";
    auto updated = service_.Update(AnActor(Role::kTeamLead), c.id, c.version, patch);
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_TRUE(updated->triage.review_fields.empty());
    EXPECT_EQ(updated->classification.field_sources.at("category"), FieldSource::kPerson);
    auto labels = rules_.Labels(AnActor(Role::kAnalyst), 0, 100);
    ASSERT_TRUE(labels);
    ASSERT_EQ(labels->size(), 1u);
    const auto& label = labels->front();
    EXPECT_EQ(label.complaint, c.id);
    EXPECT_EQ(label.field, "category");
    EXPECT_EQ(label.label, "物流配送");
    EXPECT_EQ(label.previous, "价格争议");
    EXPECT_EQ(label.previous_source, "model");
    EXPECT_EQ(label.text, "运费多收\n结算时多收了十元运费");
    EXPECT_FALSE(rules_.Labels(AnActor(Role::kAgent), 0, 100));  // agents do not export training data
}

TEST_F(TriageTest, ConfirmingTheReviewRecordsLabelsForWhatWasWaiting) {
    classifier_.answer = {{"category", {"价格争议", 0.3}},
                          {"urgency", {"general", 0.9}},
                          {"severity", {"2", 0.9}},
                          {"service_stage", {"in_sale", 0.9}}};
    auto c = File(Unclassified("运费多收", "结算时多收了十元运费"));
    complaint::ComplaintPatch patch;
    patch.triage_reviewed = true;
    auto updated = service_.Update(AnActor(Role::kAgent), c.id, c.version, patch);
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_TRUE(updated->triage.review_fields.empty());
    EXPECT_EQ(updated->version, c.version + 1);
    auto labels = *rules_.Labels(AnActor(Role::kManager), 0, 100);
    ASSERT_EQ(labels.size(), 1u);
    EXPECT_EQ(labels[0].label, "价格争议");
    EXPECT_TRUE(HasEvent(Events(*updated), EventKind::kTriaged, "review_fields"));
}

TEST_F(TriageTest, WithoutModelsUnsetFieldsWaitForAPerson) {
    TriageService bare(store_, store_, clock_);
    ComplaintService service(store_, clock_);
    service.SetTriage(&bare);
    auto filed = service.File(AnActor(), Unclassified("咨询", "请问怎么开发票"));
    ASSERT_TRUE(filed);
    EXPECT_EQ(filed->triage.review_fields,
              (std::vector<std::string>{"category", "urgency", "severity", "service_stage"}));
}

TEST_F(TriageTest, RiskWordsRaiseFlagsAndMakeItUrgentAtOnce) {
    classifier_.answer = {{"urgency", {"general", 0.95}}};
    auto c = File(AComplaint("热水壶起火", "热水壶使用时突然起火，孩子手被烫伤，我已经联系了记者，还要投诉到12315。"));
    const auto& k = c.classification;
    for (auto flag : {RiskFlag::kSafety, RiskFlag::kMedia, RiskFlag::kRegulator}) {
        EXPECT_NE(std::find(k.risk_flags.begin(), k.risk_flags.end(), flag), k.risk_flags.end());
    }
    EXPECT_EQ(k.urgency, Urgency::kUrgent);
    EXPECT_EQ(k.field_sources.at("urgency"), FieldSource::kRule);
    EXPECT_EQ(k.field_sources.at("risk_flags"), FieldSource::kRule);
    EXPECT_NE(std::find(c.triage.risk_terms.begin(), c.triage.risk_terms.end(), "起火"), c.triage.risk_terms.end());
    EXPECT_TRUE(HasEvent(Events(c), EventKind::kTriaged, "risk_flags"));
}

TEST_F(TriageTest, RulesRunInPriorityOrderAndTheFirstToSetAFieldWins) {
    auto second = ARule("generic", 20);
    second.when.keywords_any = {"冷链"};
    second.then.set = {{"category", "物流配送"}, {"severity", "2"}};
    second.then.add_tags = {"冷链"};
    auto first = ARule("spoiled food", 10);
    first.when.keywords_all = {"冷链", "变质"};
    first.then.set = {{"category", "产品质量"}};
    first.then.add_tags = {"食品安全"};
    first.then.risk_flags = {RiskFlag::kSafety};
    first.then.escalate = true;
    first.then.team = "食品安全组";
    auto manager = AnActor(Role::kManager);
    ASSERT_TRUE(rules_.Create(manager, second));  // created first, runs second
    ASSERT_TRUE(rules_.Create(manager, first));
    classifier_.answer = {{"category", {"价格争议", 0.99}}};
    auto c = File(Unclassified("冷链生鲜变质", "收到的牛排已经变质"));
    EXPECT_EQ(c.classification.category, "产品质量");  // the rule beats the model, the earlier rule the later
    EXPECT_EQ(c.classification.field_sources.at("category"), FieldSource::kRule);
    EXPECT_EQ(c.classification.severity, 2);
    EXPECT_EQ(c.classification.tags, (std::vector<std::string>{"食品安全", "冷链"}));
    EXPECT_EQ(c.classification.urgency, Urgency::kUrgent);
    EXPECT_EQ(c.team, "食品安全组");
    EXPECT_TRUE(HasEvent(Events(c), EventKind::kEscalated, "request"));
    EXPECT_EQ(audit_.records.size(), 2u);
    EXPECT_EQ(audit_.records[0].action, "rule.created");
}

TEST_F(TriageTest, ARuleTakesEffectOnTheNextIntakeAndStopsWhenDeleted) {
    auto rule = ARule("发票", 1);
    rule.when.regex = "发票.{0,6}(没|未)";
    rule.then.set = {{"category", "售后服务"}};
    auto before = File(Unclassified("发票", "发票一直没开"));
    EXPECT_EQ(before.classification.category, "");
    auto created = rules_.Create(AnActor(Role::kAdmin), rule);
    ASSERT_TRUE(created) << created.error().message;
    auto after = File(Unclassified("发票", "发票一直没开"));
    EXPECT_EQ(after.classification.category, "售后服务");
    ASSERT_TRUE(rules_.Delete(AnActor(Role::kAdmin), created->id));
    EXPECT_EQ(File(Unclassified("发票", "发票一直没开")).classification.category, "");
}

TEST_F(TriageTest, OnlyAdminsAndManagersEditRulesAndABadRuleStoresNothing) {
    auto rule = ARule("x", 1);
    rule.when.keywords_any = {"退款"};
    rule.then.add_tags = {"退款"};
    auto denied = rules_.Create(AnActor(Role::kAgent), rule);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
    EXPECT_TRUE(rules_.List(AnActor(Role::kAgent)));  // staff read
    EXPECT_FALSE(rules_.List(AnActor(Role::kCustomer)));
    rule.then.set = {{"status", "closed"}};
    auto bad = rules_.Create(AnActor(Role::kAdmin), rule);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, "then.set.status");
    EXPECT_TRUE(rules_.List(AnActor(Role::kAdmin))->empty());
    EXPECT_TRUE(audit_.records.empty());
}

TEST_F(TriageTest, ReplacingARuleChecksTheVersion) {
    auto rule = ARule("x", 1);
    rule.when.keywords_any = {"退款"};
    rule.then.add_tags = {"退款"};
    auto created = *rules_.Create(AnActor(Role::kAdmin), rule);
    rule.then.add_tags = {"退款问题"};
    auto replaced = rules_.Replace(AnActor(Role::kManager), created.id, created.version, rule);
    ASSERT_TRUE(replaced);
    EXPECT_EQ(replaced->version, 2);
    auto stale = rules_.Replace(AnActor(Role::kManager), created.id, created.version, rule);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
    auto other_tenant = rules_.Get(AnActor(Role::kAdmin, TenantId{2}), created.id);
    EXPECT_EQ(other_tenant.error().code, ErrorCode::kNotFound);
}

TEST_F(TriageTest, TheSameCustomerAndCategoryWithin30DaysIsARepeatAndTheThirdIsCounted) {
    auto first = File(AComplaint("快递延误", "第一次：快递五天没到"));
    EXPECT_FALSE(first.links.repeat_of);
    auto draft = AComplaint("又延误了", "第二次：换了一单还是没到");
    draft.customer.phone = "+86 138-1234-1234";  // the same number written differently
    draft.customer.email.clear();
    auto second = File(draft);
    ASSERT_TRUE(second.links.repeat_of);
    EXPECT_EQ(*second.links.repeat_of, first.id);
    EXPECT_EQ(second.triage.repeat_count, 1);
    EXPECT_TRUE(HasEvent(Events(second), EventKind::kLinked, "repeat_of"));
    auto third = File(AComplaint("第三次延误", "第三次：还是物流问题，太失望了"));
    EXPECT_EQ(*third.links.repeat_of, second.id);
    EXPECT_EQ(third.triage.repeat_count, 2);

    auto other_category = AComplaint("态度差", "客服挂我电话");
    other_category.classification.category = "服务态度";
    EXPECT_FALSE(File(other_category).links.repeat_of);
    clock_.Advance(std::chrono::hours(24 * 31));
    EXPECT_FALSE(File(AComplaint("快递延误", "一个多月后又一次，快递没到")).links.repeat_of);
}

TEST_F(TriageTest, BurstsFromOneContactRaiseTheFraudScoreForReviewOnly) {
    for (int i = 0; i < 3; ++i) File(AComplaint("延误", "快递没到，第" + std::to_string(i) + "次来问了，请尽快处理"));
    auto fourth = File(AComplaint("延误", "快递没到，要求赔偿三倍运费"));
    EXPECT_GT(fourth.triage.fraud_score, 0.0);
    ASSERT_FALSE(fourth.triage.fraud_reasons.empty());
    EXPECT_NE(fourth.triage.fraud_reasons[0].find("burst"), std::string::npos);
    EXPECT_EQ(fourth.status, workflow::Status::kNew);  // never rejected automatically
}

complaint::Complaint FromCustomer(int n, const std::string& text) {
    auto c = AComplaint("空调漏水", text);
    c.customer.name = "客户" + std::to_string(n);
    c.customer.phone = "1390000000" + std::to_string(n);
    c.customer.email.clear();
    return c;
}

TEST_F(TriageTest, NearIdenticalTextFromDifferentCustomersFormsAClusterThatBecomesAMassIncident) {
    const std::string text = "新买的空调安装后第二天就开始漏水，墙面被泡坏了，售后说要等两周才能上门，太不负责任了。";
    auto first = File(FromCustomer(1, text));
    EXPECT_TRUE(first.links.incident_cluster.empty());
    auto second = File(FromCustomer(2, text + "！"));
    const std::string cluster = "IC-" + first.number;
    EXPECT_EQ(second.links.incident_cluster, cluster);
    EXPECT_EQ(store_.Get(kDefaultTenant, first.id)->links.incident_cluster, cluster);  // the first is linked too
    EXPECT_TRUE(HasEvent(Events(*store_.Get(kDefaultTenant, first.id)), EventKind::kLinked, "incident_cluster"));
    auto third = File(FromCustomer(3, "  " + text));
    EXPECT_EQ(third.links.incident_cluster, cluster);
    const auto& flags = third.classification.risk_flags;
    EXPECT_NE(std::find(flags.begin(), flags.end(), RiskFlag::kMassIncident), flags.end());
    auto unrelated = File(FromCustomer(4, "发票开错了抬头，联系客服三次都没有人回复，要求重新开具发票并道歉。"));
    EXPECT_TRUE(unrelated.links.incident_cluster.empty());

    auto clusters = rules_.Clusters(AnActor(Role::kAnalyst), std::chrono::hours(24 * 30), 10);
    ASSERT_TRUE(clusters);
    ASSERT_EQ(clusters->size(), 1u);
    EXPECT_EQ(clusters->front().id, cluster);
    EXPECT_EQ(clusters->front().complaints, 3);
    EXPECT_EQ(clusters->front().customers, 3);
    EXPECT_EQ(*rules_.ClusterMembers(AnActor(Role::kAgent), cluster),
              (std::vector<ComplaintId>{first.id, second.id, third.id}));
    // Customers describing one incident in nearly the same words are not suspicious.
    EXPECT_EQ(third.triage.fraud_score, 0.0);
}

TEST_F(TriageTest, ByteIdenticalTextFromSeveralAccountsIsFlaggedForReviewOnly) {
    const std::string text = "你们的客服骗人，承诺的赔偿一直不给，我要求立即赔偿两千元，否则天天来投诉。";
    File(FromCustomer(1, text));
    File(FromCustomer(2, text));
    auto third = File(FromCustomer(3, text));
    EXPECT_GE(third.triage.fraud_score, 0.5);
    ASSERT_FALSE(third.triage.fraud_reasons.empty());
    EXPECT_NE(third.triage.fraud_reasons.back().find("the same text from 2 other accounts"), std::string::npos);
    EXPECT_EQ(third.status, workflow::Status::kNew);
}

TEST_F(TriageTest, TheSameCustomersNearIdenticalTextIsADuplicate) {
    const std::string text = "洗衣机脱水时剧烈晃动还有异响，已经报修三次，维修师傅每次都说没问题，要求换新。";
    auto first = File(FromCustomer(1, text));
    auto again = File(FromCustomer(1, text));
    ASSERT_TRUE(again.links.duplicate_of);
    EXPECT_EQ(*again.links.duplicate_of, first.id);
    EXPECT_TRUE(again.links.incident_cluster.empty());
}

}  // namespace
}  // namespace heed::core::services
