#include <gtest/gtest.h>

#include <filesystem>
#include <atomic>
#include <random>
#include <set>
#include <thread>
#include <unistd.h>

#include "storage/contract/complaint_store_contract.hpp"
#include "storage/contract/triage_store_contract.hpp"
#include "core/triage/index_entries.hpp"
#include "storage/sqlite/migrations.hpp"
#include "core/services/privacy_service.hpp"
#include "storage/memory/memory_identity_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/fake_crypto.hpp"

namespace heed::storage {

// Each store lives in its own fresh file: a real SQLite file, WAL and all, in a directory removed at exit.
std::filesystem::path TestDirectory() {
    static const auto directory = [] {
        auto path = std::filesystem::temp_directory_path() / ("heed-storage-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        return path;
    }();
    return directory;
}

std::string FreshDatabasePath() {
    static std::mt19937_64 random{std::random_device{}()};
    return (TestDirectory() / (std::to_string(random()) + ".db")).string();
}

class RemoveTestDirectory : public ::testing::Environment {
public:
    void TearDown() override { std::filesystem::remove_all(TestDirectory()); }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new RemoveTestDirectory);

const core::ports::SystemClock kClock;

sqlite::StoreOptions TestOptions(std::size_t readers = 4, std::size_t max_batch = 64) {
    return {.readers = readers, .max_batch = max_batch, .mac = testing::FakeCrypto::TestMac, .clock = &kClock};
}

struct SqliteFactory {
    static std::unique_ptr<core::ports::ComplaintStore> Make() {
        auto store = sqlite::SqliteComplaintStore::Open(FreshDatabasePath(), TestOptions());
        EXPECT_TRUE(store) << (store ? "" : store.error().message);
        return std::move(*store);
    }
};

}  // namespace heed::storage

namespace heed::storage::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, ComplaintStoreContract, heed::storage::SqliteFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, TriageStoreContract, heed::storage::SqliteFactory);
}

namespace heed::storage::sqlite {
namespace {

TEST(SqliteStore, KeepsDataAcrossReopening) {
    auto path = FreshDatabasePath();
    core::ComplaintId id;
    {
        auto store = SqliteComplaintStore::Open(path, TestOptions());
        ASSERT_TRUE(store);
        testing::FakeClock clock(*core::ParseIso8601("2024-05-10T02:00:00Z"));
        core::services::ComplaintService service(**store, clock);
        auto filed = service.File(testing::AnActor(), testing::AComplaint());
        ASSERT_TRUE(filed);
        id = filed->id;
    }
    auto reopened = SqliteComplaintStore::Open(path, TestOptions());
    ASSERT_TRUE(reopened);
    auto got = (*reopened)->Get(core::kDefaultTenant, id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->number, "TS202405000001");
    EXPECT_EQ(*(*reopened)->CheckIntegrity(), "ok");
}

TEST(SqliteStore, RefusesADatabaseFromANewerHeed) {
    auto path = FreshDatabasePath();
    {
        auto connection = Connection::Open(path, false);
        ASSERT_TRUE(connection);
        ASSERT_TRUE((*connection)->Execute("PRAGMA user_version = 999"));
    }
    auto store = SqliteComplaintStore::Open(path, TestOptions());
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, core::ErrorCode::kFailedPrecondition);
}

TEST(SqliteStore, GroupsConcurrentWritesIntoFewerTransactions) {
    auto store = SqliteComplaintStore::Open(FreshDatabasePath(), TestOptions(2, 512));
    ASSERT_TRUE(store);
    testing::FakeClock clock(*core::ParseIso8601("2024-05-10T02:00:00Z"));
    core::services::ComplaintService service(**store, clock);
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 20; ++i) ASSERT_TRUE(service.File(testing::AnActor(), testing::AComplaint()));
        });
    }
    for (auto& thread : threads) thread.join();
    auto stats = (*store)->write_stats();
    EXPECT_EQ(stats.jobs, 320u);
    EXPECT_LT(stats.transactions, stats.jobs);  // several writers shared one commit
}

