// heed serve builds the KPI roll-up in the background at start; a request waits a bounded time for it and is then
// refused with a clear error (HTTP 503 with Retry-After) instead of hanging for the whole build.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/analytics/facts_cache.hpp"
#include "core/services/complaint_service.hpp"
#include "storage/memory/memory_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"

namespace heed::core::analytics {
namespace {

using namespace std::chrono_literals;

// The memory store, with its walk of a tenant held until the test opens the gate, and able to fail once.
class GatedStore final : public ports::ComplaintStore {
public:
    explicit GatedStore(ports::ComplaintStore& inner) : inner_(inner) {}
    void Open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        opened_.notify_all();
    }
    void FailNextWalk() { fail_next_ = true; }
    void FailNextEvents() { fail_events_ = true; }  // the next batch of events read fails (a walk fails midway)
    // The walk stops before its complaint number `n` + 1 until Resume (WaitUntilPaused returns once it has).
    void PauseAfter(int n) { pause_after_ = n; }
    void WaitUntilPaused() {
        std::unique_lock lock(mutex_);
        opened_.wait(lock, [this] { return paused_; });
    }
    void Resume() {
        std::lock_guard lock(mutex_);
        resumed_ = true;
        opened_.notify_all();
    }

    Result<void> ForEach(TenantId tenant, const std::function<bool(const complaint::Complaint&)>& visit) override {
        std::unique_lock lock(mutex_);
        opened_.wait(lock, [this] { return open_; });
        lock.unlock();
        if (fail_next_.exchange(false)) return Fail(ErrorCode::kUnavailable, "the disk is gone");
        int visited = 0;
        return inner_.ForEach(tenant, [&](const complaint::Complaint& c) {
            if (visited++ == pause_after_) {
                std::unique_lock paused(mutex_);
                paused_ = true;
                opened_.notify_all();
                opened_.wait(paused, [this] { return resumed_; });
            }
            return visit(c);
        });
    }
    Result<complaint::Complaint> Create(ports::NewComplaint c) override { return inner_.Create(std::move(c)); }
    std::vector<Result<complaint::Complaint>> CreateMany(std::vector<ports::NewComplaint> c) override {
        return inner_.CreateMany(std::move(c));
    }
    Result<complaint::Complaint> Get(TenantId t, ComplaintId id) override { return inner_.Get(t, id); }
    Result<complaint::Complaint> GetByNumber(TenantId t, const std::string& n) override {
        return inner_.GetByNumber(t, n);
    }
    Result<ports::UpdateResult> Update(ports::ComplaintUpdate u) override { return inner_.Update(std::move(u)); }
    Result<std::map<std::int64_t, std::vector<workflow::Event>>> EventsOfMany(
        TenantId t, const std::vector<ComplaintId>& ids) override {
        if (fail_events_.exchange(false)) return Fail(ErrorCode::kUnavailable, "the disk is gone");
        return inner_.EventsOfMany(t, ids);
    }
    Result<std::vector<ports::UpdateResult>> UpdateAll(std::vector<ports::ComplaintUpdate> u) override {
        return inner_.UpdateAll(std::move(u));
    }
    Result<void> Delete(TenantId t, ComplaintId id, const workflow::Actor& by) override {
        return inner_.Delete(t, id, by);
    }
    Result<ports::ComplaintPage> List(TenantId t, const ports::ComplaintQuery& q) override { return inner_.List(t, q); }
    Result<std::vector<workflow::Event>> Events(TenantId t, ComplaintId id) override { return inner_.Events(t, id); }
    Result<std::vector<complaint::Message>> Messages(TenantId t, ComplaintId id) override {
        return inner_.Messages(t, id);
    }
    Result<std::int64_t> Count(TenantId t) override { return inner_.Count(t); }
    Result<std::vector<ports::SlaCheck>> SlaChecksDue(Instant until, int limit) override {
        return inner_.SlaChecksDue(until, limit);
    }
    Result<std::optional<Instant>> NextSlaCheck() override { return inner_.NextSlaCheck(); }
    std::vector<Result<complaint::Complaint>> SetSlaValues(std::vector<ports::SlaValuesUpdate> u) override {
        return inner_.SetSlaValues(std::move(u));
    }
    Result<std::map<std::string, std::int64_t>> OpenCountsByAssignee(TenantId t,
                                                                     const std::vector<std::string>& a) override {
        return inner_.OpenCountsByAssignee(t, a);
    }

private:
    ports::ComplaintStore& inner_;
    std::mutex mutex_;
    std::condition_variable opened_;
    bool open_ = false;
    bool paused_ = false;
    bool resumed_ = false;
    std::atomic<int> pause_after_{-1};
    std::atomic<bool> fail_next_{false};
    std::atomic<bool> fail_events_{false};
};

std::size_t RowsOf(FactsCache& cache, std::optional<std::chrono::milliseconds> wait, Result<void>* outcome = nullptr) {
    std::size_t rows = 0;
    auto read = cache.Read(
        kDefaultTenant, [&](const auto& r) { rows = r.size(); }, wait);
    if (outcome) *outcome = read;
    return rows;
}

// Files `n` complaints straight into the store; their ids.
std::vector<ComplaintId> FileComplaints(ports::ComplaintStore& store, const ports::Clock& clock, int n) {
    services::ComplaintService filing(store, clock);
    std::vector<ComplaintId> ids;
    for (int i = 0; i < n; ++i) {
        auto filed = filing.File(testing::AnActor(), testing::AComplaint());
        EXPECT_TRUE(filed);
        if (filed) ids.push_back(filed->id);
    }
    return ids;
}

// The cache's rows equal those derived from the store from scratch, in id order as the scan gives them.
void ExpectRowsOfARebuild(FactsCache& cache, ports::ComplaintStore& store, Instant now, const char* when) {
    std::vector<ComplaintFacts> kept;
    ASSERT_TRUE(cache.Read(kDefaultTenant, [&](const auto& rows) {
        for (const auto* r : rows) kept.push_back(*r);
    }));
    auto scratch = FactsCache::Scan(store, kDefaultTenant, now);
    ASSERT_TRUE(scratch);
    EXPECT_EQ(kept, *scratch) << when;
}

TEST(FactsCacheBackground, ARequestWaitsABoundedTimeThenIsRefusedUntilTheBuildEndsAndWritesMeanwhileCount) {
    testing::FakeClock clock(*ParseIso8601("2024-03-01T08:00:00Z"));
    storage::memory::MemoryComplaintStore memory;
    services::ComplaintService filing(memory, clock);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(filing.File(testing::AnActor(), testing::AComplaint()));

    GatedStore gated(memory);
    FactsCache cache(gated, clock);
    IndexedComplaintStore indexed(gated, cache);
    cache.BuildInBackground(kDefaultTenant);
    EXPECT_TRUE(cache.Tracks(kDefaultTenant));

    Result<void> outcome;
    auto started = std::chrono::steady_clock::now();
    RowsOf(cache, 200ms, &outcome);
    EXPECT_GE(std::chrono::steady_clock::now() - started, 200ms);  // it waited, as long as it was told
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(outcome.error().field, "roll_up");
    EXPECT_NE(outcome.error().message.find("being built"), std::string::npos) << outcome.error().message;

    // A complaint filed while the build runs is in the rows once it is done.
    services::ComplaintService service(indexed, clock);
    ASSERT_TRUE(service.File(testing::AnActor(), testing::AComplaint()));
    gated.Open();
    EXPECT_EQ(RowsOf(cache, 30s, &outcome), 4u);
    ASSERT_TRUE(outcome) << outcome.error().message;
    std::vector<ComplaintFacts> kept;
    ASSERT_TRUE(cache.Read(kDefaultTenant, [&](const auto& rows) {
        for (const auto* r : rows) kept.push_back(*r);
    }));
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    auto scratch = FactsCache::Scan(memory, kDefaultTenant, clock.Now());
    ASSERT_TRUE(scratch);
    EXPECT_EQ(kept, *scratch);
}

TEST(FactsCacheBackground, AFailedBuildIsReportedOnceAndTheNextRequestBuildsAgain) {
    testing::FakeClock clock(*ParseIso8601("2024-03-01T08:00:00Z"));
    storage::memory::MemoryComplaintStore memory;
    services::ComplaintService filing(memory, clock);
    ASSERT_TRUE(filing.File(testing::AnActor(), testing::AComplaint()));
    GatedStore gated(memory);
    gated.FailNextWalk();
    gated.Open();
    FactsCache cache(gated, clock);
    Result<void> outcome;
    RowsOf(cache, 30s, &outcome);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(RowsOf(cache, 30s, &outcome), 1u);
    EXPECT_TRUE(outcome);
}

// Rows are kept in id order with deleted complaints as tombstones: writes to complaints the build has not read yet,
// deletions during and after the build, and a late write for a deleted complaint all leave the rows a rebuild makes.
TEST(FactsCacheBackground, WritesAndDeletionsDuringAndAfterTheBuildLeaveTheRowsOfARebuild) {
    testing::FakeClock clock(*ParseIso8601("2024-03-01T08:00:00Z"));
    storage::memory::MemoryComplaintStore memory;
    auto ids = FileComplaints(memory, clock, 12);
    ASSERT_EQ(ids.size(), 12U);
    GatedStore gated(memory);
    FactsCache cache(gated, clock);
    IndexedComplaintStore indexed(gated, cache);
    services::ComplaintService service(indexed, clock);
    auto equals_a_rebuild = [&](const char* when) { ExpectRowsOfARebuild(cache, memory, clock.Now(), when); };

    cache.BuildInBackground(kDefaultTenant);
    clock.Advance(1h);
    ASSERT_TRUE(service.Transition(testing::AnActor(), ids[1], std::nullopt, workflow::Status::kAssigned,
                                   {.reason = "r", .assignee = "wang"}));
    ASSERT_TRUE(indexed.Delete(kDefaultTenant, ids[2], testing::AnActor()));
    ASSERT_TRUE(service.File(testing::AnActor(), testing::AComplaint()));
    gated.Open();
    Result<void> outcome;
    EXPECT_EQ(RowsOf(cache, 30s, &outcome), 12u);
    ASSERT_TRUE(outcome) << outcome.error().message;
    equals_a_rebuild("after the build");

    // A deleted complaint's row stays deleted when a write made before the deletion is told late.
    auto stale = memory.Get(kDefaultTenant, ids[4]);
    ASSERT_TRUE(stale);
    ASSERT_TRUE(indexed.Delete(kDefaultTenant, ids[4], testing::AnActor()));
    cache.Written(*stale);
    equals_a_rebuild("after a late write for a deleted complaint");

    // Deletions until the tombstones are compacted away, and writes among them.
    for (auto [deleted, written] : {std::pair{5, 0}, {7, 3}, {9, 6}, {11, 8}}) {
        ASSERT_TRUE(indexed.Delete(kDefaultTenant, ids[deleted], testing::AnActor()));
        ASSERT_TRUE(service.Transition(testing::AnActor(), ids[written], std::nullopt, workflow::Status::kAssigned,
                                       {.reason = "r", .assignee = "li"}));
        equals_a_rebuild("after deletions");
    }
    EXPECT_EQ(RowsOf(cache, std::nullopt), 7u);
}

// 700 complaints, their roll-up's build paused at the 601st (its first batch of 500 is in the rows) until Resume.
class FactsCacheBuildPaused : public ::testing::Test {
protected:
    void SetUp() override {
        ids_ = FileComplaints(memory_, clock_, 700);
        ASSERT_EQ(ids_.size(), 700U);
        gated_.Open();
        gated_.PauseAfter(600);
        cache_.BuildInBackground(kDefaultTenant);
        gated_.WaitUntilPaused();
    }
    ~FactsCacheBuildPaused() override { gated_.Resume(); }  // a test that stopped early does not hang the build

