// The template store, the resolved-complaint candidates and UpdateAll against both backends (the same cases run on
// the in-memory twin and on a real SQLite file), and the SQLite candidate query answered from its index alone.

#include <gtest/gtest.h>

#include "storage/memory/memory_resolution_store.hpp"
#include "storage/memory/memory_store.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/resolution_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/builders.hpp"
#include "support/fake_crypto.hpp"

namespace heed::storage {

std::string FreshDatabasePath();  // sqlite_store_test.cpp: a new file in a directory removed at exit

namespace {

using core::ComplaintId;
using core::kDefaultTenant;
using core::resolution::SolutionTemplate;
using core::resolution::TemplateId;
using core::resolution::UseKind;
using core::workflow::Status;

const core::ports::SystemClock kResolutionClock;

struct MemoryBackend {
    memory::MemoryComplaintStore complaints;
    memory::MemoryResolutionStore resolution{complaints};
};

struct SqliteBackend {
    std::string path = FreshDatabasePath();
    std::unique_ptr<sqlite::SqliteComplaintStore> complaints_owner = [this] {
        auto store = sqlite::SqliteComplaintStore::Open(
            path, {.readers = 2, .max_batch = 8, .mac = testing::FakeCrypto::TestMac, .clock = &kResolutionClock});
        EXPECT_TRUE(store) << (store ? "" : store.error().message);
        auto db = sqlite::Connection::Open(path, false);  // a second tenant, for the scope checks
        EXPECT_TRUE(db && (*db)->Execute("INSERT INTO tenants (id, name, created_at) VALUES (2, 'acme', 0)"));
        return std::move(*store);
    }();
    std::unique_ptr<sqlite::SqliteResolutionStore> resolution_owner = [this] {
        auto store = sqlite::SqliteResolutionStore::Open(path);
        EXPECT_TRUE(store) << (store ? "" : store.error().message);
        return std::move(*store);
    }();
    core::ports::ComplaintStore& complaints = *complaints_owner;
    sqlite::SqliteResolutionStore& resolution = *resolution_owner;
};

template <typename Backend>
class ResolutionStoreTest : public ::testing::Test {
protected:
    core::complaint::Complaint Add(Status status, const std::string& category, std::int64_t received_minute,
                                   std::string text = "快递延误") {
        auto c = testing::AComplaint(text, text + "，物流信息不更新");
        c.tenant = kDefaultTenant;
        c.status = status;
        c.classification.category = category;
        c.product_ref = "冰箱";
        c.milestones.received_at = core::FromMillis(1'700'000'000'000 + received_minute * 60'000);
        c.updated_at = c.milestones.received_at;
        auto created = b_.complaints.Create({c, {{{}, kDefaultTenant, {}, c.updated_at, "test",
                                                  core::workflow::Role::kSystem, core::workflow::EventKind::kCreated,
                                                  "", "", "", ""}}, {}});
        EXPECT_TRUE(created) << created.error().message;
        return *created;
    }
    void SetCsat(ComplaintId id, int csat) {
        auto c = b_.complaints.Get(kDefaultTenant, id);
        auto next = *c;
        next.feedback.csat = csat;
        ASSERT_TRUE(b_.complaints.Update({next, c->version, {{{}, kDefaultTenant, id, c->updated_at, "customer",
                                                              core::workflow::Role::kCustomer,
                                                              core::workflow::EventKind::kSurvey, "answered", "", "",
                                                              ""}}, {}}));
    }
    SolutionTemplate Template(core::TenantId tenant = kDefaultTenant) {
        SolutionTemplate t;
        t.tenant = tenant;
        t.name = "致歉";
        t.category = "物流配送";
        t.body_zh = "{customer_name}您好";
        t.created_by = t.updated_by = "lead";
        t.created_at = t.updated_at = core::FromMillis(1'700'000'000'000);
        return t;
    }
    Backend b_;
};

using Backends = ::testing::Types<MemoryBackend, SqliteBackend>;
TYPED_TEST_SUITE(ResolutionStoreTest, Backends);

TYPED_TEST(ResolutionStoreTest, TemplatesRoundTripWithVersionsAndTenantScope) {
    auto& store = this->b_.resolution;
    auto added = store.Add(this->Template());
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->version, 1);
    auto read = store.Get(kDefaultTenant, added->id);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->body_zh, "{customer_name}您好");
    EXPECT_EQ(read->created_at, added->created_at);
    EXPECT_EQ(store.Get(core::TenantId{2}, added->id).error().code, core::ErrorCode::kNotFound);
    ASSERT_TRUE(store.Add(this->Template(core::TenantId{2})));
    EXPECT_EQ(store.List(kDefaultTenant)->size(), 1u);
    auto changed = *read;
    changed.active = false;
    changed.body_en = "Dear {customer_name}";
    auto updated = store.Update(changed, 1);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->version, 2);
    EXPECT_FALSE(store.Get(kDefaultTenant, added->id)->active);
    EXPECT_EQ(store.Update(changed, 1).error().code, core::ErrorCode::kConflict);
    auto foreign = changed;
    foreign.tenant = core::TenantId{2};
    EXPECT_FALSE(store.Update(foreign, 2));
    EXPECT_TRUE(store.Delete(kDefaultTenant, added->id));
    EXPECT_EQ(store.Delete(kDefaultTenant, added->id).error().code, core::ErrorCode::kNotFound);
}