// The repeat and near-duplicate lookups answer with each match's number from the triage rows alone; a database from
// before those rows held the number gets it filled in from the complaints when it is opened.
TEST(SqliteStore, TriageLookupsNameTheMatchesAlsoInAnUpgradedDatabase) {
    auto path = FreshDatabasePath();
    testing::FakeClock clock(*core::ParseIso8601("2024-05-10T02:00:00Z"));
    std::vector<std::string> numbers;
    {
        auto store = SqliteComplaintStore::Open(path, TestOptions());
        ASSERT_TRUE(store);
        core::services::ComplaintService service(**store, clock);
        for (int i = 0; i < 3; ++i) {
            auto filed = service.File(testing::AnActor(), testing::AComplaint());
            ASSERT_TRUE(filed) << filed.error().message;
            numbers.insert(numbers.begin(), filed->number);  // newest first, as the lookups answer
        }
    }
    auto lookups_name = [&](SqliteComplaintStore& store) {
        auto draft = testing::AComplaint();
        auto hash = core::triage::TextFingerprint(draft);
        ASSERT_TRUE(hash);
        auto by_text = store.ByFingerprint(core::kDefaultTenant, *hash, clock.Now() - std::chrono::hours(24), 20);
        ASSERT_TRUE(by_text) << by_text.error().message;
        auto by_contact = store.ByContact(core::kDefaultTenant, core::triage::ContactKeys(draft.customer),
                                          clock.Now() - std::chrono::hours(24), 20);
        ASSERT_TRUE(by_contact) << by_contact.error().message;
        std::vector<std::string> text_numbers, contact_numbers;
        for (const auto& m : *by_text) text_numbers.push_back(m.number);
        for (const auto& m : *by_contact) contact_numbers.push_back(m.number);
        EXPECT_EQ(text_numbers, numbers);
        EXPECT_EQ(contact_numbers, numbers);
    };
    {
        auto store = SqliteComplaintStore::Open(path, TestOptions());
        ASSERT_TRUE(store);
        lookups_name(**store);
    }
    {
        auto db = Connection::Open(path, false);
        ASSERT_TRUE(db);
        ASSERT_EQ(LatestSchemaVersion(), 21);
        // Back to schema 17: migration 20's tables and 19's due-time indexes undone, then migration 18's column.
        ASSERT_TRUE((*db)->Execute(
            "DROP TABLE complaint_sla; DROP TABLE sla_checks; DROP TABLE sla_inputs; DROP TABLE sla_inputs_complete; "
            "CREATE INDEX complaints_sla_check ON complaints (sla_check_at) WHERE sla_check_at IS NOT NULL; "
            "DROP INDEX complaints_closed_sla_due; DROP INDEX complaints_closed_due; "
            "DROP INDEX complaints_assignee_status; DROP TABLE store_generation; "
            "CREATE INDEX complaints_status_due ON complaints (tenant_id, status, due_key, id); "
            "CREATE INDEX complaints_assignee_due ON complaints (tenant_id, assignee, due_key, id); "
            "CREATE INDEX complaints_assignee_status_due ON complaints (tenant_id, assignee, status, due_key, id); "
            "CREATE INDEX complaints_sla_due ON complaints (tenant_id, sla_state, status, due_key, id) "
            "WHERE sla_state = 'warning' OR sla_state = 'breached'; "
            "ALTER TABLE complaint_triage DROP COLUMN number; PRAGMA user_version = 17"));
    }
    auto upgraded = SqliteComplaintStore::Open(path, TestOptions());
    ASSERT_TRUE(upgraded) << upgraded.error().message;
    lookups_name(**upgraded);
}