    testing::FakeClock clock_{*ParseIso8601("2024-03-01T08:00:00Z")};
    storage::memory::MemoryComplaintStore memory_;
    GatedStore gated_{memory_};
    FactsCache cache_{gated_, clock_};
    IndexedComplaintStore indexed_{gated_, cache_};
    std::vector<ComplaintId> ids_;
};

// A complaint deleted after the build has read it is gone when the build ends. (One deleted before the build
// reaches it: the test above.)
TEST_F(FactsCacheBuildPaused, AComplaintDeletedAfterTheBuildReadItIsGoneWhenTheBuildEnds) {
    ASSERT_TRUE(indexed_.Delete(kDefaultTenant, ids_[0], testing::AnActor()));
    ASSERT_TRUE(indexed_.Delete(kDefaultTenant, ids_[499], testing::AnActor()));
    gated_.Resume();
    Result<void> outcome;
    EXPECT_EQ(RowsOf(cache_, 30s, &outcome), 698u);
    ASSERT_TRUE(outcome) << outcome.error().message;
    ExpectRowsOfARebuild(cache_, memory_, clock_.Now(), "after the build");
}

TEST_F(FactsCacheBuildPaused, ABuildThatFailsMidwayLeavesNoTombstoneCountedForTheNext) {
    ASSERT_TRUE(indexed_.Delete(kDefaultTenant, ids_[10], testing::AnActor()));  // a row already read: a tombstone
    gated_.FailNextEvents();  // the walk's last batch
    gated_.Resume();
    Result<void> outcome;
    RowsOf(cache_, 30s, &outcome);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().message, "the disk is gone");
    EXPECT_EQ(RowsOf(cache_, 30s, &outcome), 699u);  // the next build, with its own count of live rows
    ASSERT_TRUE(outcome) << outcome.error().message;
    ExpectRowsOfARebuild(cache_, memory_, clock_.Now(), "after the second build");
}

TEST(FactsCacheBackground, WithoutAWaitTheCallerBuildsAndAStoppedCacheDoesNotHang) {
    testing::FakeClock clock(*ParseIso8601("2024-03-01T08:00:00Z"));
    storage::memory::MemoryComplaintStore memory;
    services::ComplaintService filing(memory, clock);
    ASSERT_TRUE(filing.File(testing::AnActor(), testing::AComplaint()));
    GatedStore gated(memory);
    std::thread opener;
    {
        FactsCache cache(gated, clock);
        cache.BuildInBackground(kDefaultTenant);
        opener = std::thread([&] {
            std::this_thread::sleep_for(50ms);
            gated.Open();
        });
    }  // destroyed while the build waits at the gate: it stops once the walk starts, and the thread is joined
    opener.join();
    FactsCache fresh(gated, clock);
    EXPECT_EQ(RowsOf(fresh, std::nullopt), 1u);
}

}  // namespace
}  // namespace heed::core::analytics