TYPED_TEST(ResolutionStoreTest, StatisticsCountUsesAndReadTheResolvedComplaintsLatestAnswer) {
    auto& store = this->b_.resolution;
    auto t = store.Add(this->Template());
    auto a = this->Add(Status::kResolved, "物流配送", 1);
    auto b = this->Add(Status::kResolved, "物流配送", 2);
    auto at = core::FromMillis(1'700'000'100'000);
    ASSERT_TRUE(store.AddUse({0, kDefaultTenant, t->id, a.id, UseKind::kReply, "amy", at}));
    ASSERT_TRUE(store.AddUse({0, kDefaultTenant, t->id, a.id, UseKind::kResolution, "amy", at}));
    ASSERT_TRUE(store.AddUse({0, kDefaultTenant, t->id, a.id, UseKind::kResolution, "amy", at}));  // twice: one complaint
    auto undone = store.AddUse({0, kDefaultTenant, t->id, b.id, UseKind::kResolution, "amy", at});
    ASSERT_TRUE(undone);
    ASSERT_TRUE(store.RemoveUse(kDefaultTenant, undone->id));
    EXPECT_EQ(store.AddUse({0, core::TenantId{2}, t->id, a.id, UseKind::kReply, "x", at}).error().code,
              core::ErrorCode::kNotFound);
    auto stats = store.Stats(kDefaultTenant);
    ASSERT_TRUE(stats) << stats.error().message;
    auto s = (*stats)[t->id];
    EXPECT_EQ(s.uses, 3);
    EXPECT_EQ(s.replies, 1);
    EXPECT_EQ(s.resolutions, 2);
    EXPECT_EQ(s.resolved_complaints, 1);
    EXPECT_EQ(s.csat_n, 0);
    EXPECT_EQ(s.last_used_at, at);
    this->SetCsat(a.id, 2);
    this->SetCsat(a.id, 5);  // the latest answer counts
    s = (*store.Stats(kDefaultTenant))[t->id];
    EXPECT_EQ(s.csat_n, 1);
    EXPECT_DOUBLE_EQ(*s.CsatMean(), 5.0);
    EXPECT_TRUE(store.Stats(core::TenantId{2})->empty());
}