// New complaints get their full-text rows once per transaction, just before the commit (no trigger per row): every
// complaint committed is found once by text search, one rolled back (a repeated source reference) leaves no row in
// the index, and the index agrees with the table.
TEST(SqliteStore, ComplaintsFiledTogetherAreEachFoundOnceByTextSearch) {
    auto store = SqliteComplaintStore::Open(FreshDatabasePath(), TestOptions(2, 512));
    ASSERT_TRUE(store);
    testing::FakeClock clock(*core::ParseIso8601("2024-05-10T02:00:00Z"));
    core::services::ComplaintService service(**store, clock);
    std::atomic<int> filed{0};
    std::atomic<int> conflicts{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 20; ++i) {
                auto draft = testing::AComplaint("subject " + std::to_string(t) + "-" + std::to_string(i),
                                                 i % 2 == 0 ? "快递丢件 parcel lost" : "退款没有到账 refund missing");
                draft.source_ref = "ref-" + std::to_string((t * 20 + i) % 300);  // 20 repeat an earlier one
                auto result = service.File(testing::AnActor(), draft);
                if (result) {
                    ++filed;
                } else {
                    ASSERT_EQ(result.error().code, core::ErrorCode::kConflict) << result.error().message;
                    ++conflicts;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(filed.load(), 300);
    EXPECT_EQ(conflicts.load(), 20);
    EXPECT_LT((*store)->write_stats().transactions, 320u);
    EXPECT_EQ(*(*store)->CheckIntegrity(), "ok");
    core::ports::ComplaintQuery query;
    query.limit = 500;
    std::size_t found = 0;
    for (const char* text : {"丢件", "退款", "parcel", "refund"}) {
        query.text = text;
        auto page = (*store)->List(core::kDefaultTenant, query);
        ASSERT_TRUE(page) << page.error().message;
        std::set<std::int64_t> ids;
        for (const auto& c : page->items) ids.insert(c.id.value);
        EXPECT_EQ(ids.size(), page->items.size()) << text;
        found += page->items.size();
    }
    EXPECT_EQ(found, 2u * 300u);  // each complaint matches two of the four terms
    query.text = "subject";
    EXPECT_EQ((*store)->List(core::kDefaultTenant, query)->items.size(), 300u);
}

}  // namespace
}  // namespace heed::storage::sqlite

namespace heed::storage::sqlite {
namespace {

// The writer builds the audit texts of a complaint change from the values it binds instead of reading the rows back;
// verification reads the rows, so the two must agree for every kind of value: empty and set optional columns, events
// linked to messages, text with control characters and emoji, instants before 1970, and an update whose in-hand copy
// differs from the row in the columns the UPDATE leaves alone (those come back from the row).
// Bulk writes put each piece in a savepoint of the transaction itself (not nested in one for the whole job): a
// piece that fails is undone alone, the rest is committed with its audit records, and the indexes stay whole.
TEST(SqliteStore, BulkWritesUndoAFailedPieceAloneAndKeepTheAuditChainWhole) {
    auto store = SqliteComplaintStore::Open(FreshDatabasePath(), TestOptions());
    ASSERT_TRUE(store);
    testing::FakeClock clock(*core::ParseIso8601("2024-05-10T02:00:00Z"));
    core::services::ComplaintService service(**store, clock);
    std::vector<core::ports::NewComplaint> drafts(300);
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        drafts[i].complaint = testing::AComplaint("subject " + std::to_string(i), "包裹一周没到");
        drafts[i].complaint.source_ref = "ref-" + std::to_string(i % 299);  // the last repeats the first
    }
    auto filed = service.FileMany(testing::AnActor(), std::move(drafts));
    ASSERT_EQ(filed.size(), 300u);
    ASSERT_FALSE(filed.back());
    EXPECT_EQ(filed.back().error().code, core::ErrorCode::kConflict);
    filed.pop_back();
    std::vector<core::ports::ComplaintUpdate> updates;
    for (std::size_t i = 0; i < filed.size(); ++i) {
        auto next = filed[i].value();
        next.resolution_due_at = clock.Now() + std::chrono::hours(static_cast<int>(i % 48));
        next.sla.state = "running";
        updates.push_back({next, i % 7 == 3 ? 5 : 1,
                           {{{}, next.tenant, next.id, clock.Now(), "system", core::workflow::Role::kSystem,
                             core::workflow::EventKind::kFieldChanged, "sla", "", "running", "SLA recomputed"}},
                           {}});
        updates.back().sla_only = i % 2 == 0;
    }
    auto results = (*store)->UpdateMany(std::move(updates));
    int conflicts = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (i % 7 == 3) {
            ASSERT_FALSE(results[i]);
            EXPECT_EQ(results[i].error().code, core::ErrorCode::kConflict);
            ++conflicts;
        } else {
            ASSERT_TRUE(results[i]) << results[i].error().message;
        }
    }
    EXPECT_EQ(*(*store)->Count(core::kDefaultTenant), 299);
    auto report = (*store)->VerifyAudit();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok) << report->problem;
    EXPECT_EQ(report->records, 299 + 299 - conflicts);
    EXPECT_EQ(report->events, 299 * 2 + 299 - conflicts);
    EXPECT_EQ(*(*store)->CheckIntegrity(), "ok");
    // Text search finds every complaint once: updates that left the text alone did not touch the full-text index.
    core::ports::ComplaintQuery query;
    query.text = "包裹";
    query.limit = 500;
    EXPECT_EQ((*store)->List(core::kDefaultTenant, query)->items.size(), 299u);
}

