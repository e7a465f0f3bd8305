// The text fingerprints held in memory for the near-duplicate lookup (storage/sqlite/fingerprint_window.hpp): the
// window on its own, and the SQLite store answering from it exactly as SQL does, across updates, deletes, writes of
// another process and lookups reaching further back than the window.

#include <gtest/gtest.h>

#include <filesystem>
#include <atomic>
#include <random>
#include <thread>
#include <unistd.h>

#include "core/common/time.hpp"
#include "core/triage/fingerprint.hpp"
#include "core/triage/index_entries.hpp"
#include "storage/sqlite/fingerprint_window.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/builders.hpp"
#include "support/fake_crypto.hpp"

namespace heed::storage::sqlite {
namespace {

using core::ports::TextMatch;

constexpr std::int64_t kDay = 24 * 3600 * 1000;

FingerprintEntry Entry(std::int64_t id, std::int64_t received_ms, std::uint64_t simhash, std::int64_t tenant = 1) {
    return {tenant, id, received_ms, simhash, 7, "TS" + std::to_string(id), "p:" + std::to_string(id % 3), ""};
}

std::vector<std::int64_t> Ids(const std::vector<TextMatch>& matches) {
    std::vector<std::int64_t> ids;
    for (const auto& m : matches) ids.push_back(m.id.value);
    return ids;
}

TEST(FingerprintWindow, FindsSharedBandsNewestFirstWithinTheLimit) {
    FingerprintWindow window;
    EXPECT_FALSE(window.Find(1, 0x1111, 0, 10));  // not built: SQL answers
    const std::uint64_t base = 0x1234'5678'9abc'def0;
    window.Replace(15 * kDay, 1000, {{1, INT64_MIN}}, {});
    window.Apply({{Entry(1, 1 * kDay, base), false},
                  {Entry(2, 2 * kDay, base ^ 0xffff), false},                  // shares three bands
                  {Entry(3, 3 * kDay, ~base), false},                          // shares none
                  {Entry(4, 4 * kDay, base ^ 0xffff'0000'0000'0000), false},  // shares three bands
                  {Entry(5, 5 * kDay, base, 2), false}});                     // another tenant
    auto found = window.Find(1, base, 0, 10);
    ASSERT_TRUE(found);
    EXPECT_EQ(Ids(*found), (std::vector<std::int64_t>{4, 2, 1}));
    EXPECT_EQ((*found)[0].number, "TS4");
    EXPECT_EQ((*found)[0].customer, "p:1");
    EXPECT_EQ((*found)[0].received_at, core::FromMillis(4 * kDay));
    EXPECT_EQ((*found)[0].text_digest, 7u);
    EXPECT_EQ(Ids(*window.Find(1, base, 0, 2)), (std::vector<std::int64_t>{4, 2}));
    EXPECT_EQ(Ids(*window.Find(1, base, 2 * kDay, 10)), (std::vector<std::int64_t>{4, 2}));  // since is inclusive
    EXPECT_TRUE(window.Find(3, base, 0, 10)->empty());  // a tenant with nothing
    EXPECT_EQ(Ids(*window.Find(2, base, 0, 10)), (std::vector<std::int64_t>{5}));
}

TEST(FingerprintWindow, FollowsUpdatesAndErasesAndTrailsTheNewestComplaint) {
    FingerprintWindow window;
    const std::uint64_t hash = 0xdead'beef'0000'0001;
    window.Replace(10 * kDay, 1000, {{1, 0}}, {Entry(1, 1 * kDay, hash), Entry(2, 2 * kDay, hash)});
    EXPECT_FALSE(window.Find(1, hash, -1, 10));  // before the tenant's floor: not held
    auto clustered = Entry(1, 1 * kDay, hash);
    clustered.cluster = "IC-TS1";
    window.Apply({{clustered, false}});
    EXPECT_EQ((*window.Find(1, hash, 0, 10))[1].cluster, "IC-TS1");
    window.Apply({{Entry(2, 0, 0), true}});  // deleted
    EXPECT_EQ(Ids(*window.Find(1, hash, 0, 10)), (std::vector<std::int64_t>{1}));
    // A complaint 12 days later moves the floor to day 2: day 1 leaves, lookups before day 2 go to SQL.
    window.Apply({{Entry(3, 12 * kDay, hash), false}});
    EXPECT_EQ(window.size(), 1u);
    EXPECT_FALSE(window.Find(1, hash, 1 * kDay, 10));
    EXPECT_EQ(Ids(*window.Find(1, hash, 2 * kDay, 10)), (std::vector<std::int64_t>{3}));
    // An import of an old complaint, below the floor, is not held.
    window.Apply({{Entry(4, 1 * kDay, hash), false}});
    EXPECT_EQ(window.size(), 1u);
    window.Clear();
    EXPECT_FALSE(window.Find(1, hash, 2 * kDay, 10));
}

TEST(FingerprintWindow, HoldsAtMostItsLimitPerTenantAndLeavesTheRestToSql) {
    FingerprintWindow window;
    const std::uint64_t hash = 0x0123'4567'89ab'cdef;
    window.Replace(15 * kDay, 3, {{1, INT64_MIN}}, {});
    window.Apply({{Entry(1, 1000, hash), false}, {Entry(2, 1000, hash), false}, {Entry(3, 2000, hash), false},
                  {Entry(4, 3000, hash), false}});
    // Four would be one too many: both of the oldest millisecond go, and the floor rises past it.
    EXPECT_EQ(window.size(), 2u);
    EXPECT_FALSE(window.Find(1, hash, 1000, 10));
    EXPECT_EQ(Ids(*window.Find(1, hash, 1001, 10)), (std::vector<std::int64_t>{4, 3}));
}

// The store on a real file, against a second store on the same file that holds no window and answers by SQL.
class FingerprintStore : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = (std::filesystem::temp_directory_path() /
                 ("heed-fingerprint-" + std::to_string(::getpid()) + "-" + std::to_string(random_()) + ".db"))
                    .string();
        windowed_ = Open(std::chrono::hours(24 * 15));
        by_sql_ = Open(std::chrono::hours(0));
    }
    void TearDown() override {
        windowed_.reset();
        by_sql_.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
    }
    std::unique_ptr<SqliteComplaintStore> Open(std::chrono::hours window) {
        StoreOptions options{.readers = 2, .max_batch = 64, .mac = testing::FakeCrypto::TestMac, .clock = &clock_};
        options.fingerprint_window = window;
        auto store = SqliteComplaintStore::Open(path_, options);
        EXPECT_TRUE(store) << (store ? "" : store.error().message);
        return store ? std::move(*store) : nullptr;
    }
    // Texts from a few incidents with small variations, so that many share bands and some are near-identical.
    core::complaint::Complaint Draft(core::Instant received) {
        static const std::vector<std::string> kIncidents{
            "我在5月1日下单的空调，物流信息三天没有更新，客服电话一直打不通，要求尽快发货或者退款。",
            "The refund for my returned headphones has not arrived after two weeks and the agent was rude to me.",
            "电话里客服态度非常差，说话不耐烦还直接挂断，要求道歉并处理退款问题，否则投诉到消协。",
            "My card was charged twice for the same order and nobody answers my emails about the duplicate charge."};
        static const std::vector<std::string> kTails{"", "", " 请尽快处理。", " Please help.", " 谢谢", " urgent!!"};
        auto c = testing::AComplaint("subject", kIncidents[random_() % kIncidents.size()] +
                                                    kTails[random_() % kTails.size()]);
        c.customer.phone = "1380000" + std::to_string(1000 + random_() % 40);
        c.customer.email.clear();
        c.tenant = core::kDefaultTenant;
        c.milestones.received_at = received;
        c.updated_at = received;
        return c;
    }
    void ExpectSameAnswers(core::Instant now, int queries) {
        for (int q = 0; q < queries; ++q) {
            auto probe = Draft(now);
            auto hash = core::triage::TextFingerprint(probe);
            ASSERT_TRUE(hash);
            const auto since = now - std::chrono::hours(1 + random_() % (24 * 14));
            const int limit = 1 + static_cast<int>(random_() % 25);
            auto held = windowed_->ByFingerprint(core::kDefaultTenant, *hash, since, limit);
            auto sql = by_sql_->ByFingerprint(core::kDefaultTenant, *hash, since, limit);
            ASSERT_TRUE(held && sql);
            ASSERT_EQ(Ids(*held), Ids(*sql));
            for (std::size_t i = 0; i < held->size(); ++i) {
                const auto& a = (*held)[i];
                const auto& b = (*sql)[i];
                ASSERT_EQ(std::tie(a.number, a.simhash, a.customer, a.cluster, a.received_at, a.text_digest),
                          std::tie(b.number, b.simhash, b.customer, b.cluster, b.received_at, b.text_digest));
            }
        }
    }
    core::workflow::Event Changed(const core::complaint::Complaint& c, core::Instant at) {
        return {{}, c.tenant, c.id, at, "test", core::workflow::Role::kSystem, core::workflow::EventKind::kLinked,
                "incident_cluster", {}, c.links.incident_cluster, "test"};
    }

    std::mt19937_64 random_{42};
    core::ports::SystemClock clock_;
    std::string path_;
    std::unique_ptr<SqliteComplaintStore> windowed_, by_sql_;
};

TEST_F(FingerprintStore, AnswersAsSqlDoesThroughWritesUpdatesAndDeletes) {
    auto now = *core::ParseIso8601("2024-05-01T00:00:00Z");
    std::vector<core::complaint::Complaint> filed;
    for (int i = 0; i < 400; ++i) {
        now += std::chrono::minutes(60 + random_() % 60);  // about 25 days in all: older ones leave the window
        auto created = windowed_->Create({Draft(now), {}, {}});
        ASSERT_TRUE(created) << created.error().message;
        filed.push_back(*created);
        if (i % 7 == 3) {  // joins a cluster
            auto& c = filed[random_() % filed.size()];
            auto next = c;
            next.links.incident_cluster = "IC-" + filed.back().number;
            auto updated = windowed_->Update({next, c.version, {Changed(next, now)}, {}});
            ASSERT_TRUE(updated) << updated.error().message;
            c = updated->complaint;
        }
        if (i % 23 == 5) {
            auto gone = filed.begin() + static_cast<std::ptrdiff_t>(random_() % filed.size());
            ASSERT_TRUE(windowed_->Delete(core::kDefaultTenant, gone->id, testing::AnActor()));
            filed.erase(gone);
        }
        if (i % 50 == 49) ExpectSameAnswers(now, 20);
    }
    // Fifteen days of about 16 complaints a day are held, the older ten days are not.
    EXPECT_GT(windowed_->fingerprint_window_size(), 200u);
    EXPECT_LT(windowed_->fingerprint_window_size(), 400u);
    ExpectSameAnswers(now, 200);
    // Further back than the window: SQL answers, the same.
    auto hash = core::triage::TextFingerprint(filed.front());
    ASSERT_TRUE(hash);
    auto held = windowed_->ByFingerprint(core::kDefaultTenant, *hash, now - std::chrono::hours(24 * 40), 25);
    auto sql = by_sql_->ByFingerprint(core::kDefaultTenant, *hash, now - std::chrono::hours(24 * 40), 25);
    ASSERT_TRUE(held && sql);
    EXPECT_EQ(Ids(*held), Ids(*sql));
    EXPECT_FALSE(held->empty());
}

TEST_F(FingerprintStore, SeesWhatAnotherProcessWrote) {
    auto now = *core::ParseIso8601("2024-05-01T00:00:00Z");
    auto first = windowed_->Create({Draft(now), {}, {}});
    ASSERT_TRUE(first);
    const std::size_t held_before = windowed_->fingerprint_window_size();
    // Another store on the file (another process) files a near-identical text.
    auto copy = Draft(now + std::chrono::minutes(5));
    copy.description = first->description;
    auto foreign = by_sql_->Create({copy, {}, {}});
    ASSERT_TRUE(foreign);
    auto hash = core::triage::TextFingerprint(copy);
    ASSERT_TRUE(hash);
    auto found = windowed_->ByFingerprint(core::kDefaultTenant, *hash, now - std::chrono::hours(1), 10);
    ASSERT_TRUE(found);
    EXPECT_EQ(Ids(*found), (std::vector<std::int64_t>{foreign->id.value, first->id.value}));
    // The next write of this store reads the window again, with the other process's complaint in it.
    ASSERT_TRUE(windowed_->Create({Draft(now + std::chrono::minutes(10)), {}, {}}));
    EXPECT_EQ(windowed_->fingerprint_window_size(), held_before + 2);
    ExpectSameAnswers(now + std::chrono::minutes(10), 20);
}

}  // namespace
}  // namespace heed::storage::sqlite

