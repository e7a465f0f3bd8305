// Walks of a tenant's complaints on a real SQLite store that read events a batch at a time — the roll-up's build and
// the feedback-form export — give what each complaint's own events give, with another tenant's complaints
// interleaved in the id ranges and more complaints than one batch.

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <unistd.h>

#include "core/analytics/facts_cache.hpp"
#include "core/analytics/feedback_form.hpp"
#include "core/complaint/pii.hpp"
#include "core/services/complaint_service.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_crypto.hpp"

namespace heed::core::analytics {
namespace {

TEST(FactsCacheScan, BatchedEventsOnSqliteEqualEachComplaintsOwnEvents) {
    auto dir = std::filesystem::temp_directory_path() / ("heed-facts-scan-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string path = (dir / "heed.db").string();
    testing::FakeClock clock(*ParseIso8601("2024-03-01T08:00:00Z"));
    {
        auto store = storage::sqlite::SqliteComplaintStore::Open(
            path, {.readers = 2, .max_batch = 64, .mac = testing::FakeCrypto::TestMac, .clock = &clock});
        ASSERT_TRUE(store) << store.error().message;
        auto db = storage::sqlite::Connection::Open(path, false);
        ASSERT_TRUE(db && (*db)->Execute("INSERT INTO tenants (id, name, created_at) VALUES (2, 'acme', 0)"));
        services::ComplaintService service(**store, clock);
        auto ours = testing::AnActor(workflow::Role::kManager);
        auto theirs = ours;
        theirs.tenant = TenantId{2};
        std::mt19937 random(7);
        std::vector<ComplaintId> mine;
        for (int i = 0; i < 1100; ++i) {
            clock.Advance(std::chrono::minutes(random() % 90));
            bool other = random() % 3 == 0;
            auto draft = testing::AComplaint();
            draft.tenant = other ? TenantId{2} : kDefaultTenant;
            draft.classification.category = random() % 2 ? "物流配送" : "产品质量";
            auto filed = service.File(other ? theirs : ours, draft);
            ASSERT_TRUE(filed) << filed.error().message;
            if (!other) mine.push_back(filed->id);
            if (random() % 4 == 0) {  // some history: assigned, in progress, resolved
                auto& who = other ? theirs : ours;
                ASSERT_TRUE(service.Transition(who, filed->id, std::nullopt, workflow::Status::kAssigned,
                                               {.assignee = "wang"}));
                clock.Advance(std::chrono::minutes(random() % 300));
                ASSERT_TRUE(service.Transition(who, filed->id, std::nullopt, workflow::Status::kInProgress, {}));
                clock.Advance(std::chrono::hours(random() % 48));
                ASSERT_TRUE(service.Transition(who, filed->id, std::nullopt, workflow::Status::kResolved,
                                               {.resolution_summary = "refunded"}));
            }
        }
        auto scanned = FactsCache::Scan(**store, kDefaultTenant, clock.Now());
        ASSERT_TRUE(scanned) << scanned.error().message;
        ASSERT_EQ(scanned->size(), mine.size());
        std::size_t with_history = 0;
        for (std::size_t i = 0; i < mine.size(); ++i) {
            auto c = (*store)->Get(kDefaultTenant, mine[i]);
            auto events = (*store)->Events(kDefaultTenant, mine[i]);
            ASSERT_TRUE(c && events);
            EXPECT_EQ((*scanned)[i], DeriveFacts(*c, *events, clock.Now())) << "complaint " << mine[i].value;
            if ((*scanned)[i].resolved) ++with_history;
        }
        EXPECT_GT(with_history, 100u);

        // The export: every complaint of the tenant once, in id order, its recorder the one who filed it.
        std::vector<std::vector<std::string>> rows;
        auto written = WriteFeedbackForm(**store, ours, {.language = Language::kEn}, [&](const auto& cells) {
            rows.push_back(cells);
            return true;
        });
        ASSERT_TRUE(written) << written.error().message;
        ASSERT_EQ(*written, static_cast<std::int64_t>(mine.size()));
        ASSERT_EQ(rows.size(), mine.size());
        for (std::size_t i = 0; i < mine.size(); ++i) {
            auto c = (*store)->Get(kDefaultTenant, mine[i]);
            auto events = (*store)->Events(kDefaultTenant, mine[i]);
            ASSERT_TRUE(c && events && !events->empty());
            auto masked = *c;
            complaint::MaskContactDetails(masked);
            EXPECT_EQ(rows[i], FeedbackFormRow(masked, events->front().actor, Language::kEn)) << "row " << i;
        }
        EXPECT_EQ(rows[0][6], ours.name);
        // A reader that stops after 600 rows (within the second batch) gets 600, and the count says so.
        std::size_t taken = 0;
        written = WriteFeedbackForm(**store, ours, {}, [&](const auto&) { return ++taken < 600; });
        ASSERT_TRUE(written);
        EXPECT_EQ(taken, 600u);
        EXPECT_EQ(*written, 599);
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace heed::core::analytics