TEST(SqliteAudit, DigestsBuiltFromTheBoundValuesMatchTheStoredRows) {
    auto store = SqliteComplaintStore::Open(FreshDatabasePath(), TestOptions());
    ASSERT_TRUE(store);
    const auto at = *core::ParseIso8601("1969-12-31T23:59:58Z");
    auto event = [&](core::workflow::EventKind kind, std::string field, std::string after) {
        return core::workflow::Event{{},   core::kDefaultTenant, {},   at, "importer", core::workflow::Role::kSystem,
                                     kind, std::move(field),     "",  std::move(after), "note\t\x1e end"};
    };
    auto bare = testing::AComplaint("s", "d");
    bare.tenant = core::kDefaultTenant;
    bare.classification.category.clear();
    bare.milestones.received_at = at;
    bare.updated_at = at;
    auto plain = (*store)->Create({bare, {event(core::workflow::EventKind::kCreated, "", "")}, {}});
    ASSERT_TRUE(plain) << plain.error().message;

    auto full = testing::AComplaint("退款\t未到账 😀", "line one\nline two\r\n\x1f separator inside");
    full.tenant = core::kDefaultTenant;
    full.source_ref = "CFPB-3412345";
    full.assignee = "agent.liu";
    full.milestones.received_at = at + std::chrono::hours(1);
    full.updated_at = full.milestones.received_at;
    full.sla.check_at = full.milestones.received_at + std::chrono::hours(4);
    core::complaint::Message message{{}, core::kDefaultTenant, {}, core::complaint::Direction::kInbound, "customer",
                                     core::workflow::Role::kCustomer, "您好，请尽快处理", at};
    auto imported = (*store)->Create({full,
                                      {event(core::workflow::EventKind::kCreated, "", ""),
                                       event(core::workflow::EventKind::kMessageAdded, "inbound", "")},
                                      {message}});
    ASSERT_TRUE(imported) << imported.error().message;

    auto next = *imported;
    next.source_ref = "changed only in hand";                       // the UPDATE does not write it
    next.milestones.received_at = at + std::chrono::hours(30);     // nor this
    next.classification.category = "服务态度";
    next.assignee.clear();
    next.description = "edited";
    next.updated_at = at + std::chrono::hours(2);
    auto updated = (*store)->Update({next, imported->version,
                                     {event(core::workflow::EventKind::kFieldChanged, "category", "服务态度")},
                                     core::complaint::Message{{}, core::kDefaultTenant, imported->id,
                                                              core::complaint::Direction::kOutbound, "agent.liu",
                                                              core::workflow::Role::kAgent, "已处理", at}});
    ASSERT_TRUE(updated) << updated.error().message;

    auto report = (*store)->VerifyAudit();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok) << report->problem;
    EXPECT_EQ(report->records, 3);
    EXPECT_EQ(report->complaints, 2);
    EXPECT_EQ(report->events, 4);
    EXPECT_EQ((*store)->Get(core::kDefaultTenant, imported->id)->source_ref, "CFPB-3412345");
}

