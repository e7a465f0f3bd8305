// The in-memory due order of open complaints (storage/sqlite/due_order.hpp) on its own, and the SQLite store's
// due-ordered lists built on it: kept in step with every write, rebuilt when another process writes, and the same
// pages as SQL's order.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/services/complaint_service.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/due_order.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/builders.hpp"
#include "support/fake_crypto.hpp"

namespace heed::storage {

std::string FreshDatabasePath();  // sqlite_store_test.cpp: a new file in a directory removed at exit

namespace sqlite {
namespace {

using core::workflow::Status;

const core::ports::SystemClock kDueOrderClock;

StoreOptions Options() {
    return {.readers = 2, .max_batch = 64, .mac = testing::FakeCrypto::TestMac, .clock = &kDueOrderClock};
}

DueEntry Entry(std::int64_t id, std::int64_t due, Status status = Status::kAssigned, std::string assignee = "",
               std::string state = "running", std::int64_t tenant = 1, std::int64_t version = 1) {
    return {tenant, id, version, due, status, std::move(assignee), std::move(state)};
}

std::vector<std::int64_t> Ids(const DueOrder::Batch& batch) {
    std::vector<std::int64_t> ids;
    for (const auto& c : batch.candidates) ids.push_back(c.id);
    return ids;
}

TEST(DueOrder, WalksEachOrderByDueThenIdAfterACursor) {
    DueOrder order;
    order.Replace({Entry(1, 300), Entry(2, 100, Status::kInProgress, "li"), Entry(3, 100),
                   Entry(4, 200, Status::kWaitingCustomer, "li", "warning"), Entry(5, 50, Status::kAssigned, "", "breached"),
                   Entry(6, 10, Status::kResolved), Entry(7, 20, Status::kAssigned, "", "running", 2)});
    EXPECT_EQ(order.size(), 6u);  // the resolved one is not held
    EXPECT_EQ(Ids(order.Next(1, {}, std::nullopt, 10, 100)), (std::vector<std::int64_t>{5, 2, 3, 4, 1}));
    EXPECT_EQ(Ids(order.Next(2, {}, std::nullopt, 10, 100)), (std::vector<std::int64_t>{7}));
    EXPECT_EQ(Ids(order.Next(1, {}, DueOrder::Candidate{100, 2}, 10, 100)), (std::vector<std::int64_t>{3, 4, 1}));
    EXPECT_EQ(Ids(order.Next(1, {{}, std::string("li"), {}}, std::nullopt, 10, 100)),
              (std::vector<std::int64_t>{2, 4}));
    EXPECT_EQ(Ids(order.Next(1, {{}, std::string(""), {}}, std::nullopt, 10, 100)),
              (std::vector<std::int64_t>{5, 3, 1}));
    EXPECT_TRUE(order.Next(1, {{}, std::string("nobody"), {}}, std::nullopt, 10, 100).candidates.empty());
    EXPECT_EQ(Ids(order.Next(1, {{Status::kWaitingCustomer, Status::kInProgress}, {}, {}}, std::nullopt, 10, 100)),
              (std::vector<std::int64_t>{2, 4}));
    EXPECT_EQ(Ids(order.Next(1, {{}, {}, {"warning", "breached"}}, std::nullopt, 10, 100)),
              (std::vector<std::int64_t>{5, 4}));
    EXPECT_EQ(Ids(order.Next(1, {{}, {}, {"running"}}, std::nullopt, 10, 100)), (std::vector<std::int64_t>{2, 3, 1}));
    // n and max_scan stop the walk; it goes on after last_scanned.
    auto first = order.Next(1, {}, std::nullopt, 2, 100);
    EXPECT_EQ(Ids(first), (std::vector<std::int64_t>{5, 2}));
    EXPECT_FALSE(first.exhausted);
    EXPECT_EQ(Ids(order.Next(1, {}, first.last_scanned, 2, 100)), (std::vector<std::int64_t>{3, 4}));
    auto scanned = order.Next(1, {{}, std::string("li"), {}}, std::nullopt, 10, 1);
    EXPECT_EQ(Ids(scanned), (std::vector<std::int64_t>{2}));
    EXPECT_FALSE(scanned.exhausted);
}

TEST(DueOrder, ChangesMoveRemoveAndIgnoreOlderVersions) {
    DueOrder order;
    order.Replace({Entry(1, 300), Entry(2, 200, Status::kAssigned, "", "warning")});
    order.Apply({{Entry(1, 100, Status::kAssigned, "wang", "warning", 1, 2), false},
                 {Entry(2, 999, Status::kAssigned, "", "warning", 1, 0), false},  // older than what is held
                 {Entry(3, 150), false}});
    EXPECT_EQ(Ids(order.Next(1, {}, std::nullopt, 10, 100)), (std::vector<std::int64_t>{1, 3, 2}));
    EXPECT_EQ(Ids(order.Next(1, {{}, std::string("wang"), {}}, std::nullopt, 10, 100)),
              (std::vector<std::int64_t>{1}));
    EXPECT_EQ(Ids(order.Next(1, {{}, {}, {"warning"}}, std::nullopt, 10, 100)), (std::vector<std::int64_t>{1, 2}));
    DueChange erase;
    erase.entry.id = 1;
    erase.erase = true;
    order.Apply({erase, {Entry(2, 200, Status::kResolved, "", "met", 1, 3), false}});
    EXPECT_EQ(Ids(order.Next(1, {}, std::nullopt, 10, 100)), (std::vector<std::int64_t>{3}));
    EXPECT_TRUE(order.Next(1, {{}, {}, {"warning"}}, std::nullopt, 10, 100).candidates.empty());
    EXPECT_TRUE(order.Next(1, {{}, std::string("wang"), {}}, std::nullopt, 10, 100).candidates.empty());
}

// Files `n` open complaints with due times in an order unlike their ids, some assigned, some resolved.
std::vector<core::complaint::Complaint> FileSome(SqliteComplaintStore& store, int n) {
    std::vector<core::complaint::Complaint> filed;
    const auto base = *core::ParseIso8601("2024-05-11T00:00:00Z");
    for (int i = 0; i < n; ++i) {
        auto c = testing::AComplaint("s" + std::to_string(i), "d");
        c.tenant = core::kDefaultTenant;
        c.milestones.received_at = base - std::chrono::hours(1);
        c.resolution_due_at = base + std::chrono::minutes((i * 37) % n);
        c.classification.category = i % 3 == 0 ? "物流" : "质量";
        c.assignee = i % 4 == 0 ? "li" : "";
        c.status = i % 5 == 4 ? Status::kResolved : i % 2 ? Status::kInProgress : Status::kAssigned;
        auto created = store.Create({c, {}, {}});
        EXPECT_TRUE(created) << created.error().message;
        if (!created) return filed;
        filed.push_back(*created);
    }
    return filed;
}

// Every page of a due-ordered list, concatenated.
std::vector<std::int64_t> AllPages(SqliteComplaintStore& store, core::ports::ComplaintQuery query) {
    std::vector<std::int64_t> ids;
    query.sort = core::ports::SortOrder::kDueAsc;
    query.limit = 3;
    for (int guard = 0; guard < 1000; ++guard) {
        auto page = store.List(core::kDefaultTenant, query);
        EXPECT_TRUE(page) << page.error().message;
        if (!page) break;
        for (const auto& c : page->items) ids.push_back(c.id.value);
        if (!page->next) break;
        query.after = page->next;
    }
    return ids;
}

// What the due order must give: the matching complaints sorted by (resolution due, id).
std::vector<std::int64_t> Expected(std::vector<core::complaint::Complaint> all,
                                   const std::function<bool(const core::complaint::Complaint&)>& keep) {
    std::erase_if(all, [&](const auto& c) { return !keep(c); });
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return std::pair{*a.resolution_due_at, a.id.value} < std::pair{*b.resolution_due_at, b.id.value};
    });
    std::vector<std::int64_t> ids;
    for (const auto& c : all) ids.push_back(c.id.value);
    return ids;
}

TEST(DueOrderedLists, FollowEveryWriteAndMergeOpenWithResolved) {
    auto path = FreshDatabasePath();
    auto store = SqliteComplaintStore::Open(path, Options());
    ASSERT_TRUE(store);
    auto filed = FileSome(**store, 40);
    EXPECT_EQ(AllPages(**store, {}), Expected(filed, [](const auto&) { return true; }));
    core::ports::ComplaintQuery open;
    open.statuses = {Status::kAssigned, Status::kInProgress};
    EXPECT_EQ(AllPages(**store, open), Expected(filed, [](const auto& c) { return c.status != Status::kResolved; }));
    core::ports::ComplaintQuery mine = open;
    mine.assignee = "li";
    EXPECT_EQ(AllPages(**store, mine), Expected(filed, [](const auto& c) {
                  return c.status != Status::kResolved && c.assignee == "li";
              }));
    core::ports::ComplaintQuery logistics = open;
    logistics.category = "物流";
    EXPECT_EQ(AllPages(**store, logistics), Expected(filed, [](const auto& c) {
                  return c.status != Status::kResolved && c.classification.category == "物流";
              }));

    // An update moves a complaint, a resolution takes it out of the open order, a deletion removes it.
    auto moved = filed[1];
    moved.resolution_due_at = *core::ParseIso8601("2020-01-01T00:00:00Z");
    auto stored = (*store)->Update({moved, moved.version, {}, std::nullopt, false});
    ASSERT_TRUE(stored) << stored.error().message;
    filed[1] = stored->complaint;
    auto resolved = filed[2];
    resolved.status = Status::kResolved;
    stored = (*store)->Update({resolved, resolved.version, {}, std::nullopt, false});
    ASSERT_TRUE(stored);
    filed[2] = stored->complaint;
    ASSERT_TRUE((*store)->Delete(core::kDefaultTenant, filed[3].id, testing::AnActor()));
    filed.erase(filed.begin() + 3);
    auto open_ids = AllPages(**store, open);
    EXPECT_EQ(open_ids.front(), filed[1].id.value);
    EXPECT_EQ(open_ids, Expected(filed, [](const auto& c) { return c.status != Status::kResolved; }));
    EXPECT_EQ(AllPages(**store, {}), Expected(filed, [](const auto&) { return true; }));

    // An update that fails (a stale version among all-or-none updates) leaves the order as it was.
    auto first = filed[0];
    first.resolution_due_at = *core::ParseIso8601("2019-01-01T00:00:00Z");
    auto stale = filed[4];
    auto failed = (*store)->UpdateAll({{first, first.version, {}, std::nullopt, false},
                                       {stale, stale.version + 7, {}, std::nullopt, false}});
    EXPECT_FALSE(failed);
    EXPECT_EQ(AllPages(**store, open), open_ids);
}

TEST(DueOrderedLists, SeeComplaintsAnotherProcessWrote) {
    auto path = FreshDatabasePath();
    auto server = SqliteComplaintStore::Open(path, Options());
    ASSERT_TRUE(server);
    auto filed = FileSome(**server, 10);
    core::ports::ComplaintQuery open;
    open.statuses = {Status::kAssigned, Status::kInProgress};
    ASSERT_EQ(AllPages(**server, open).size(), 8u);
    {
        // Another store on the same file (as `heed import` would be) files more and moves one.
        auto other = SqliteComplaintStore::Open(path, Options());
        ASSERT_TRUE(other);
        auto more = FileSome(**other, 10);
        filed.insert(filed.end(), more.begin(), more.end());
        auto moved = filed[5];
        moved.resolution_due_at = *core::ParseIso8601("2020-01-01T00:00:00Z");
        auto stored = (*other)->Update({moved, moved.version, {}, std::nullopt, false});
        ASSERT_TRUE(stored);
        filed[5] = stored->complaint;
    }
    const auto expected = Expected(filed, [](const auto& c) { return c.status != Status::kResolved; });
    // The first list notices the other writer's generation, answers by SQL and has the writer rebuild the order.
    auto ids = AllPages(**server, open);
    EXPECT_EQ(ids, expected);
    EXPECT_EQ(ids.front(), filed[5].id.value);
    for (int i = 0; i < 200 && (*server)->due_order_size() != expected.size(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ((*server)->due_order_size(), expected.size());
    EXPECT_EQ(AllPages(**server, open), expected);
    // The server's own writes go on from the rebuilt order.
    auto more = FileSome(**server, 5);
    filed.insert(filed.end(), more.begin(), more.end());
    EXPECT_EQ(AllPages(**server, open), Expected(filed, [](const auto& c) { return c.status != Status::kResolved; }));
}

}  // namespace
}  // namespace sqlite
}  // namespace heed::storage