namespace heed::storage::sqlite {
namespace {

// The log is copied back by the checkpointer's thread while the writer goes on, and kept near its limit by the
// writer itself; nothing committed is lost (storage/sqlite/checkpointer.hpp).
TEST(Checkpointer, KeepsTheLogBoundedWhileTheWriterGoesOn) {
    const auto path = (std::filesystem::temp_directory_path() /
                       ("heed-checkpoint-" + std::to_string(::getpid()) + ".db")).string();
    core::ports::SystemClock clock;
    StoreOptions options{.readers = 2, .max_batch = 64, .mac = testing::FakeCrypto::TestMac, .clock = &clock};
    options.checkpoint_pages = 100;
    options.wal_limit_pages = 150;
    std::uintmax_t largest_log = 0;
    {
        auto store = SqliteComplaintStore::Open(path, options);
        ASSERT_TRUE(store) << store.error().message;
        // Queued all at once, so the writer commits batch after batch without a pause for the checkpointer.
        std::atomic<int> done{0}, failed{0};
        for (int i = 0; i < 2000; ++i) {
            auto c = testing::AComplaint("subject " + std::to_string(i),
                                         "第" + std::to_string(i) + "号投诉：物流信息三天没有更新，客服电话打不通。");
            c.tenant = core::kDefaultTenant;
            c.milestones.received_at = c.updated_at = clock.Now();
            (*store)->CreateAsync({c, {}, {}}, [&](core::Result<core::complaint::Complaint> created) {
                if (!created) ++failed;
                ++done;
            });
        }
        while (done < 2000) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        EXPECT_EQ(failed, 0);
        largest_log = std::filesystem::file_size(path + "-wal");  // SQLite never shrinks it: its largest size
        auto stats = (*store)->checkpoint_stats();
        EXPECT_GT(stats.background, 0u);
        EXPECT_GT(stats.on_writer, 0u);  // asked every 100 pages, at the limit of 150 the writer had to
        ASSERT_TRUE((*store)->Count(core::kDefaultTenant));
        EXPECT_EQ(*(*store)->Count(core::kDefaultTenant), 2000);
    }
    // 2 000 complaints wrote many times more pages than this: the log started again from its beginning, again and
    // again.
    EXPECT_LT(largest_log, std::uintmax_t{600} * 4120) << largest_log;
    auto reopened = SqliteComplaintStore::Open(path, options);
    ASSERT_TRUE(reopened);
    EXPECT_EQ(*(*reopened)->Count(core::kDefaultTenant), 2000);
    EXPECT_EQ(*(*reopened)->CheckIntegrity(), "ok");
    reopened->reset();
    for (const char* suffix : {"", "-wal", "-shm", ".anchor"}) std::filesystem::remove(path + suffix);
}

}  // namespace
}  // namespace heed::storage::sqlite