TYPED_TEST(ResolutionStoreTest, CandidatesAreTheNewestResolvedOfTheCategory) {
    auto old_resolved = this->Add(Status::kClosed, "物流配送", 1);
    auto open = this->Add(Status::kInProgress, "物流配送", 2);
    auto other_category = this->Add(Status::kResolved, "安装服务", 3);
    auto follow_up = this->Add(Status::kFollowUp, "物流配送", 4);
    auto newest = this->Add(Status::kResolved, "物流配送", 5);
    auto mine = this->Add(Status::kResolved, "物流配送", 6);
    auto found = this->b_.resolution.Candidates(kDefaultTenant, "物流配送", mine.id, 10);
    ASSERT_TRUE(found) << found.error().message;
    std::vector<ComplaintId> ids;
    for (const auto& c : *found) ids.push_back(c.id);
    EXPECT_EQ(ids, (std::vector<ComplaintId>{newest.id, follow_up.id, old_resolved.id}));
    EXPECT_EQ(found->front().version, newest.version);
    EXPECT_EQ(this->b_.resolution.Candidates(kDefaultTenant, "物流配送", mine.id, 2)->size(), 2u);
    EXPECT_EQ(this->b_.resolution.Candidates(kDefaultTenant, "", mine.id, 10)->size(), 4u);
    EXPECT_TRUE(this->b_.resolution.Candidates(core::TenantId{2}, "物流配送", mine.id, 10)->empty());

    // A change makes a new version, and the candidate range shows it; a complaint leaving the resolved states leaves.
    this->SetCsat(newest.id, 4);
    EXPECT_EQ(this->b_.resolution.Candidates(kDefaultTenant, "物流配送", mine.id, 1)->front().version, newest.version + 1);
    auto reopened = *this->b_.complaints.Get(kDefaultTenant, follow_up.id);
    auto next = reopened;
    next.status = Status::kReopened;
    ASSERT_TRUE(this->b_.complaints.Update({next, reopened.version, {{{}, kDefaultTenant, follow_up.id,
                                                                      reopened.updated_at, "test",
                                                                      core::workflow::Role::kSystem,
                                                                      core::workflow::EventKind::kStatusChanged, "", "",
                                                                      "", ""}}, {}}));
    ids.clear();
    auto after = this->b_.resolution.Candidates(kDefaultTenant, "物流配送", mine.id, 10);
    ASSERT_TRUE(after) << after.error().message;
    for (const auto& c : *after) ids.push_back(c.id);
    EXPECT_EQ(ids, (std::vector<ComplaintId>{newest.id, old_resolved.id}));

    auto texts = this->b_.resolution.CandidateTexts(kDefaultTenant, {old_resolved.id, ComplaintId{999'999}, newest.id});
    ASSERT_TRUE(texts) << texts.error().message;
    ASSERT_EQ(texts->size(), 2u) << "an id no longer stored is left out";
    EXPECT_EQ((*texts)[0].id, old_resolved.id);
    EXPECT_EQ((*texts)[1].id, newest.id);
    EXPECT_EQ((*texts)[1].version, newest.version + 1);
    EXPECT_EQ((*texts)[1].product, "冰箱");
    EXPECT_NE((*texts)[1].text.find("物流信息不更新"), std::string::npos);
    EXPECT_TRUE(this->b_.resolution.CandidateTexts(core::TenantId{2}, {newest.id})->empty()) << "another tenant's";
    (void)open;
    (void)other_category;
}

TYPED_TEST(ResolutionStoreTest, UpdateAllStoresEveryUpdateOrNone) {
    auto a = this->Add(Status::kNew, "物流配送", 1);
    auto b = this->Add(Status::kNew, "物流配送", 2);
    auto event = [](ComplaintId id) {
        return core::workflow::Event{{}, kDefaultTenant, id, core::FromMillis(1'700'000'200'000), "amy",
                                     core::workflow::Role::kAgent, core::workflow::EventKind::kLinked, "related", "",
                                     "x", "test"};
    };
    auto next_a = a;
    next_a.links.related.push_back({b.id, "same order", "amy", core::FromMillis(1'700'000'200'000)});
    auto next_b = b;
    next_b.links.merged_from.push_back(a.id);
    auto stale = this->b_.complaints.UpdateAll({{next_a, a.version, {event(a.id)}, {}},
                                                {next_b, b.version + 7, {event(b.id)}, {}}});
    EXPECT_EQ(stale.error().code, core::ErrorCode::kConflict);
    EXPECT_TRUE(this->b_.complaints.Get(kDefaultTenant, a.id)->links.related.empty()) << "nothing of the first stored";
    EXPECT_EQ(this->b_.complaints.Events(kDefaultTenant, a.id)->size(), 1u);
    auto stored = this->b_.complaints.UpdateAll({{next_a, a.version, {event(a.id)}, {}},
                                                 {next_b, b.version, {event(b.id)}, {}}});
    ASSERT_TRUE(stored) << stored.error().message;
    ASSERT_EQ(stored->size(), 2u);
    auto read_a = this->b_.complaints.Get(kDefaultTenant, a.id);
    ASSERT_EQ(read_a->links.related.size(), 1u);
    EXPECT_EQ(read_a->links.related[0].reason, "same order");
    EXPECT_EQ(read_a->links.related[0].at, core::FromMillis(1'700'000'200'000));
    EXPECT_EQ(this->b_.complaints.Get(kDefaultTenant, b.id)->links.merged_from, std::vector<ComplaintId>{a.id});
    EXPECT_EQ(read_a->version, a.version + 1);
}

TEST(SqliteResolutionStore, CandidatesAreReadFromThePartialIndexAloneNewestFirst) {
    std::string path = FreshDatabasePath();
    {
        auto store = sqlite::SqliteComplaintStore::Open(
            path, {.readers = 1, .max_batch = 8, .mac = testing::FakeCrypto::TestMac, .clock = &kResolutionClock});
        ASSERT_TRUE(store);
    }
    auto db = sqlite::Connection::Open(path, true);
    ASSERT_TRUE(db);
    auto plan = (*db)->Prepare(
        "EXPLAIN QUERY PLAN SELECT id, version FROM complaints INDEXED BY complaints_resolved_category "
        "WHERE tenant_id = 1 AND category = 'x' AND status IN ('resolved', 'follow_up', 'closed') AND id <> 0 "
        "ORDER BY received_at DESC, id DESC LIMIT 10");
    ASSERT_TRUE(plan) << plan.error().message;
    std::string detail;
    while (*(*plan)->Step()) detail += (*plan)->Text(3) + "\n";
    EXPECT_NE(detail.find("COVERING INDEX complaints_resolved_category"), std::string::npos)
        << "no table row read: " << detail;
    EXPECT_EQ(detail.find("TEMP B-TREE"), std::string::npos) << "no sort: " << detail;
}

}  // namespace
}  // namespace heed::storage