// Builds a small history (creations, edits, transitions, messages), then tampers with the file directly the way an
// attacker with SQL access would, and expects verification to fail naming what was touched.
class AuditTamperTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = FreshDatabasePath();
        auto store = SqliteComplaintStore::Open(path_, Options());
        ASSERT_TRUE(store);
        testing::FakeClock clock(*core::ParseIso8601("2024-05-10T02:00:00Z"));
        core::services::ComplaintService service(**store, clock);
        for (int i = 0; i < 5; ++i) {
            auto filed = service.File(testing::AnActor(), testing::AComplaint("subject " + std::to_string(i), "d"));
            ASSERT_TRUE(filed);
            ids_.push_back(filed->id.value);
        }
        ASSERT_TRUE(service.Transition(testing::AnActor(), core::ComplaintId{ids_[1]}, std::nullopt,
                                       core::workflow::Status::kTriaged, {}));
        ASSERT_TRUE(service.AddMessage(testing::AnActor(), core::ComplaintId{ids_[2]},
                                       core::complaint::Direction::kOutbound, "您好"));
        auto report = (*store)->VerifyAudit();
        ASSERT_TRUE(report);
        ASSERT_TRUE(report->ok) << report->problem;
        EXPECT_EQ(report->records, 7);
        EXPECT_EQ(report->complaints, 5);
    }

    StoreOptions Options() {
        auto options = TestOptions();
        options.anchor_path = path_ + ".anchor";
        return options;
    }

    void Tamper(const std::string& sql) {
        auto db = Connection::Open(path_, false);
        ASSERT_TRUE(db);
        auto done = (*db)->Execute(sql);
        ASSERT_TRUE(done) << done.error().message;
    }

    std::string Problem() {
        auto store = SqliteComplaintStore::Open(path_, Options());
        EXPECT_TRUE(store);
        auto report = (*store)->VerifyAudit();
        EXPECT_TRUE(report);
        EXPECT_FALSE(report->ok);
        return report->problem;
    }

    std::string path_;
    std::vector<std::int64_t> ids_;
};

TEST_F(AuditTamperTest, ErasureAndRetentionDeletesKeepTheChainVerifiable) {
    auto store = SqliteComplaintStore::Open(path_, Options());
    ASSERT_TRUE(store);
    testing::FakeClock clock(*core::ParseIso8601("2024-05-10T03:00:00Z"));
    storage::memory::MemoryIdentityStore settings;
    core::services::PrivacyService privacy(**store, settings, clock, store->get());
    auto admin = testing::AnActor(core::workflow::Role::kAdmin);
    auto erased = privacy.EraseCustomer(admin, "13812341234", "request 17", false);
    ASSERT_TRUE(erased) << erased.error().message;
    EXPECT_EQ(erased->changed, 5);
    auto messages = (*store)->Messages(core::kDefaultTenant, core::ComplaintId{ids_[2]});
    EXPECT_EQ(messages->front().body, "[erased]");
    auto deleted = (*store)->Delete(core::kDefaultTenant, core::ComplaintId{ids_[4]}, admin);
    ASSERT_TRUE(deleted) << deleted.error().message << " code " << static_cast<int>(deleted.error().code);
    EXPECT_EQ((*store)->Delete(core::kDefaultTenant, core::ComplaintId{ids_[4]}, admin).error().code,
              core::ErrorCode::kNotFound);
    EXPECT_EQ((*store)->Get(core::kDefaultTenant, core::ComplaintId{ids_[4]}).error().code, core::ErrorCode::kNotFound);
    // A view recorded just after the complaint was deleted (a reveal racing retention) attests nothing about it.
    ASSERT_TRUE((*store)->Record({admin, "complaint.contact_viewed", "complaint", ids_[4], "number=x"}));
    auto report = (*store)->VerifyAudit();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok) << report->problem;
    EXPECT_EQ(report->complaints, 4);
    auto search = (*store)->List(core::kDefaultTenant, {.text = "subject"});
    EXPECT_TRUE(search->items.empty()) << "erased text is gone from the search index too";
}

