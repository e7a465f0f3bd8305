// The routing store contract against both backends, and the SQLite specifics: profiles survive reopening, and the
// load count routing makes on every automatic assignment is answered from an index, not a scan.

#include <gtest/gtest.h>

#include "storage/contract/routing_store_contract.hpp"
#include "storage/memory/memory_routing_store.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/routing_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/fake_crypto.hpp"

namespace heed::storage {

std::string FreshDatabasePath();  // sqlite_store_test.cpp: a new file in a directory removed at exit

namespace {

const core::ports::SystemClock kRoutingClock;

sqlite::StoreOptions Options() {
    return {.readers = 2, .max_batch = 64, .mac = testing::FakeCrypto::TestMac, .clock = &kRoutingClock};
}

}  // namespace

struct MemoryRoutingFactory {
    static std::unique_ptr<core::ports::RoutingStore> Make() { return std::make_unique<memory::MemoryRoutingStore>(); }
};

struct SqliteRoutingFactory {
    static std::unique_ptr<core::ports::RoutingStore> Make() {
        std::string path = FreshDatabasePath();
        auto migrated = sqlite::SqliteComplaintStore::Open(path, Options());  // creates and migrates the schema
        EXPECT_TRUE(migrated) << (migrated ? "" : migrated.error().message);
        auto store = sqlite::SqliteRoutingStore::Open(path);
        EXPECT_TRUE(store) << (store ? "" : store.error().message);
        return std::move(*store);
    }
};

}  // namespace heed::storage

namespace heed::storage::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Memory, RoutingStoreContract, heed::storage::MemoryRoutingFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, RoutingStoreContract, heed::storage::SqliteRoutingFactory);
}  // namespace heed::storage::contract

namespace heed::storage::sqlite {
namespace {

TEST(SqliteRoutingStore, KeepsProfilesAcrossReopening) {
    std::string path = FreshDatabasePath();
    ASSERT_TRUE(SqliteComplaintStore::Open(path, Options()));
    core::routing::AgentProfile amy{core::kDefaultTenant,
                                    "amy",
                                    {{"物流配送"}, {"zh"}, {}},
                                    core::routing::Level::kExpert,
                                    4,
                                    core::routing::WorkStatus::kAvailable,
                                    {}};
    {
        auto store = SqliteRoutingStore::Open(path);
        ASSERT_TRUE(store);
        ASSERT_TRUE((*store)->PutAgent(amy));
        ASSERT_TRUE((*store)->SetLastAssigned(core::kDefaultTenant, "", "amy"));
    }
    auto reopened = SqliteRoutingStore::Open(path);
    ASSERT_TRUE(reopened);
    EXPECT_EQ(*(*reopened)->FindAgent(core::kDefaultTenant, "amy"), amy);
    EXPECT_EQ(*(*reopened)->LastAssigned(core::kDefaultTenant, ""), "amy");
}

TEST(SqliteRoutingStore, TheLoadCountSearchesTheAssigneeIndex) {
    std::string path = FreshDatabasePath();
    ASSERT_TRUE(SqliteComplaintStore::Open(path, Options()));
    auto db = Connection::Open(path, true);
    ASSERT_TRUE(db);
    // The same statement OpenCountsByAssignee prepares (the open and paused statuses).
    auto plan = (*db)->Prepare(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM complaints INDEXED BY complaints_assignee_status "
        "WHERE tenant_id = 1 AND assignee = 'amy' AND status IN ('new', 'triaged', 'assigned', 'in_progress', "
        "'waiting_customer', 'waiting_department', 'reopened')");
    ASSERT_TRUE(plan) << plan.error().message;
    std::string detail;
    while (*(*plan)->Step()) detail += (*plan)->Text(3) + "\n";
    EXPECT_NE(detail.find("SEARCH complaints USING COVERING INDEX complaints_assignee_status"), std::string::npos)
        << detail;
    EXPECT_EQ(detail.find("SCAN"), std::string::npos) << detail;
}

}  // namespace
}  // namespace heed::storage::sqlite
