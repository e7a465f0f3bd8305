#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <unistd.h>

#include "storage/contract/complaint_store_contract.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_store.hpp"

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

struct SqliteFactory {
    static std::unique_ptr<core::ports::ComplaintStore> Make() {
        auto store = sqlite::SqliteComplaintStore::Open(FreshDatabasePath(), {.readers = 4, .max_batch = 64});
        EXPECT_TRUE(store) << (store ? "" : store.error().message);
        return std::move(*store);
    }
};

}  // namespace heed::storage

namespace heed::storage::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, ComplaintStoreContract, heed::storage::SqliteFactory);
}

namespace heed::storage::sqlite {
namespace {

TEST(SqliteStore, KeepsDataAcrossReopening) {
    auto path = FreshDatabasePath();
    core::ComplaintId id;
    {
        auto store = SqliteComplaintStore::Open(path, {});
        ASSERT_TRUE(store);
        testing::FakeClock clock(*core::ParseIso8601("2024-05-10T02:00:00Z"));
        core::services::ComplaintService service(**store, clock);
        auto filed = service.File(testing::AnActor(), testing::AComplaint());
        ASSERT_TRUE(filed);
        id = filed->id;
    }
    auto reopened = SqliteComplaintStore::Open(path, {});
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
    auto store = SqliteComplaintStore::Open(path, {});
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, core::ErrorCode::kFailedPrecondition);
}

TEST(SqliteStore, GroupsConcurrentWritesIntoFewerTransactions) {
    auto store = SqliteComplaintStore::Open(FreshDatabasePath(), {.readers = 2, .max_batch = 512});
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

}  // namespace
}  // namespace heed::storage::sqlite