TEST_F(AuditTamperTest, ADatabaseFromBeforeTheAuditLogIsSealedOnOpenAndThenGuarded) {
    // As a database written before the audit log existed: complaints and events, no records.
    Tamper("DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log");
    std::remove((path_ + ".anchor").c_str());
    {
        auto store = SqliteComplaintStore::Open(path_, Options());
        ASSERT_TRUE(store);
        auto report = (*store)->VerifyAudit();
        ASSERT_TRUE(report);
        EXPECT_TRUE(report->ok) << report->problem;
        EXPECT_EQ(report->complaints, 5);
        // The second and third complaints got a transition and a message after all five were filed: their events
        // are two runs each, so 5 complaint records and 7 event-run records.
        EXPECT_EQ(report->records, 12);
    }
    {
        auto store = SqliteComplaintStore::Open(path_, Options());  // sealed once, not again
        EXPECT_EQ((*store)->VerifyAudit()->records, 12);
    }
    Tamper("DROP TRIGGER events_append_only_update; UPDATE events SET actor = 'nobody' WHERE complaint_id = " +
           std::to_string(ids_[1]) + " AND kind = 'status_changed'");
    EXPECT_NE(Problem().find("of complaint " + std::to_string(ids_[1])), std::string::npos) << Problem();
}

TEST_F(AuditTamperTest, EventsCannotBeDeletedWhileTheirComplaintExists) {
    auto db = Connection::Open(path_, false);
    ASSERT_TRUE(db);
    EXPECT_FALSE((*db)->Execute("DELETE FROM events WHERE complaint_id = " + std::to_string(ids_[0])));
}

TEST_F(AuditTamperTest, NamesAComplaintChangedBehindItsBack) {
    Tamper("UPDATE complaints SET subject = 'rewritten' WHERE id = " + std::to_string(ids_[3]));
    EXPECT_EQ(Problem().find("complaint " + std::to_string(ids_[3]) + " differs"), 0u) << Problem();
}

TEST_F(AuditTamperTest, NamesAComplaintInsertedBehindItsBack) {
    Tamper("INSERT INTO complaints (tenant_id, number, status, channel, service_type, received_at, due_key, version, "
           "updated_at, subject, description, doc) SELECT tenant_id, 'TS202405999999', status, channel, service_type, "
           "received_at, due_key, 1, updated_at, 'forged', 'forged', doc FROM complaints LIMIT 1");
    EXPECT_NE(Problem().find("has no audit record: inserted"), std::string::npos) << Problem();
}

TEST_F(AuditTamperTest, NamesADeletedAuditRecord) {
    Tamper("DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log WHERE seq = 3");
    EXPECT_EQ(Problem(), "audit record 3 is missing (next is 4): deleted or renumbered");
}

TEST_F(AuditTamperTest, NamesAnAlteredAuditRecord) {
    Tamper("DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET actor = 'someone else' WHERE seq = 2");
    EXPECT_EQ(Problem().find("audit record 2 "), 0u) << Problem();
}

TEST_F(AuditTamperTest, NamesAnAlteredEvent) {
    Tamper("DROP TRIGGER events_append_only_update; UPDATE events SET actor = 'nobody' WHERE complaint_id = " +
           std::to_string(ids_[1]) + " AND kind = 'status_changed'");
    EXPECT_NE(Problem().find("of complaint " + std::to_string(ids_[1])), std::string::npos) << Problem();
}

TEST_F(AuditTamperTest, NoticesRecordsCutFromTheEndThroughTheAnchor) {
    auto store = SqliteComplaintStore::Open(path_, Options());
    ASSERT_TRUE(store);
    // Anchors are written after commits at most every 2 s; write one now the way the store does.
    {
        auto db = Connection::Open(path_, false);
        auto head = ReadAuditHead(**db);
        ASSERT_TRUE(WriteAnchor(path_ + ".anchor", *head));
    }
    store->reset();
    Tamper("DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log WHERE seq = 7; "
           "DELETE FROM messages; DROP TRIGGER events_append_only_delete; "
           "DELETE FROM events WHERE complaint_id = " + std::to_string(ids_[2]) + " AND kind <> 'created' AND "
           "kind <> 'acknowledged'");
    EXPECT_NE(Problem().find("anchored record 7"), std::string::npos) << Problem();
}

}  // namespace
}  // namespace heed::storage::sqlite
