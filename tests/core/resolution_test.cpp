// The resolution workspace in the core: template validation and rendering, text similarity, the template service
// (roles, audit, uses, statistics from the customers' answers), suggestions, and links and merges between
// complaints — on the in-memory twins.

#include <gtest/gtest.h>

#include "core/resolution/profile_cache.hpp"
#include "core/resolution/similarity.hpp"
#include "core/resolution/solution_template.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/suggestion_service.hpp"
#include "core/services/template_service.hpp"
#include "storage/memory/memory_resolution_store.hpp"
#include "storage/memory/memory_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"

namespace heed::core::resolution {
namespace {

using services::ComplaintService;
using services::SuggestionService;
using services::TemplateService;
using testing::AComplaint;
using workflow::Actor;
using workflow::Role;
using workflow::Status;

SolutionTemplate ATemplate(std::string zh = "{customer_name}您好，您的投诉 {number}（订单 {order}）已处理。",
                           std::string en = "Dear {customer_name}, complaint {number} (order {order}) is resolved.") {
    SolutionTemplate t;
    t.name = "物流延误致歉";
    t.category = "物流配送";
    t.body_zh = std::move(zh);
    t.body_en = std::move(en);
    return t;
}

TEST(TemplateValidation, RefusesWhatCannotBeRenderedWithTheReason) {
    const struct {
        const char* zh;
        const char* en;
        const char* field;
        const char* says;
    } cases[] = {
        {"您好 {customer}", "", "body_zh", "unknown placeholder {customer}"},
        {"", "Dear {name}", "body_en", "unknown placeholder {name}"},
        {"您好 {customer_name", "", "body_zh", "unclosed placeholder"},
        {"您好 {customer_name {number}}", "", "body_zh", "unclosed placeholder"},
        {"金额 } 元", "", "body_zh", "unmatched }"},
        {"", "  ", "body_zh", "needs a Chinese or an English body"},
    };
    for (const auto& c : cases) {
        auto valid = ValidateTemplate(ATemplate(c.zh, c.en));
        ASSERT_FALSE(valid) << c.zh << c.en;
        EXPECT_EQ(valid.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(valid.error().field, c.field) << c.zh << c.en;
        EXPECT_NE(valid.error().message.find(c.says), std::string::npos) << valid.error().message;
    }
    auto unknown = ValidateTemplate(ATemplate("{refund_amount}"));
    EXPECT_NE(unknown.error().message.find("{amount}"), std::string::npos) << "the known placeholders are listed";
    EXPECT_TRUE(ValidateTemplate(ATemplate("{{literal}} {amount} {product} {category} {subject} {received_date} {agent}")));
    auto no_name = ATemplate();
    no_name.name = " ";
    EXPECT_EQ(ValidateTemplate(no_name).error().field, "name");
}

TEST(TemplateRendering, FillsPlaceholdersInTheRequestedLanguageAndFallsBackToTheOther) {
    auto c = AComplaint();
    c.number = "TS202603000007";
    c.order_ref = "DD2026001";
    c.amount_in_dispute = complaint::Money{12345, "CNY"};
    auto zh = Render(ATemplate(), "zh", PlaceholderValues(c, "amy", "zh"));
    EXPECT_EQ(zh.text, "张伟您好，您的投诉 TS202603000007（订单 DD2026001）已处理。");
    EXPECT_EQ(zh.language, "zh");
    EXPECT_TRUE(zh.missing.empty());
    auto en = Render(ATemplate(), "en", PlaceholderValues(c, "amy", "en"));
    EXPECT_EQ(en.text, "Dear 张伟, complaint TS202603000007 (order DD2026001) is resolved.");
    auto only_zh = Render(ATemplate("退款 {amount}，{{谢谢}}", ""), "en", PlaceholderValues(c, "amy", "en"));
    EXPECT_EQ(only_zh.language, "zh");
    EXPECT_EQ(only_zh.text, "退款 123.45 CNY，{谢谢}");
    c.order_ref.clear();
    auto missing = Render(ATemplate(), "zh", PlaceholderValues(c, "amy", "zh"));
    EXPECT_EQ(missing.missing, std::vector<std::string>{"order"});
}

TEST(TextSimilarity, RanksTheSameStoryAboveAnotherOne) {
    auto delivery = ProfileOf("快递延误一周未到，物流信息一直没有更新，要求退款");
    auto same_story = ProfileOf("快递延误了一周还没到，物流信息没有更新，我要退款");
    auto other_story = ProfileOf("空调安装师傅态度恶劣，乱收安装费");
    EXPECT_GT(Similarity(delivery, same_story), 0.3);
    EXPECT_LT(Similarity(delivery, other_story), 0.05);
    EXPECT_DOUBLE_EQ(Similarity(delivery, delivery), 1.0);
    EXPECT_GT(Similarity(ProfileOf("The parcel was late and the refund never came"),
                         ProfileOf("my parcel came late, still waiting for the refund")),
              Similarity(ProfileOf("The parcel was late and the refund never came"),
                         ProfileOf("the agent was rude on the phone")));
    EXPECT_EQ(Similarity(ProfileOf(""), delivery), 0);
}

std::shared_ptr<const ProfiledCandidate> Profiled(std::int64_t version, std::string text) {
    return std::make_shared<const ProfiledCandidate>(ProfiledCandidate{version, "冰箱", ProfileOf(text)});
}

TEST(ProfileCache, AnEntryServesOnlyItsTenantAndVersionAndTheLeastRecentlyUsedGoFirst) {
    ProfileCache cache(2);
    cache.Put(kDefaultTenant, ComplaintId{1}, Profiled(3, "快递延误"));
    cache.Put(kDefaultTenant, ComplaintId{2}, Profiled(1, "安装乱收费"));
    auto found = cache.Find({{kDefaultTenant, ComplaintId{1}, 3},
                             {kDefaultTenant, ComplaintId{1}, 4},  // changed since: made again by the caller
                             {TenantId{2}, ComplaintId{2}, 1},      // the same id asked for by another tenant
                             {kDefaultTenant, ComplaintId{9}, 1}});
    ASSERT_TRUE(found[0]);
    EXPECT_EQ(found[0]->version, 3);
    EXPECT_EQ(found[0]->product, "冰箱");
    EXPECT_DOUBLE_EQ(Similarity(found[0]->profile, ProfileOf("快递延误")), 1.0);
    EXPECT_FALSE(found[1]);
    EXPECT_FALSE(found[2]);
    EXPECT_FALSE(found[3]);
    // 1 was used last, so the third entry pushes 2 out.
    cache.Put(kDefaultTenant, ComplaintId{3}, Profiled(1, "退款未到账"));
    EXPECT_EQ(cache.size(), 2u);
    found = cache.Find({{kDefaultTenant, ComplaintId{1}, 3}, {kDefaultTenant, ComplaintId{2}, 1},
                        {kDefaultTenant, ComplaintId{3}, 1}});
    EXPECT_TRUE(found[0]);
    EXPECT_FALSE(found[1]);
    EXPECT_TRUE(found[2]);
    // A new version replaces the old one.
    cache.Put(kDefaultTenant, ComplaintId{1}, Profiled(4, "快递丢件"));
    found = cache.Find({{kDefaultTenant, ComplaintId{1}, 3}, {kDefaultTenant, ComplaintId{1}, 4}});
    EXPECT_FALSE(found[0]);
    ASSERT_TRUE(found[1]);
    EXPECT_DOUBLE_EQ(Similarity(found[1]->profile, ProfileOf("快递丢件")), 1.0);
    ProfileCache none(0);
    none.Put(kDefaultTenant, ComplaintId{1}, Profiled(1, "快递延误"));
    EXPECT_EQ(none.size(), 0u);
    EXPECT_FALSE(none.Find({{kDefaultTenant, ComplaintId{1}, 1}})[0]);
}

class RecordingAudit final : public ports::AuditLog {
public:
    Result<void> Record(const ports::AuditRecord& record) override {
        records.push_back(record.action + " " + std::to_string(record.object_id));
        return {};
    }
    std::vector<std::string> records;
};

class ResolutionTest : public ::testing::Test {
protected:
    complaint::Complaint File(std::string subject = "快递延误一周未到",
                              std::string description = "我在5月1日下单，物流信息一直没有更新，客服态度也很差，要求退款。",
                              std::string category = "物流配送") {
        auto draft = AComplaint(std::move(subject), std::move(description));
        draft.classification.category = std::move(category);
        draft.order_ref = "DD2026001";
        draft.product_ref = "冰箱";
        draft.team = "一线客服组";
        auto filed = complaints_.File(admin_, draft);
        EXPECT_TRUE(filed) << filed.error().message;
        return *filed;
    }

    complaint::Complaint Resolve(ComplaintId id, const std::string& summary = "已补发并退运费") {
        EXPECT_TRUE(complaints_.Transition(admin_, id, std::nullopt, Status::kAssigned, {.assignee = "amy"}));
        EXPECT_TRUE(complaints_.Transition(admin_, id, std::nullopt, Status::kInProgress, {}));
        auto resolved = complaints_.Transition(admin_, id, std::nullopt, Status::kResolved, {.resolution_summary = summary});
        EXPECT_TRUE(resolved) << resolved.error().message;
        return *resolved;
    }

    void Answer(ComplaintId id, int csat) {  // what a submitted survey does to the record
        auto c = store_.Get(kDefaultTenant, id);
        auto next = *c;
        next.feedback.csat = csat;
        ASSERT_TRUE(store_.Update({next, c->version, {{{}, kDefaultTenant, id, clock_.Now(), "customer", Role::kCustomer,
                                                        workflow::EventKind::kSurvey, "answered", "", "", ""}}, {}}));
    }

    testing::FakeClock clock_{*ParseIso8601("2026-03-02T09:00:00Z")};
    storage::memory::MemoryComplaintStore store_;
    storage::memory::MemoryResolutionStore resolution_{store_};
    RecordingAudit audit_;
    ComplaintService complaints_{store_, clock_};
    TemplateService templates_{complaints_, resolution_, clock_, &audit_};
    SuggestionService suggestions_{complaints_, templates_, resolution_};
    Actor admin_{kDefaultTenant, "admin", Role::kAdmin, ""};
    Actor amy_{kDefaultTenant, "amy", Role::kAgent, "一线客服组"};
    Actor lead_{kDefaultTenant, "lead", Role::kTeamLead, "一线客服组"};
    Actor analyst_{kDefaultTenant, "ana", Role::kAnalyst, ""};
    Actor other_team_{kDefaultTenant, "bob", Role::kAgent, "二线客服组"};
    Actor other_tenant_{TenantId{2}, "admin", Role::kAdmin, ""};
};

TEST_F(ResolutionTest, LeadsEditTemplatesAgentsAndAnalystsOnlyReadAndEveryEditIsAudited) {
    EXPECT_EQ(templates_.Create(amy_, ATemplate()).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(templates_.Create(analyst_, ATemplate()).error().code, ErrorCode::kPermissionDenied);
    auto created = templates_.Create(lead_, ATemplate());
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_EQ(created->created_by, "lead");
    EXPECT_EQ(created->version, 1);
    EXPECT_TRUE(templates_.List(amy_, std::nullopt, false));
    EXPECT_TRUE(templates_.Get(analyst_, created->id));
    auto changed = ATemplate();
    changed.name = "物流延误致歉（新）";
    EXPECT_EQ(templates_.Update(amy_, created->id, 1, changed).error().code, ErrorCode::kPermissionDenied);
    auto updated = templates_.Update(lead_, created->id, 1, changed);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->version, 2);
    EXPECT_EQ(templates_.Update(lead_, created->id, 1, changed).error().code, ErrorCode::kConflict);
    auto bad = ATemplate("{customer}");
    EXPECT_EQ(templates_.Update(lead_, created->id, 2, bad).error().field, "body_zh");
    EXPECT_EQ(templates_.Delete(amy_, created->id).error().code, ErrorCode::kPermissionDenied);
    EXPECT_TRUE(templates_.Delete(lead_, created->id));
    EXPECT_EQ(templates_.Get(lead_, created->id).error().code, ErrorCode::kNotFound);
    auto id = std::to_string(created->id.value);
    EXPECT_EQ(audit_.records, (std::vector<std::string>{"template.created " + id, "template.updated " + id,
                                                        "template.deleted " + id}));
}

TEST_F(ResolutionTest, AnotherTenantNeitherSeesNorUsesTheTemplates) {
    auto created = templates_.Create(lead_, ATemplate());
    auto c = File();
    EXPECT_EQ(templates_.Get(other_tenant_, created->id).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(templates_.List(other_tenant_, std::nullopt, true)->empty());
    EXPECT_EQ(templates_.Render(other_tenant_, created->id, c.id, std::nullopt).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(templates_.Update(other_tenant_, created->id, 1, ATemplate()).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(templates_.Delete(other_tenant_, created->id).error().code, ErrorCode::kNotFound);
}

TEST_F(ResolutionTest, RenderingUsesTheCustomersLanguageAndRecordsNothing) {
    auto t = templates_.Create(lead_, ATemplate());
    auto c = File();
    auto rendered = templates_.Render(amy_, t->id, c.id, std::nullopt);
    ASSERT_TRUE(rendered) << rendered.error().message;
    EXPECT_EQ(rendered->rendered.language, "zh");
    EXPECT_EQ(rendered->rendered.text, "张伟您好，您的投诉 " + c.number + "（订单 DD2026001）已处理。");
    auto english = File("Parcel late", "My parcel is a week late and nobody answers.");
    EXPECT_EQ(templates_.Render(amy_, t->id, english.id, std::nullopt)->rendered.text,
              "Dear 张伟, complaint " + english.number + " (order DD2026001) is resolved.");
    EXPECT_EQ(templates_.Render(amy_, t->id, c.id, "fr").error().field, "language");
    EXPECT_EQ(templates_.Render(other_team_, t->id, c.id, std::nullopt).error().code, ErrorCode::kNotFound)
        << "a complaint outside the agent's team is not found";
    EXPECT_EQ(templates_.Get(amy_, t->id)->stats.uses, 0);
}

TEST_F(ResolutionTest, ApplyingRepliesOrResolvesAndTheStatisticsFollowTheCustomersAnswers) {
    auto t = templates_.Create(lead_, ATemplate());
    auto first = File();
    auto second = File();
    ASSERT_TRUE(complaints_.Transition(admin_, first.id, std::nullopt, Status::kAssigned, {.assignee = "amy"}));
    ASSERT_TRUE(complaints_.Transition(admin_, first.id, std::nullopt, Status::kInProgress, {}));
    auto reply = templates_.Apply(amy_, t->id, first.id, UseKind::kReply, std::nullopt, std::nullopt);
    ASSERT_TRUE(reply) << reply.error().message;
    ASSERT_TRUE(reply->message);
    EXPECT_EQ(reply->message->direction, complaint::Direction::kOutbound);
    EXPECT_EQ(reply->message->body, "张伟您好，您的投诉 " + first.number + "（订单 DD2026001）已处理。");
    auto resolved = templates_.Apply(amy_, t->id, first.id, UseKind::kResolution, std::nullopt, std::nullopt);
    ASSERT_TRUE(resolved) << resolved.error().message;
    EXPECT_EQ(resolved->complaint.status, Status::kResolved);
    EXPECT_EQ(resolved->complaint.resolution_summary, reply->message->body);

    // A resolution the workflow refuses (still new) leaves no use behind.
    auto refused = templates_.Apply(amy_, t->id, second.id, UseKind::kResolution, std::nullopt, std::nullopt);
    ASSERT_FALSE(refused);
    auto stats = templates_.Get(lead_, t->id)->stats;
    EXPECT_EQ(stats.uses, 2);
    EXPECT_EQ(stats.replies, 1);
    EXPECT_EQ(stats.resolutions, 1);
    EXPECT_EQ(stats.resolved_complaints, 1);
    EXPECT_EQ(stats.csat_n, 0);
    EXPECT_FALSE(stats.CsatMean());

    Answer(first.id, 4);
    stats = templates_.Get(lead_, t->id)->stats;
    EXPECT_EQ(stats.csat_n, 1);
    EXPECT_DOUBLE_EQ(*stats.CsatMean(), 4.0);

    Resolve(second.id);
    auto edited = templates_.Apply(amy_, t->id, second.id, UseKind::kResolution, "已为您补发，运费退回。", std::nullopt);
    EXPECT_EQ(edited.error().code, ErrorCode::kIllegalTransition) << "already resolved";
}

TEST_F(ResolutionTest, AMissingValueIsRefusedUnlessTheAgentSendsTheirOwnText) {
    auto t = templates_.Create(lead_, ATemplate());
    auto draft = AComplaint();
    draft.team = "一线客服组";
    auto c = complaints_.File(admin_, draft);  // no order
    ASSERT_TRUE(complaints_.Transition(admin_, c->id, std::nullopt, Status::kAssigned, {.assignee = "amy"}));
    auto refused = templates_.Apply(amy_, t->id, c->id, UseKind::kReply, std::nullopt, std::nullopt);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "text");
    EXPECT_NE(refused.error().message.find("{order}"), std::string::npos);
    auto own = templates_.Apply(amy_, t->id, c->id, UseKind::kReply, "张伟您好，已为您处理。", std::nullopt);
    ASSERT_TRUE(own) << own.error().message;
    EXPECT_EQ(own->message->body, "张伟您好，已为您处理。");
    EXPECT_EQ(templates_.Apply(analyst_, t->id, c->id, UseKind::kReply, "x", std::nullopt).error().code,
              ErrorCode::kPermissionDenied);
}

TEST_F(ResolutionTest, SuggestionsRankTheCategorysBestTemplateAndFindTheSimilarResolvedComplaint) {
    auto generic = ATemplate();
    generic.name = "通用致歉";
    generic.category.clear();
    auto general = templates_.Create(lead_, generic);
    auto specific = templates_.Create(lead_, ATemplate());
    auto other = ATemplate();
    other.category = "安装服务";
    ASSERT_TRUE(templates_.Create(lead_, other));

    auto similar = File("快递延误一周未到", "快递延误了一周还没到，物流信息没有更新，我要退款。");
    Resolve(similar.id, "联系物流加急派送，并退还运费 10 元");
    Answer(similar.id, 5);
    auto unrelated = File("安装师傅乱收费", "空调安装师傅态度恶劣，乱收安装费两百元。", "物流配送");
    Resolve(unrelated.id, "退还安装费");
    auto open_one = File("快递延误", "快递延误了十天，物流一直不更新");  // not resolved: never suggested
    auto mine = File();

    auto found = suggestions_.Suggest(amy_, mine.id);
    ASSERT_TRUE(found) << found.error().message;
    ASSERT_EQ(found->templates.size(), 2u) << "the other category's template is left out";
    EXPECT_EQ(found->templates[0].item.id, specific->id);
    EXPECT_TRUE(found->templates[0].same_category);
    EXPECT_EQ(found->templates[1].item.id, general->id);
    ASSERT_FALSE(found->similar.empty());
    EXPECT_EQ(found->similar[0].complaint.id, similar.id);
    EXPECT_EQ(found->similar[0].complaint.resolution_summary, "联系物流加急派送，并退还运费 10 元");
    EXPECT_EQ(found->similar[0].complaint.feedback.csat, 5);
    EXPECT_TRUE(found->similar[0].same_product);
    for (const auto& s : found->similar) {
        EXPECT_NE(s.complaint.id, open_one.id);
        EXPECT_NE(s.complaint.id, mine.id);
    }
    EXPECT_EQ(found->candidates, 2);
    EXPECT_EQ(suggestions_.Suggest(analyst_, mine.id).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(suggestions_.Suggest(other_tenant_, mine.id).error().code, ErrorCode::kNotFound);
}

TEST_F(ResolutionTest, SuggestionsWeighTheCurrentTextOfACandidateWhoseProfileWasKept) {
    auto candidate = File("快递延误一周未到", "快递延误了一周还没到，物流信息没有更新，我要退款。");
    Resolve(candidate.id);
    auto mine = File();
    auto first = suggestions_.Suggest(amy_, mine.id);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_EQ(first->similar.size(), 1u);
    EXPECT_EQ(first->similar[0].complaint.id, candidate.id);

    // The candidate's text is corrected to another story: its kept profile is stale and must not be used.
    auto stored = *store_.Get(kDefaultTenant, candidate.id);
    auto next = stored;
    next.subject = "安装师傅乱收费";
    next.description = "空调安装师傅态度恶劣，乱收安装费两百元。";
    ASSERT_TRUE(store_.Update({next, stored.version, {{{}, kDefaultTenant, candidate.id, clock_.Now(), "admin",
                                                        Role::kAdmin, workflow::EventKind::kFieldChanged, "description",
                                                        "", "", ""}}, {}}));
    auto second = suggestions_.Suggest(amy_, mine.id);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(second->candidates, 1);
    EXPECT_TRUE(second->similar.empty()) << "similarity " << second->similar[0].similarity;

    // And back: found again, with the same similarity as a service that keeps nothing computes.
    stored = *store_.Get(kDefaultTenant, candidate.id);
    next = stored;
    next.subject = candidate.subject;
    next.description = candidate.description;
    ASSERT_TRUE(store_.Update({next, stored.version, {{{}, kDefaultTenant, candidate.id, clock_.Now(), "admin",
                                                        Role::kAdmin, workflow::EventKind::kFieldChanged, "description",
                                                        "", "", ""}}, {}}));
    SuggestionService keeps_nothing{complaints_, templates_, resolution_, {.profile_cache = 0}};
    auto third = suggestions_.Suggest(amy_, mine.id);
    auto fresh = keeps_nothing.Suggest(amy_, mine.id);
    ASSERT_TRUE(third && fresh);
    ASSERT_EQ(third->similar.size(), 1u);
    ASSERT_EQ(fresh->similar.size(), 1u);
    EXPECT_DOUBLE_EQ(third->similar[0].similarity, fresh->similar[0].similarity);
    EXPECT_DOUBLE_EQ(third->similar[0].similarity, first->similar[0].similarity);
}

TEST_F(ResolutionTest, LinksAreKeptOnBothComplaintsWithEventsAndCanBeRemoved) {
    auto a = File();
    auto b = File();
    auto linked = complaints_.Link(amy_, a.id, b.id, "同一订单的两次投诉");
    ASSERT_TRUE(linked) << linked.error().message;
    ASSERT_EQ(linked->links.related.size(), 1u);
    EXPECT_EQ(linked->links.related[0].id, b.id);
    EXPECT_EQ(linked->links.related[0].by, "amy");
    auto other_side = store_.Get(kDefaultTenant, b.id);
    ASSERT_EQ(other_side->links.related.size(), 1u);
    EXPECT_EQ(other_side->links.related[0].id, a.id);
    EXPECT_EQ(other_side->links.related[0].reason, "同一订单的两次投诉");
    auto events = store_.Events(kDefaultTenant, b.id);
    EXPECT_EQ(events->back().kind, workflow::EventKind::kLinked);
    EXPECT_EQ(events->back().field, "related");
    EXPECT_EQ(events->back().after, std::to_string(a.id.value));

    EXPECT_EQ(complaints_.Link(amy_, b.id, a.id, "again").error().code, ErrorCode::kConflict);
    EXPECT_EQ(complaints_.Link(amy_, a.id, a.id, "self").error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(complaints_.Link(amy_, a.id, b.id, " ").error().field, "reason");
    EXPECT_EQ(complaints_.Link(analyst_, a.id, b.id, "x").error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(complaints_.Link(other_tenant_, a.id, b.id, "x").error().code, ErrorCode::kNotFound);

    auto unlinked = complaints_.Unlink(amy_, b.id, a.id, "不是同一订单");
    ASSERT_TRUE(unlinked) << unlinked.error().message;
    EXPECT_TRUE(unlinked->links.related.empty());
    EXPECT_TRUE(store_.Get(kDefaultTenant, a.id)->links.related.empty());
    EXPECT_EQ(store_.Events(kDefaultTenant, a.id)->back().before, std::to_string(b.id.value));
    EXPECT_EQ(complaints_.Unlink(amy_, b.id, a.id, "again").error().code, ErrorCode::kNotFound);
}

TEST_F(ResolutionTest, MergingClosesTheDuplicateAndThePrimaryReferencesItWithEventsOnBoth) {
    auto primary = File();
    auto duplicate = File();
    ASSERT_TRUE(complaints_.AddMessage(admin_, duplicate.id, complaint::Direction::kInbound, "我又提交了一次"));
    auto merged = complaints_.Transition(amy_, duplicate.id, std::nullopt, Status::kMerged,
                                         {.reason = "重复提交", .merge_target = primary.id});
    ASSERT_TRUE(merged) << merged.error().message;
    EXPECT_EQ(merged->status, Status::kMerged);
    EXPECT_EQ(merged->links.merged_into, primary.id);
    EXPECT_TRUE(merged->milestones.closed_at);
    auto after = store_.Get(kDefaultTenant, primary.id);
    EXPECT_EQ(after->links.merged_from, std::vector<ComplaintId>{duplicate.id});
    EXPECT_EQ(after->version, primary.version + 1);
    auto primary_events = store_.Events(kDefaultTenant, primary.id);
    EXPECT_EQ(primary_events->back().field, "merged_from");
    EXPECT_EQ(primary_events->back().note, duplicate.number + ": 重复提交");
    auto duplicate_events = store_.Events(kDefaultTenant, duplicate.id);
    EXPECT_EQ(duplicate_events->back().kind, workflow::EventKind::kLinked);
    EXPECT_EQ(duplicate_events->back().after, std::to_string(primary.id.value));
    EXPECT_EQ(store_.Messages(kDefaultTenant, duplicate.id)->size(), 1u) << "the duplicate keeps its messages";

    auto third = File();
    auto into_merged = complaints_.Transition(amy_, third.id, std::nullopt, Status::kMerged,
                                              {.reason = "dup", .merge_target = duplicate.id});
    EXPECT_EQ(into_merged.error().field, "merge_target") << "never into a complaint that is merged itself";
    auto hidden = File();
    auto other_team_merge = complaints_.Transition(other_team_, third.id, std::nullopt, Status::kMerged,
                                                   {.reason = "dup", .merge_target = hidden.id});
    EXPECT_FALSE(other_team_merge);
}

}  // namespace
}  // namespace heed::core::resolution
