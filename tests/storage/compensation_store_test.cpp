// The compensation store contract against both backends, and the SQLite pending list answered from its index.

#include <gtest/gtest.h>

#include "storage/contract/compensation_store_contract.hpp"
#include "storage/memory/memory_compensation_store.hpp"
#include "storage/sqlite/compensation_store.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/fake_crypto.hpp"

namespace heed::storage {

std::string FreshDatabasePath();  // sqlite_store_test.cpp: a new file in a directory removed at exit

namespace {

const core::ports::SystemClock kCompensationClock;

std::string MigratedDatabase() {
    std::string path = FreshDatabasePath();
    auto store = sqlite::SqliteComplaintStore::Open(
        path, {.readers = 1, .max_batch = 8, .mac = testing::FakeCrypto::TestMac, .clock = &kCompensationClock});
    EXPECT_TRUE(store) << (store ? "" : store.error().message);
    return path;
}

}  // namespace

struct MemoryCompensationFactory {
    static std::unique_ptr<core::ports::CompensationStore> Make() {
        return std::make_unique<memory::MemoryCompensationStore>();
    }
};

struct SqliteCompensationFactory {
    static std::unique_ptr<core::ports::CompensationStore> Make() {
        auto store = sqlite::SqliteCompensationStore::Open(MigratedDatabase());
        EXPECT_TRUE(store) << (store ? "" : store.error().message);
        return std::move(*store);
    }
};

}  // namespace heed::storage

namespace heed::storage::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Memory, CompensationStoreContract, heed::storage::MemoryCompensationFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, CompensationStoreContract, heed::storage::SqliteCompensationFactory);
}  // namespace heed::storage::contract

namespace heed::storage::sqlite {
namespace {

TEST(SqliteCompensationStore, ThePendingListSearchesTheStatusIndex) {
    auto db = Connection::Open(MigratedDatabase(), true);
    ASSERT_TRUE(db);
    auto plan = (*db)->Prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM compensations WHERE tenant_id = 1 AND status = 'pending' AND id > 0 "
        "ORDER BY id LIMIT 200");
    ASSERT_TRUE(plan) << plan.error().message;
    std::string detail;
    while (*(*plan)->Step()) detail += (*plan)->Text(3) + "\n";
    EXPECT_NE(detail.find("USING COVERING INDEX compensations_status"), std::string::npos) << detail;
    EXPECT_EQ(detail.find("TEMP B-TREE"), std::string::npos) << detail;  // no sort step
}

TEST(SqliteCompensationStore, RefusesANonPositiveAmountAtTheSchema) {
    auto store = SqliteCompensationStore::Open(MigratedDatabase());
    ASSERT_TRUE(store);
    core::compensation::Compensation bad;
    bad.tenant = core::kDefaultTenant;
    bad.complaint = core::ComplaintId{1};
    bad.amount = {0, "CNY"};
    EXPECT_FALSE((*store)->Add(bad));
}

}  // namespace
}  // namespace heed::storage::sqlite
