// The SLA state as a column of `complaints` (migration 16): a database of the previous schema gets it filled from
// the documents when it opens, and the "due soon" and "breached" queues are read along their own index.

#include <gtest/gtest.h>

#include <map>

#include "core/services/complaint_service.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/due_order.hpp"
#include "storage/sqlite/list_query.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_crypto.hpp"

namespace heed::storage {

std::string FreshDatabasePath();  // sqlite_store_test.cpp: a new file in a directory removed at exit

namespace sqlite {
namespace {

using core::workflow::Status;

const core::ports::SystemClock kSlaColumnClock;

StoreOptions Options() {
    return {.readers = 2, .max_batch = 64, .mac = testing::FakeCrypto::TestMac, .clock = &kSlaColumnClock};
}

// The state column and the document's state of every complaint, by subject.
std::map<std::string, std::pair<std::string, std::string>> StatesOf(const std::string& path) {
    auto db = Connection::Open(path, true);
    EXPECT_TRUE(db);
    auto s = (*db)->Prepare(
        "SELECT subject, sla_state, coalesce(json_extract(doc, '$.sla.state'), '') FROM complaints ORDER BY id");
    EXPECT_TRUE(s) << s.error().message;
    std::map<std::string, std::pair<std::string, std::string>> states;
    while (*(*s)->Step()) states[(*s)->Text(0)] = {(*s)->Text(1), (*s)->Text(2)};
    return states;
}

// Files one complaint per state (none for the last), each then updated to its state as the SLA would.
void FileComplaintsInEveryState(SqliteComplaintStore& store) {
    testing::FakeClock clock(*core::ParseIso8601("2024-05-10T02:00:00Z"));
    core::services::ComplaintService service(store, clock);
    const std::vector<std::string> states{"warning", "breached", "running", "paused", "met", "stopped", ""};
    for (std::size_t i = 0; i < states.size(); ++i) {
        auto filed = service.File(testing::AnActor(), testing::AComplaint("s" + std::to_string(i), "d"));
        ASSERT_TRUE(filed) << filed.error().message;
        auto changed = *filed;
        changed.status = i % 2 ? Status::kInProgress : Status::kAssigned;
        changed.sla.policy = "general";
        changed.sla.state = states[i];
        changed.resolution_due_at = *core::ParseIso8601("2024-05-11T00:00:00Z") + std::chrono::hours(10 - i);
        core::workflow::Event event{{}, core::kDefaultTenant, filed->id, clock.Now(), "system",
                                    core::workflow::Role::kSystem, core::workflow::EventKind::kSlaWarning,
                                    "resolution", "", "", ""};
        ASSERT_TRUE(store.Update({changed, filed->version, {event}, std::nullopt, false}));
        clock.Advance(std::chrono::minutes(1));
    }
}

TEST(SlaStateColumn, EveryWriteKeepsTheColumnEqualToTheDocument) {
    auto path = FreshDatabasePath();
    {
        auto store = SqliteComplaintStore::Open(path, Options());
        ASSERT_TRUE(store);
        FileComplaintsInEveryState(**store);
    }
    auto states = StatesOf(path);
    ASSERT_EQ(states.size(), 7u);
    for (const auto& [subject, state] : states) {
        EXPECT_EQ(state.first, state.second.empty() ? "inactive" : state.second) << subject;
    }
    EXPECT_EQ(states["s6"].first, "inactive");
}

TEST(SlaStateColumn, ADatabaseOfThePreviousSchemaGetsTheColumnFilledFromTheDocuments) {
    auto path = FreshDatabasePath();
    {
        auto store = SqliteComplaintStore::Open(path, Options());
        ASSERT_TRUE(store);
        FileComplaintsInEveryState(**store);
    }
    {
        // Back to schema 15 exactly: without migration 20's tables, migration 19's indexes and table, with the due-time indexes it
        // dropped, the full-text insert trigger migration 17 dropped, and without the columns of migrations 16 and 18 (the
        // rows written by this heed, whose documents hold their states as every earlier version wrote them).
        auto db = Connection::Open(path, false);
        ASSERT_TRUE(db);
        ASSERT_EQ(LatestSchemaVersion(), 21);
        auto reverted = (*db)->Execute(
            "DROP TABLE complaint_sla; DROP TABLE sla_checks; DROP TABLE sla_inputs; DROP TABLE sla_inputs_complete; "
            "CREATE INDEX complaints_sla_check ON complaints (sla_check_at) WHERE sla_check_at IS NOT NULL; "
            "DROP INDEX complaints_closed_sla_due; DROP INDEX complaints_closed_due; "
            "DROP INDEX complaints_assignee_status; DROP TABLE store_generation; "
            "CREATE INDEX complaints_status_due ON complaints (tenant_id, status, due_key, id); "
            "CREATE INDEX complaints_assignee_due ON complaints (tenant_id, assignee, due_key, id); "
            "CREATE INDEX complaints_assignee_status_due ON complaints (tenant_id, assignee, status, due_key, id); "
            "ALTER TABLE complaints DROP COLUMN sla_state; "
            "ALTER TABLE complaint_triage DROP COLUMN number; "
            "CREATE TRIGGER complaints_fts_insert AFTER INSERT ON complaints BEGIN INSERT INTO complaints_fts "
            "(rowid, subject, description) VALUES (new.id, new.subject, new.description); END; "
            "PRAGMA user_version = 15");
        ASSERT_TRUE(reverted) << reverted.error().message;
    }
    auto store = SqliteComplaintStore::Open(path, Options());
    ASSERT_TRUE(store) << store.error().message;
    for (const auto& [subject, state] : StatesOf(path)) {
        EXPECT_EQ(state.first, state.second.empty() ? "inactive" : state.second) << subject;
    }
    core::ports::ComplaintQuery query;
    query.statuses = {Status::kAssigned, Status::kInProgress};
    query.sla_states = {"warning"};
    query.sort = core::ports::SortOrder::kDueAsc;
    auto warning = (*store)->List(core::kDefaultTenant, query);
    ASSERT_TRUE(warning) << warning.error().message;
    ASSERT_EQ(warning->items.size(), 1u);
    EXPECT_EQ(warning->items[0].subject, "s0");
    query.sla_states = {"breached"};
    EXPECT_EQ((*store)->List(core::kDefaultTenant, query)->items.at(0).subject, "s1");
    query.sla_states = {"inactive"};
    EXPECT_EQ((*store)->List(core::kDefaultTenant, query)->items.at(0).subject, "s6");
    // The audit chain still verifies: the column is derived from the document the records attest.
    auto report = (*store)->VerifyAudit();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok) << report->problem;
    EXPECT_EQ(*(*store)->CheckIntegrity(), "ok");
}

// The "Due soon" and "Breached" queues over solved and ended statuses (status "any") are ranges of the partial index
// complaints_closed_sla_due, one per status; their open part comes from the in-memory due order, and its candidates
// are checked by primary key — never a walk through a status's due order.
TEST(SlaStateColumn, TheDueSoonAndBreachedQueuesAreIndexRanges) {
    auto path = FreshDatabasePath();
    ASSERT_TRUE(SqliteComplaintStore::Open(path, Options()));
    auto db = Connection::Open(path, true);
    ASSERT_TRUE(db);
    auto plan_of = [&](const ListSql& sql) {
        auto plan = (*db)->Prepare("EXPLAIN QUERY PLAN " + sql.text);
        EXPECT_TRUE(plan) << plan.error().message;
        sql.BindTo(**plan);
        std::string detail;
        while (*(*plan)->Step()) detail += (*plan)->Text(3) + "\n";
        return detail;
    };
    for (const char* state : {"warning", "breached"}) {
        core::ports::ComplaintQuery query;
        query.statuses = {Status::kResolved, Status::kFollowUp, Status::kClosed};
        query.sla_states = {state};
        query.sort = core::ports::SortOrder::kDueAsc;
        query.scope = core::ports::ComplaintQuery::Scope{std::string("一线客服组"), std::nullopt, "agent"};
        query.after = core::ports::Cursor{1700000000000, core::ComplaintId{42}};
        std::string detail = plan_of(BuildListSql(core::kDefaultTenant, query));
        int ranges = 0;
        for (std::size_t at = 0; (at = detail.find("USING INDEX complaints_closed_sla_due (tenant_id=? AND sla_state=? "
                                                   "AND status=? AND due_key>?)",
                                                   at)) != std::string::npos;
             ++at) {
            ++ranges;
        }
        EXPECT_EQ(ranges, static_cast<int>(query.statuses.size())) << detail;
        EXPECT_EQ(detail.find("SCAN c"), std::string::npos) << detail;

        query.statuses = {Status::kNew, Status::kAssigned, Status::kInProgress, Status::kWaitingCustomer};
        std::string check = plan_of(BuildCheckSql(core::kDefaultTenant, query, query.statuses, {3, 5, 8}));
        EXPECT_NE(check.find("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"), std::string::npos) << check;
        EXPECT_EQ(check.find("SCAN c"), std::string::npos) << check;
    }
}


// Migration 21 names the tenant on the rows of new SLA values: a schema-20 database keeps the values its rows hold,
// and values set again over them are checked against those rows alone — for the complaint's version and tenant only.
TEST(SlaStateColumn, RowsOfNewSlaValuesFromSchema20GetTheirTenant) {
    auto path = FreshDatabasePath();
    core::complaint::Complaint open;
    const auto due = *core::ParseIso8601("2024-05-12T00:00:00Z");
    {
        auto store = SqliteComplaintStore::Open(path, Options());
        ASSERT_TRUE(store) << store.error().message;
        FileComplaintsInEveryState(**store);
        open = (*store)->Get(core::kDefaultTenant, core::ComplaintId{1}).value();
        ASSERT_TRUE(DueOrder::Holds(open.status));
        open.resolution_due_at = due;
        std::vector<core::ports::SlaValuesUpdate> one{{open, open.version}};
        ASSERT_TRUE((*store)->SetSlaValues(std::move(one))[0]);
    }
    {
        auto db = Connection::Open(path, false);
        ASSERT_TRUE(db);
        ASSERT_EQ(LatestSchemaVersion(), 21);
        auto reverted = (*db)->Execute("ALTER TABLE complaint_sla DROP COLUMN tenant_id; PRAGMA user_version = 20");
        ASSERT_TRUE(reverted) << reverted.error().message;
    }
    auto store = SqliteComplaintStore::Open(path, Options());
    ASSERT_TRUE(store) << store.error().message;
    {
        auto db = Connection::Open(path, true);
        ASSERT_TRUE(db);
        auto s = (*db)->Prepare("SELECT tenant_id FROM complaint_sla WHERE complaint_id = 1");
        ASSERT_TRUE(s);
        ASSERT_TRUE(*(*s)->Step());
        EXPECT_EQ((*s)->Int(0), core::kDefaultTenant.value);
    }
    EXPECT_EQ((*store)->Get(core::kDefaultTenant, open.id)->resolution_due_at, due);
    auto moved = open;
    *moved.resolution_due_at += std::chrono::hours(1);
    std::vector<core::ports::SlaValuesUpdate> again{{moved, open.version}};
    ASSERT_TRUE((*store)->SetSlaValues(std::move(again))[0]);
    EXPECT_EQ((*store)->Get(core::kDefaultTenant, open.id)->resolution_due_at, moved.resolution_due_at);
    auto foreign = moved;
    foreign.tenant = core::TenantId{core::kDefaultTenant.value + 1};
    std::vector<core::ports::SlaValuesUpdate> other{{foreign, open.version}};
    EXPECT_EQ((*store)->SetSlaValues(std::move(other))[0].error().code, core::ErrorCode::kNotFound);
    std::vector<core::ports::SlaValuesUpdate> stale{{moved, open.version - 1}};
    EXPECT_EQ((*store)->SetSlaValues(std::move(stale))[0].error().code, core::ErrorCode::kConflict);
    EXPECT_EQ((*store)->Get(core::kDefaultTenant, open.id)->resolution_due_at, moved.resolution_due_at);
}

}  // namespace
}  // namespace sqlite
}  // namespace heed::storage
