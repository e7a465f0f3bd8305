#pragma once
// The one contract every ComplaintStore backend passes. A backend's test instantiates it with a factory:
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, ComplaintStoreContract, SqliteFactory);
// where the factory type has `static std::unique_ptr<core::ports::ComplaintStore> Make();` returning an empty store.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>
#include <thread>

#include "core/ports/complaint_store.hpp"
#include "core/services/complaint_service.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"

namespace heed::storage::contract {

template <typename Factory>
class ComplaintStoreContract : public ::testing::Test {
protected:
    ComplaintStoreContract()
        : store_(Factory::Make()), clock_(*core::ParseIso8601("2024-05-10T02:00:00Z")), service_(*store_, clock_) {}

    core::complaint::Complaint File(std::string subject, std::string description,
                                    core::TenantId tenant = core::kDefaultTenant) {
        auto filed = service_.File(testing::AnActor(core::workflow::Role::kAgent, tenant),
                                   testing::AComplaint(std::move(subject), std::move(description)));
        EXPECT_TRUE(filed) << (filed ? "" : filed.error().message);
        clock_.Advance(std::chrono::minutes(1));
        return *filed;
    }

    std::vector<std::string> Subjects(const core::ports::ComplaintQuery& query,
                                      core::TenantId tenant = core::kDefaultTenant) {
        auto page = store_->List(tenant, query);
        EXPECT_TRUE(page) << (page ? "" : page.error().message);
        std::vector<std::string> subjects;
        for (const auto& c : page->items) subjects.push_back(c.subject);
        return subjects;
    }

    std::unique_ptr<core::ports::ComplaintStore> store_;
    testing::FakeClock clock_;
    core::services::ComplaintService service_;
};

TYPED_TEST_SUITE_P(ComplaintStoreContract);

TYPED_TEST_P(ComplaintStoreContract, NumbersComplaintsPerTenantAndMonth) {
    auto first = this->File("a", "first");
    auto second = this->File("b", "second");
    EXPECT_EQ(first.number, "TS202405000001");
    EXPECT_EQ(second.number, "TS202405000002");
    this->clock_.Set(*core::ParseIso8601("2024-06-01T00:00:00Z"));
    EXPECT_EQ(this->File("c", "third").number, "TS202406000001");
    EXPECT_EQ(first.version, 1);
    EXPECT_EQ(first.status, core::workflow::Status::kNew);
}

TYPED_TEST_P(ComplaintStoreContract, GetsWhatWasStoredFieldForField) {
    auto draft = testing::AComplaint();
    draft.amount_in_dispute = core::complaint::Money{12950, "CNY"};
    draft.classification.tags = {"投诉-物流延迟", "vip"};
    draft.classification.severity = 4;
    draft.classification.urgency = core::complaint::Urgency::kUrgent;
    draft.classification.risk_flags = {core::complaint::RiskFlag::kMedia};
    draft.attachments = {{"photo.jpg", "image/jpeg", "s3://evidence/1"}};
    draft.attributes = {{"Sub-product", "Other mortgage"}};
    draft.occurred_at = core::ParseIso8601("2024-05-01T00:00:00Z");
    auto filed = this->service_.File(testing::AnActor(), draft);
    ASSERT_TRUE(filed);
    auto got = this->store_->Get(core::kDefaultTenant, filed->id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->description, draft.description);
    EXPECT_EQ(got->customer.phone, "13812341234");
    EXPECT_EQ(got->amount_in_dispute, draft.amount_in_dispute);
    EXPECT_EQ(got->classification.tags, draft.classification.tags);
    EXPECT_EQ(got->classification.severity, 4);
    EXPECT_EQ(got->classification.urgency, core::complaint::Urgency::kUrgent);
    EXPECT_EQ(got->classification.risk_flags, draft.classification.risk_flags);
    EXPECT_EQ(got->attachments, draft.attachments);
    EXPECT_EQ(got->attributes, draft.attributes);
    EXPECT_EQ(got->occurred_at, draft.occurred_at);
    EXPECT_EQ(got->milestones.received_at, this->clock_.Now());
    EXPECT_EQ(got->milestones.acknowledged_at, this->clock_.Now());
    auto by_number = this->store_->GetByNumber(core::kDefaultTenant, filed->number);
    ASSERT_TRUE(by_number);
    EXPECT_EQ(by_number->id, filed->id);

    // Survey feedback is part of the stored record.
    EXPECT_EQ(got->feedback, core::complaint::Feedback{});
    auto answered = *got;
    answered.feedback = {4, 9, 2, core::ParseIso8601("2024-05-09T10:00:00Z")};
    core::workflow::Event event;
    event.tenant = core::kDefaultTenant;
    event.complaint = got->id;
    event.at = this->clock_.Now();
    event.kind = core::workflow::EventKind::kSurvey;
    event.field = "answered";
    auto updated = this->store_->Update({answered, got->version, {event}, std::nullopt, false});
    ASSERT_TRUE(updated);
    auto reread = this->store_->Get(core::kDefaultTenant, filed->id);
    ASSERT_TRUE(reread);
    EXPECT_EQ(reread->feedback, answered.feedback);
}

TYPED_TEST_P(ComplaintStoreContract, RecordsCreatedAndAcknowledgedEvents) {
    auto filed = this->File("a", "b");
    auto events = this->store_->Events(core::kDefaultTenant, filed.id);
    ASSERT_TRUE(events);
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ((*events)[0].kind, core::workflow::EventKind::kCreated);
    EXPECT_EQ((*events)[0].after, filed.number);
    EXPECT_EQ((*events)[1].kind, core::workflow::EventKind::kAcknowledged);
    EXPECT_EQ((*events)[0].complaint, filed.id);
}

TYPED_TEST_P(ComplaintStoreContract, StaleVersionIsAConflictAndChangesNothing) {
    auto filed = this->File("a", "b");
    core::complaint::ComplaintPatch patch;
    patch.category = "服务态度";
    auto updated = this->service_.Update(testing::AnActor(), filed.id, 1, patch);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->version, 2);
    patch.category = "价格争议";
    auto stale = this->service_.Update(testing::AnActor(), filed.id, 1, patch);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, core::ErrorCode::kConflict);
    auto stored = this->store_->Get(core::kDefaultTenant, filed.id);
    EXPECT_EQ(stored->classification.category, "服务态度");
    EXPECT_EQ(stored->classification.field_sources.at("category"), core::complaint::FieldSource::kPerson);
    auto events = this->store_->Events(core::kDefaultTenant, filed.id);
    ASSERT_EQ(events->size(), 3u);
    EXPECT_EQ(events->back().field, "category");
    EXPECT_EQ(events->back().before, "物流配送");
    EXPECT_EQ(events->back().after, "服务态度");
}

TYPED_TEST_P(ComplaintStoreContract, AnotherTenantSeesNothing) {
    auto filed = this->File("a", "物流很慢");
    core::TenantId other{2};
    EXPECT_EQ(this->store_->Get(other, filed.id).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(this->store_->Events(other, filed.id).error().code, core::ErrorCode::kNotFound);
    EXPECT_TRUE(this->Subjects({}, other).empty());
    core::ports::ComplaintQuery text;
    text.text = "物流";
    EXPECT_TRUE(this->Subjects(text, other).empty());
    EXPECT_EQ(this->Subjects(text).size(), 1u);
    EXPECT_EQ(*this->store_->Count(other), 0);
}

TYPED_TEST_P(ComplaintStoreContract, FindsTwoCharacterChineseTermsAndEnglishWords) {
    this->File("物流太慢", "包裹一周没到");
    this->File("申请退款", "商品有质量问题，要求退款");
    this->File("客服态度差", "电话里语气很不耐烦");
    this->File("Refund not received", "I was promised a refund two weeks ago");
    core::ports::ComplaintQuery query;
    query.text = "物流";
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"物流太慢"});
    query.text = "退款";
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"申请退款"});
    query.text = "态度";
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"客服态度差"});
    query.text = "refund";
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"Refund not received"});
    query.text = "refund weeks";
    EXPECT_EQ(this->Subjects(query).size(), 1u);
    query.text = "refund 物流";
    EXPECT_TRUE(this->Subjects(query).empty());
}

TYPED_TEST_P(ComplaintStoreContract, PagesThroughEverythingOnceWithACursor) {
    std::set<std::string> filed;
    for (int i = 0; i < 23; ++i) filed.insert(this->File("s" + std::to_string(i), "d").number);
    // Half of them are triaged, so the two-status query below merges two ranges.
    int n = 0;
    for (const auto& number : filed) {
        auto c = this->store_->GetByNumber(core::kDefaultTenant, number);
        if (n++ % 2 == 0) {
            ASSERT_TRUE(this->service_.Transition(testing::AnActor(), c->id, std::nullopt,
                                                  core::workflow::Status::kTriaged, {}));
        }
    }
    for (int shape = 0; shape < 6; ++shape) {
        auto sort = std::array{core::ports::SortOrder::kReceivedDesc, core::ports::SortOrder::kReceivedAsc,
                               core::ports::SortOrder::kDueAsc}[shape % 3];
        core::ports::ComplaintQuery query;
        query.limit = 5;
        query.sort = sort;
        if (shape >= 3) query.statuses = {core::workflow::Status::kNew, core::workflow::Status::kTriaged};
        std::set<std::string> seen;
        std::vector<std::int64_t> received;
        for (int pages = 0; pages < 10; ++pages) {
            auto page = this->store_->List(core::kDefaultTenant, query);
            ASSERT_TRUE(page);
            for (const auto& c : page->items) {
                EXPECT_TRUE(seen.insert(c.number).second) << "seen twice: " << c.number;
                received.push_back(core::ToMillis(c.milestones.received_at));
            }
            if (!page->next) break;
            query.after = page->next;
        }
        EXPECT_EQ(seen, filed);
        if (sort == core::ports::SortOrder::kReceivedDesc) {
            EXPECT_TRUE(std::is_sorted(received.rbegin(), received.rend()));
        } else if (sort == core::ports::SortOrder::kReceivedAsc) {
            EXPECT_TRUE(std::is_sorted(received.begin(), received.end()));
        }
    }
}

TYPED_TEST_P(ComplaintStoreContract, FiltersByStatusAssigneeChannelAndTime) {
    auto a = this->File("a", "d");
    auto b = this->File("b", "d");
    this->File("c", "d");
    auto moved = this->service_.Transition(testing::AnActor(core::workflow::Role::kTeamLead), a.id, std::nullopt,
                                           core::workflow::Status::kAssigned, {.assignee = "wang"});
    ASSERT_TRUE(moved) << moved.error().message;
    core::ports::ComplaintQuery query;
    query.statuses = {core::workflow::Status::kAssigned};
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"a"});
    query = {};
    query.assignee = "wang";
    query.sort = core::ports::SortOrder::kDueAsc;
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"a"});
    query = {};
    query.statuses = {core::workflow::Status::kNew, core::workflow::Status::kAssigned};
    EXPECT_EQ(this->Subjects(query).size(), 3u);
    query = {};
    query.received_from = b.milestones.received_at;
    query.sort = core::ports::SortOrder::kReceivedAsc;
    EXPECT_EQ(this->Subjects(query), (std::vector<std::string>{"b", "c"}));
    query = {};
    query.channel = core::complaint::Channel::kPhone;
    EXPECT_TRUE(this->Subjects(query).empty());
    query.channel = core::complaint::Channel::kWeb;
    EXPECT_EQ(this->Subjects(query).size(), 3u);
}

TYPED_TEST_P(ComplaintStoreContract, MessagesAreStoredWithAnEventAndSetFirstResponse) {
    auto filed = this->File("a", "b");
    core::workflow::Actor customer{core::kDefaultTenant, "customer:" + filed.number, core::workflow::Role::kCustomer, {}};
    auto inbound = this->service_.AddMessage(customer, filed.id, core::complaint::Direction::kInbound, "还没解决吗？");
    ASSERT_TRUE(inbound);
    auto outbound = this->service_.AddMessage(testing::AnActor(core::workflow::Role::kAgent), filed.id,
                                              core::complaint::Direction::kOutbound, "您好，我们正在处理。");
    ASSERT_TRUE(outbound);
    EXPECT_TRUE(outbound->id.valid());
    auto stored = this->store_->Get(core::kDefaultTenant, filed.id);
    EXPECT_EQ(stored->milestones.first_response_at, this->clock_.Now());
    auto messages = this->store_->Messages(core::kDefaultTenant, filed.id);
    ASSERT_EQ(messages->size(), 2u);
    EXPECT_EQ((*messages)[1].body, "您好，我们正在处理。");
    auto events = this->store_->Events(core::kDefaultTenant, filed.id);
    EXPECT_EQ(std::count_if(events->begin(), events->end(),
                            [](const auto& e) { return e.kind == core::workflow::EventKind::kMessageAdded; }),
              2);
}

TYPED_TEST_P(ComplaintStoreContract, DuplicateSourceRefIsRefusedAlone) {
    std::vector<core::ports::NewComplaint> batch(3);
    for (int i = 0; i < 3; ++i) {
        batch[i].complaint = testing::AComplaint("s" + std::to_string(i), "d");
        batch[i].complaint.source_ref = i == 2 ? "cfpb-1" : "cfpb-" + std::to_string(i);
    }
    auto results = this->service_.FileMany(testing::AnActor(), std::move(batch));
    ASSERT_EQ(results.size(), 3u);
    EXPECT_TRUE(results[0]);
    EXPECT_TRUE(results[1]);
    ASSERT_FALSE(results[2]);
    EXPECT_EQ(results[2].error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(*this->store_->Count(core::kDefaultTenant), 2);
}

TYPED_TEST_P(ComplaintStoreContract, ConcurrentIntakeGetsDistinctNumbers) {
    constexpr int kThreads = 8;
    constexpr int kEach = 25;
    std::vector<std::thread> threads;
    std::mutex mutex;
    std::set<std::string> numbers;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kEach; ++i) {
                auto filed = this->service_.File(testing::AnActor(), testing::AComplaint());
                ASSERT_TRUE(filed);
                std::lock_guard lock(mutex);
                numbers.insert(filed->number);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kThreads * kEach));
    EXPECT_EQ(*this->store_->Count(core::kDefaultTenant), kThreads * kEach);
}

TYPED_TEST_P(ComplaintStoreContract, CountsOpenComplaintsPerAssignee) {
    using core::workflow::Status;
    auto manager = testing::AnActor();
    auto assign = [&](const std::string& assignee, core::TenantId tenant = core::kDefaultTenant) {
        auto c = this->File("s", "d", tenant);
        auto moved = this->service_.Transition(testing::AnActor(core::workflow::Role::kManager, tenant), c.id,
                                               std::nullopt, Status::kAssigned, {.assignee = assignee});
        EXPECT_TRUE(moved) << (moved ? "" : moved.error().message);
        return c.id;
    };
    assign("amy");
    assign("amy");
    auto waiting = assign("amy");
    ASSERT_TRUE(this->service_.Transition(manager, waiting, std::nullopt, Status::kInProgress, {}));
    ASSERT_TRUE(this->service_.Transition(manager, waiting, std::nullopt, Status::kWaitingCustomer, {}));  // paused: counts
    auto resolved = assign("amy");
    ASSERT_TRUE(this->service_.Transition(manager, resolved, std::nullopt, Status::kInProgress, {}));
    ASSERT_TRUE(this->service_.Transition(manager, resolved, std::nullopt, Status::kResolved,
                                          {.resolution_summary = "done"}));  // solved: does not count
    assign("bob");
    this->File("unassigned", "d");
    auto counts = this->store_->OpenCountsByAssignee(core::kDefaultTenant, {"amy", "bob", "cat", "amy"});
    ASSERT_TRUE(counts) << counts.error().message;
    EXPECT_EQ(*counts, (std::map<std::string, std::int64_t>{{"amy", 3}, {"bob", 1}}));
    auto none = this->store_->OpenCountsByAssignee(core::TenantId{2}, {"amy", "bob"});
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

TYPED_TEST_P(ComplaintStoreContract, KeepsCompensationTotalsByCurrency) {
    auto filed = this->File("s", "d");
    EXPECT_TRUE(filed.compensation_totals.empty());
    auto changed = filed;
    changed.compensation_totals["CNY"] = {150000, 50000, 20000, 80000};
    changed.compensation_totals["USD"] = {999, 0, 0, 999};
    core::workflow::Event event{{}, core::kDefaultTenant, filed.id, this->clock_.Now(), "amy",
                                core::workflow::Role::kAgent, core::workflow::EventKind::kCompensation,
                                "requested", "", "1", "refund"};
    ASSERT_TRUE(this->store_->Update({changed, filed.version, {event}, std::nullopt, false}));
    auto reread = this->store_->Get(core::kDefaultTenant, filed.id);
    ASSERT_TRUE(reread);
    EXPECT_EQ(reread->compensation_totals, changed.compensation_totals);
}

TYPED_TEST_P(ComplaintStoreContract, FiltersBySlaState) {
    auto a = this->File("a", "d");
    auto b = this->File("b", "d");
    auto c = this->File("c", "d");
    auto set_state = [this](const core::complaint::Complaint& filed, std::string state) {
        auto changed = filed;
        changed.sla.policy = "general";
        changed.sla.state = std::move(state);
        core::workflow::Event event{{}, core::kDefaultTenant, filed.id, this->clock_.Now(), "system",
                                    core::workflow::Role::kSystem, core::workflow::EventKind::kSlaBreached,
                                    "resolution", "", "", ""};
        ASSERT_TRUE(this->store_->Update({changed, filed.version, {event}, std::nullopt, false}));
    };
    set_state(a, "breached");
    set_state(b, "warning");
    core::ports::ComplaintQuery query;
    query.sla_states = {"breached"};
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"a"});
    query.sla_states = {"warning", "breached"};
    query.sort = core::ports::SortOrder::kDueAsc;
    auto both = this->Subjects(query);
    std::sort(both.begin(), both.end());
    EXPECT_EQ(both, (std::vector<std::string>{"a", "b"}));
    query.statuses = {core::workflow::Status::kNew, core::workflow::Status::kAssigned};
    EXPECT_EQ(this->Subjects(query).size(), 2u);
    query.sla_states = {"paused"};
    EXPECT_TRUE(this->Subjects(query).empty());
    query = {};
    query.sla_states = {"inactive"};  // no SLA state stored reads as inactive, as in the API
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{c.subject});
    query = {};
    EXPECT_EQ(this->Subjects(query).size(), 3u);
}

// The "due soon" and "breached" queues: one SLA state over several statuses in due order, paged, and following
// every kind of write that sets the state (intake, a single update, the SLA recomputation's bulk update).
TYPED_TEST_P(ComplaintStoreContract, SlaStateQueuesPageInDueOrderAndFollowEveryWrite) {
    using core::workflow::Status;
    const auto base = *core::ParseIso8601("2024-05-12T00:00:00Z");
    auto due = [&base](int hours) { return base + std::chrono::hours(hours); };
    auto event = [this](const core::complaint::Complaint& c) {
        return core::workflow::Event{{}, c.tenant, c.id, this->clock_.Now(), "system",
                                     core::workflow::Role::kSystem, core::workflow::EventKind::kSlaWarning,
                                     "resolution", "", "", ""};
    };
    // Filed with its state already set, as a bulk load (import, demo) files a played-through complaint.
    auto file_with = [&](std::string subject, std::string state, int hours, Status status) {
        core::ports::NewComplaint input;
        input.complaint = testing::AComplaint(std::move(subject), "d");
        input.complaint.tenant = core::kDefaultTenant;
        input.complaint.milestones.received_at = this->clock_.Now();
        input.complaint.updated_at = this->clock_.Now();
        input.complaint.status = status;
        input.complaint.sla.policy = "general";
        input.complaint.sla.state = std::move(state);
        input.complaint.resolution_due_at = due(hours);
        input.events.push_back(event(input.complaint));
        std::vector<core::ports::NewComplaint> one;
        one.push_back(std::move(input));
        auto results = this->store_->CreateMany(std::move(one));
        EXPECT_EQ(results.size(), 1u);
        EXPECT_TRUE(results[0]) << results[0].error().message;
        return *results[0];
    };
    auto set = [&](core::complaint::Complaint c, std::string state, int hours) {
        c.sla.policy = "general";
        c.sla.state = std::move(state);
        c.resolution_due_at = due(hours);
        auto updated = this->store_->Update({c, c.version, {event(c)}, std::nullopt, false});
        EXPECT_TRUE(updated) << updated.error().message;
        return updated->complaint;
    };
    auto w0 = set(this->File("w0", "d"), "warning", 5);
    auto w1 = file_with("w1", "warning", 1, Status::kInProgress);
    auto b2 = file_with("b2", "breached", -3, Status::kAssigned);
    auto w3 = this->File("w3", "d");
    auto r4 = file_with("r4", "running", 2, Status::kAssigned);
    this->File("i5", "d");
    {  // w0 and w3 to assigned; w3 to warning through the recomputation's bulk update, as the sweeper writes it
        for (auto* c : {&w0, &w3}) {
            auto moved = *c;
            moved.status = Status::kAssigned;
            auto updated = this->store_->Update({moved, moved.version, {event(moved)}, std::nullopt, false});
            ASSERT_TRUE(updated);
            *c = updated->complaint;
        }
        auto recomputed = w3;
        recomputed.sla.policy = "general";
        recomputed.sla.state = "warning";
        recomputed.resolution_due_at = due(3);
        std::vector<core::ports::ComplaintUpdate> updates;
        updates.push_back({recomputed, recomputed.version, {event(recomputed)}, std::nullopt, false, {}, true});
        auto results = this->store_->UpdateMany(std::move(updates));
        ASSERT_EQ(results.size(), 1u);
        ASSERT_TRUE(results[0]) << results[0].error().message;
        w3 = results[0]->complaint;
    }
    auto queue = [this](std::string state, int limit) {
        core::ports::ComplaintQuery query;
        query.statuses = {Status::kAssigned, Status::kInProgress, Status::kNew};
        query.sla_states = {std::move(state)};
        query.sort = core::ports::SortOrder::kDueAsc;
        query.limit = limit;
        std::vector<std::string> subjects;
        for (int pages = 0; pages < 10; ++pages) {
            auto page = this->store_->List(core::kDefaultTenant, query);
            EXPECT_TRUE(page);
            for (const auto& c : page->items) subjects.push_back(c.subject);
            if (!page->next) break;
            query.after = page->next;
        }
        return subjects;
    };
    using Subjects = std::vector<std::string>;
    EXPECT_EQ(queue("warning", 2), (Subjects{"w1", "w3", "w0"}));
    EXPECT_EQ(queue("breached", 2), (Subjects{"b2"}));
    EXPECT_EQ(queue("running", 2), (Subjects{"r4"}));
    EXPECT_EQ(queue("inactive", 2), (Subjects{"i5"}));
    EXPECT_TRUE(queue("paused", 2).empty());

    // The sweeper's breach of w1 moves it from one queue to the other; b2 met and resolved leaves both.
    set(w1, "breached", 1);
    auto met = b2;
    met.status = Status::kResolved;
    set(met, "met", -3);
    EXPECT_EQ(queue("warning", 1), (Subjects{"w3", "w0"}));
    EXPECT_EQ(queue("breached", 1), (Subjects{"w1"}));
    // A state cleared (no SLA any more) reads as inactive, as the API shows it.
    set(r4, "", 2);
    EXPECT_EQ(queue("inactive", 5), (Subjects{"r4", "i5"}));
    EXPECT_TRUE(queue("running", 5).empty());
    // Several states at once, and a state no complaint can have.
    core::ports::ComplaintQuery both;
    both.sla_states = {"warning", "breached"};
    both.sort = core::ports::SortOrder::kDueAsc;
    EXPECT_EQ(this->Subjects(both), (Subjects{"w1", "w3", "w0"}));
    both.sla_states = {"nonsense'); DROP TABLE complaints; --"};
    EXPECT_TRUE(this->Subjects(both).empty());
    EXPECT_EQ(this->Subjects({}).size(), 6u);
}

// An SLA-only update (the recomputation's and the sweeper's) may move the SLA's fields and the owner, nothing else:
// one that changes more is refused whole, so a store may write only the SLA's columns for it.
TYPED_TEST_P(ComplaintStoreContract, AnSlaOnlyUpdateThatChangesMoreIsRefusedAndChangesNothing) {
    auto filed = this->File("s", "d");
    auto event = core::workflow::Event{{}, filed.tenant, filed.id, this->clock_.Now(), "system",
                                       core::workflow::Role::kSystem, core::workflow::EventKind::kSlaWarning,
                                       "resolution", "", "", ""};
    auto next = filed;
    next.sla.state = "warning";
    next.resolution_due_at = *core::ParseIso8601("2024-05-12T02:00:00Z");
    next.assignee = "lead";  // an escalation's new owner: allowed
    for (int field = 0; field < 6; ++field) {
        auto wrong = next;
        switch (field) {
            case 0: wrong.status = core::workflow::Status::kAssigned; break;
            case 1: wrong.channel = core::complaint::Channel::kPhone; break;
            case 2: wrong.service_type = core::complaint::ServiceType::kSuggestion; break;
            case 3: wrong.classification.category = "其他"; break;
            case 4: wrong.subject = "changed"; break;
            default: wrong.description = "changed"; break;
        }
        core::ports::ComplaintUpdate update{wrong, filed.version, {event}, std::nullopt, false, {}, true};
        auto refused = this->store_->Update(std::move(update));
        ASSERT_FALSE(refused) << field;
        EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument) << field;
        std::vector<core::ports::ComplaintUpdate> many;
        many.push_back({wrong, filed.version, {event}, std::nullopt, false, {}, true});
        auto results = this->store_->UpdateMany(std::move(many));
        ASSERT_EQ(results.size(), 1u);
        EXPECT_FALSE(results[0]) << field;
    }
    auto unchanged = this->store_->Get(core::kDefaultTenant, filed.id);
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->version, filed.version);
    EXPECT_EQ(unchanged->sla.state, "");
    auto events = this->store_->Events(core::kDefaultTenant, filed.id);
    ASSERT_TRUE(events);
    auto stored = this->store_->Update({next, filed.version, {event}, std::nullopt, false, {}, true});
    ASSERT_TRUE(stored) << stored.error().message;
    auto reread = this->store_->Get(core::kDefaultTenant, filed.id);
    EXPECT_EQ(reread->assignee, "lead");
    EXPECT_EQ(reread->sla.state, "warning");
    EXPECT_EQ(reread->resolution_due_at, next.resolution_due_at);
    EXPECT_EQ(reread->version, filed.version + 1);
    EXPECT_EQ(this->store_->Events(core::kDefaultTenant, filed.id)->size(), events->size() + 1);
}

TYPED_TEST_P(ComplaintStoreContract, UpdateManyStoresEachUpdateOnItsOwn) {
    auto a = this->File("a", "甲");
    auto b = this->File("b", "乙");
    auto c = this->File("c", "丙");
    auto due = *core::ParseIso8601("2024-05-12T02:00:00Z");
    auto change = [&](core::complaint::Complaint complaint, std::int64_t version, std::string assignee) {
        core::workflow::Event event{{}, complaint.tenant, complaint.id, this->clock_.Now(), "lead",
                                    core::workflow::Role::kTeamLead, core::workflow::EventKind::kFieldChanged,
                                    "assignee", complaint.assignee, assignee, {}};
        complaint.assignee = std::move(assignee);
        return core::ports::ComplaintUpdate{std::move(complaint), version, {event}, {}};
    };
    std::vector<core::ports::ComplaintUpdate> updates;
    updates.push_back(change(a, 1, "wangfang"));
    updates.push_back(change(b, 7, "lina"));  // stale
    auto sla = change(c, 1, "zhaolei");       // an SLA recomputation: due times and the owner move
    sla.complaint.resolution_due_at = due;
    sla.complaint.sla.state = "warning";
    sla.sla_only = true;
    updates.push_back(std::move(sla));
    auto missing = change(a, 1, "nobody");
    missing.complaint.id = core::ComplaintId{a.id.value + 1000};
    updates.push_back(std::move(missing));

    auto results = this->store_->UpdateMany(std::move(updates));
    ASSERT_EQ(results.size(), 4u);
    ASSERT_TRUE(results[0]) << results[0].error().message;
    EXPECT_EQ(results[0]->complaint.version, 2);
    ASSERT_FALSE(results[1]);
    EXPECT_EQ(results[1].error().code, core::ErrorCode::kConflict);
    ASSERT_TRUE(results[2]) << results[2].error().message;
    ASSERT_FALSE(results[3]);
    EXPECT_EQ(results[3].error().code, core::ErrorCode::kNotFound);

    auto stored_a = this->store_->Get(core::kDefaultTenant, a.id);
    EXPECT_EQ(stored_a->assignee, "wangfang");
    EXPECT_EQ(this->store_->Events(core::kDefaultTenant, a.id)->size(), 3u);
    auto stored_b = this->store_->Get(core::kDefaultTenant, b.id);
    EXPECT_EQ(stored_b->version, 1);
    EXPECT_EQ(stored_b->assignee, b.assignee);
    EXPECT_EQ(this->store_->Events(core::kDefaultTenant, b.id)->size(), 2u);
    auto stored_c = this->store_->Get(core::kDefaultTenant, c.id);
    EXPECT_EQ(stored_c->version, 2);
    EXPECT_EQ(stored_c->assignee, "zhaolei");
    EXPECT_EQ(stored_c->resolution_due_at, due);
    EXPECT_EQ(stored_c->sla.state, "warning");
    // Sorted by due time, the recomputed one comes first; the text index still finds it.
    core::ports::ComplaintQuery query;
    query.sort = core::ports::SortOrder::kDueAsc;
    EXPECT_EQ(this->Subjects(query).front(), "c");
    query = {};
    query.text = "丙";
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"c"});
    // The store takes the next writes as usual.
    std::vector<core::ports::NewComplaint> more(2);
    for (auto& draft : more) draft.complaint = testing::AComplaint("d", "丁");
    for (auto& filed : this->service_.FileMany(testing::AnActor(), std::move(more))) EXPECT_TRUE(filed);
    EXPECT_EQ(*this->store_->Count(core::kDefaultTenant), 5);
}

// A recomputation's new SLA values: no event and no new version; reads, due-ordered lists, SLA-state queues and the
// sweeper's checks all see them; a stale version, a missing complaint and a solved one are refused alone; the next
// update of the complaint stores whatever values it carries.
TYPED_TEST_P(ComplaintStoreContract, SlaValuesMoveWithoutANewVersionAndEveryReadSeesThem) {
    using core::ErrorCode;
    using core::workflow::Status;
    auto a = this->File("a", "甲");
    auto b = this->File("b", "乙");
    auto c = this->File("c", "丙");
    const auto base = *core::ParseIso8601("2024-05-12T02:00:00Z");
    auto at = [&](int hours) { return base + std::chrono::hours(hours); };
    auto values = [&](core::complaint::Complaint complaint, int hours, std::string state) {
        complaint.resolution_due_at = at(hours);
        complaint.first_response_due_at = at(hours - 1);
        complaint.sla.next_update_due_at = at(hours - 3);
        complaint.sla.regulatory_due_at = at(hours + 100);
        complaint.sla.policy = "urgent";
        complaint.sla.state = std::move(state);
        complaint.sla.check_at = at(hours - 2);
        return core::ports::SlaValuesUpdate{complaint, complaint.version};
    };
    const auto events_of_a = this->store_->Events(core::kDefaultTenant, a.id)->size();
    std::vector<core::ports::SlaValuesUpdate> updates;
    updates.push_back(values(a, 30, "running"));
    updates.push_back(values(b, 10, "warning"));
    auto stale = values(c, 20, "running");
    stale.expected_version = 7;
    updates.push_back(stale);
    auto missing = values(a, 1, "running");
    missing.complaint.id = core::ComplaintId{a.id.value + 1000};
    updates.push_back(missing);
    auto results = this->store_->SetSlaValues(std::move(updates));
    ASSERT_EQ(results.size(), 4u);
    ASSERT_TRUE(results[0]) << results[0].error().message;
    ASSERT_TRUE(results[1]) << results[1].error().message;
    EXPECT_EQ(results[0]->version, a.version);
    ASSERT_FALSE(results[2]);
    EXPECT_EQ(results[2].error().code, ErrorCode::kConflict);
    ASSERT_FALSE(results[3]);
    EXPECT_EQ(results[3].error().code, ErrorCode::kNotFound);

    auto stored_a = this->store_->Get(core::kDefaultTenant, a.id).value();
    EXPECT_EQ(stored_a.version, a.version);
    EXPECT_EQ(stored_a.updated_at, a.updated_at);
    EXPECT_EQ(stored_a.resolution_due_at, at(30));
    EXPECT_EQ(stored_a.first_response_due_at, at(29));
    EXPECT_EQ(stored_a.sla.next_update_due_at, at(27));
    EXPECT_EQ(stored_a.sla.regulatory_due_at, at(130));
    EXPECT_EQ(stored_a.sla.check_at, at(28));
    EXPECT_EQ(stored_a.sla.policy, "urgent");
    EXPECT_EQ(stored_a.sla.state, "running");
    EXPECT_EQ(stored_a.subject, "a");
    EXPECT_EQ(this->store_->Events(core::kDefaultTenant, a.id)->size(), events_of_a);
    EXPECT_FALSE(this->store_->Get(core::kDefaultTenant, c.id)->resolution_due_at);
    {  // Values set again over values set before (the same version), and never for a complaint of another tenant.
        for (int hours : {31, 30}) {
            std::vector<core::ports::SlaValuesUpdate> again;
            again.push_back(values(stored_a, hours, "running"));
            auto result = this->store_->SetSlaValues(std::move(again));
            ASSERT_TRUE(result[0]) << result[0].error().message;
            EXPECT_EQ(this->store_->Get(core::kDefaultTenant, a.id)->resolution_due_at, at(hours));
        }
        auto foreign = values(stored_a, 50, "breached");
        foreign.complaint.tenant = core::TenantId{core::kDefaultTenant.value + 1};
        std::vector<core::ports::SlaValuesUpdate> other_tenant;
        other_tenant.push_back(std::move(foreign));
        EXPECT_EQ(this->store_->SetSlaValues(std::move(other_tenant))[0].error().code, ErrorCode::kNotFound);
        EXPECT_EQ(this->store_->Get(core::kDefaultTenant, a.id)->resolution_due_at, at(30));
        EXPECT_EQ(this->store_->Get(core::kDefaultTenant, a.id)->sla.state, "running");
    }

    auto subjects = [this](std::vector<std::string> states, std::vector<Status> statuses = {}) {
        core::ports::ComplaintQuery query;
        query.sort = core::ports::SortOrder::kDueAsc;
        query.sla_states = std::move(states);
        query.statuses = std::move(statuses);
        return this->Subjects(query);
    };
    using Subjects = std::vector<std::string>;
    EXPECT_EQ(subjects({}), (Subjects{"b", "a", "c"}));
    EXPECT_EQ(subjects({}, {Status::kNew, Status::kResolved}), (Subjects{"b", "a", "c"}));
    EXPECT_EQ(subjects({"warning"}), (Subjects{"b"}));
    EXPECT_EQ(subjects({"running"}, {Status::kNew}), (Subjects{"a"}));
    EXPECT_EQ(subjects({"inactive"}), (Subjects{"c"}));
    {  // by category (a filter of its own index) and in pages of one
        core::ports::ComplaintQuery query;
        query.sort = core::ports::SortOrder::kDueAsc;
        query.category = a.classification.category;
        query.limit = 1;
        Subjects paged;
        for (int pages = 0; pages < 5; ++pages) {
            auto page = this->store_->List(core::kDefaultTenant, query);
            ASSERT_TRUE(page);
            for (const auto& item : page->items) paged.push_back(item.subject);
            if (!page->next) break;
            query.after = page->next;
        }
        EXPECT_EQ(paged, (Subjects{"b", "a", "c"}));
    }
    auto checks = this->store_->SlaChecksDue(at(100), 10);
    ASSERT_TRUE(checks);
    ASSERT_EQ(checks->size(), 2u);
    EXPECT_EQ((*checks)[0].id, b.id);
    EXPECT_EQ((*checks)[0].at, at(8));
    EXPECT_EQ((*checks)[1].id, a.id);
    EXPECT_EQ(*this->store_->NextSlaCheck(), at(8));

    // The next update carries the values it was given: here a later due time and no check time.
    auto moved = stored_a;
    moved.assignee = "wangfang";
    moved.resolution_due_at = at(40);
    moved.sla.check_at.reset();
    core::workflow::Event event{{}, moved.tenant, moved.id, this->clock_.Now(), "lead", core::workflow::Role::kTeamLead,
                                core::workflow::EventKind::kFieldChanged, "assignee", "", "wangfang", {}};
    auto updated = this->store_->Update({moved, moved.version, {event}, {}});
    ASSERT_TRUE(updated) << updated.error().message;
    auto after_update = this->store_->Get(core::kDefaultTenant, a.id).value();
    EXPECT_EQ(after_update.version, a.version + 1);
    EXPECT_EQ(after_update.resolution_due_at, at(40));
    EXPECT_FALSE(after_update.sla.check_at);
    EXPECT_EQ(subjects({}), (Subjects{"b", "a", "c"}));
    checks = this->store_->SlaChecksDue(at(100), 10);
    ASSERT_EQ(checks->size(), 1u);
    EXPECT_EQ((*checks)[0].id, b.id);
    // The old version's values are refused now; a solved complaint keeps its values in its record.
    std::vector<core::ports::SlaValuesUpdate> late;
    late.push_back(values(stored_a, 5, "warning"));
    EXPECT_EQ(this->store_->SetSlaValues(std::move(late))[0].error().code, ErrorCode::kConflict);
    EXPECT_EQ(this->store_->Get(core::kDefaultTenant, a.id)->resolution_due_at, at(40));
    auto solved = this->store_->Get(core::kDefaultTenant, b.id).value();
    solved.status = Status::kResolved;
    std::vector<core::ports::SlaValuesUpdate> closed;
    closed.push_back(values(solved, 3, "met"));
    EXPECT_EQ(this->store_->SetSlaValues(std::move(closed))[0].error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(this->store_->Get(core::kDefaultTenant, b.id)->resolution_due_at, at(10));
    // Deleting a complaint takes its values and check with it.
    ASSERT_TRUE(this->store_->Delete(core::kDefaultTenant, b.id, testing::AnActor()));
    EXPECT_TRUE(this->store_->SlaChecksDue(at(100), 10)->empty());
    EXPECT_FALSE(*this->store_->NextSlaCheck());
}

TYPED_TEST_P(ComplaintStoreContract, FullTextFollowsSubjectChangesAndOnlyThem) {
    auto filed = this->File("物流太慢", "包裹一周没到");
    auto moved = this->service_.Transition(testing::AnActor(), filed.id, std::nullopt,
                                           core::workflow::Status::kTriaged, {});
    ASSERT_TRUE(moved) << moved.error().message;
    core::ports::ComplaintQuery query;
    query.text = "物流";
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"物流太慢"});
    core::complaint::ComplaintPatch patch;
    patch.subject = "退款未到账";
    auto edited = this->service_.Update(testing::AnActor(), filed.id, moved->version, patch);
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_TRUE(this->Subjects(query).empty());
    query.text = "退款";
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"退款未到账"});
    query.text = "包裹";
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"退款未到账"});
}

TYPED_TEST_P(ComplaintStoreContract, FiltersByNumberExactlyWithinTheTenant) {
    auto a = this->File("a", "物流很慢");
    auto b = this->File("b", "退款没到");
    core::ports::ComplaintQuery query;
    query.number = b.number;
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"b"});
    query.number = a.number;
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"a"});
    EXPECT_TRUE(this->Subjects(query, core::TenantId{2}).empty());  // another tenant's number is not this one's
    query.number = a.number.substr(0, a.number.size() - 1);  // a prefix is not the number
    EXPECT_TRUE(this->Subjects(query).empty());
    query.number = "ts" + a.number.substr(2);  // nor is another spelling
    EXPECT_TRUE(this->Subjects(query).empty());
    query.number = a.number;
    query.text = "物流";  // with the other filters, all must hold
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"a"});
    query.text = "退款";
    EXPECT_TRUE(this->Subjects(query).empty());
    query.text.clear();
    query.statuses = {core::workflow::Status::kClosed};
    EXPECT_TRUE(this->Subjects(query).empty());
    query.statuses = {core::workflow::Status::kNew, core::workflow::Status::kClosed};
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"a"});
}

TYPED_TEST_P(ComplaintStoreContract, QueuesOfOnePersonOrNobodyPageInEitherOrder) {
    // The shape of the web app's queues: an assignee (or none) and the open and paused statuses.
    auto lead = testing::AnActor(core::workflow::Role::kTeamLead);
    std::vector<std::string> wang_subjects;
    for (int i = 0; i < 7; ++i) {
        auto c = this->File("w" + std::to_string(i), "d");
        ASSERT_TRUE(this->service_.Transition(lead, c.id, std::nullopt, core::workflow::Status::kAssigned,
                                              {.assignee = "wang"}));
        wang_subjects.push_back(c.subject);
    }
    auto mine = this->File("li", "d");
    ASSERT_TRUE(this->service_.Transition(lead, mine.id, std::nullopt, core::workflow::Status::kAssigned,
                                          {.assignee = "li"}));
    this->File("nobody 1", "d");
    this->File("nobody 2", "d");
    core::ports::ComplaintQuery query;
    query.statuses = {core::workflow::Status::kNew, core::workflow::Status::kAssigned,
                      core::workflow::Status::kInProgress, core::workflow::Status::kWaitingCustomer};
    query.assignee = "wang";
    query.limit = 3;
    std::vector<std::string> pages;
    for (;;) {  // newest first, three at a time
        auto page = this->store_->List(core::kDefaultTenant, query);
        ASSERT_TRUE(page) << page.error().message;
        for (const auto& c : page->items) pages.push_back(c.subject);
        if (!page->next) break;
        query.after = page->next;
    }
    EXPECT_EQ(pages, std::vector<std::string>(wang_subjects.rbegin(), wang_subjects.rend()));
    query.after.reset();
    query.limit = 50;
    query.sort = core::ports::SortOrder::kReceivedAsc;
    EXPECT_EQ(this->Subjects(query), wang_subjects);
    query.sort = core::ports::SortOrder::kDueAsc;
    EXPECT_EQ(this->Subjects(query).size(), 7u);
    query.assignee = "";
    query.sort = core::ports::SortOrder::kReceivedDesc;
    EXPECT_EQ(this->Subjects(query), (std::vector<std::string>{"nobody 2", "nobody 1"}));
    query.statuses = {core::workflow::Status::kAssigned};
    query.assignee = "li";
    EXPECT_EQ(this->Subjects(query), std::vector<std::string>{"li"});
    query.statuses = {core::workflow::Status::kClosed};  // a status that is not a queue's: the same answer
    EXPECT_TRUE(this->Subjects(query).empty());
}

TYPED_TEST_P(ComplaintStoreContract, EventsOfManyAnswerEveryIdADeletedComplaintWithNone) {
    // A walk that read a complaint before it was deleted still gets an answer for the batch (the KPI roll-up's build).
    auto a = this->File("a", "one"), b = this->File("b", "two"), c = this->File("c", "three");
    ASSERT_TRUE(this->store_->Delete(core::kDefaultTenant, b.id, testing::AnActor()));
    auto events = this->store_->EventsOfMany(core::kDefaultTenant, {a.id, b.id, c.id});
    ASSERT_TRUE(events) << events.error().message;
    ASSERT_EQ(events->size(), 3u);
    EXPECT_EQ(events->at(a.id.value).size(), this->store_->Events(core::kDefaultTenant, a.id)->size());
    EXPECT_FALSE(events->at(a.id.value).empty());
    EXPECT_TRUE(events->at(b.id.value).empty());
    EXPECT_EQ(events->at(c.id.value).size(), this->store_->Events(core::kDefaultTenant, c.id)->size());
    EXPECT_EQ(events->at(c.id.value).front().complaint, c.id);
    // Another tenant's complaints have no events here.
    auto other = this->store_->EventsOfMany(core::TenantId{core::kDefaultTenant.value + 1}, {a.id});
    ASSERT_TRUE(other);
    EXPECT_TRUE(other->at(a.id.value).empty());
}

REGISTER_TYPED_TEST_SUITE_P(ComplaintStoreContract, NumbersComplaintsPerTenantAndMonth,
                            GetsWhatWasStoredFieldForField, RecordsCreatedAndAcknowledgedEvents,
                            StaleVersionIsAConflictAndChangesNothing, AnotherTenantSeesNothing,
                            FindsTwoCharacterChineseTermsAndEnglishWords, PagesThroughEverythingOnceWithACursor,
                            FiltersByStatusAssigneeChannelAndTime, MessagesAreStoredWithAnEventAndSetFirstResponse,
                            DuplicateSourceRefIsRefusedAlone, ConcurrentIntakeGetsDistinctNumbers,
                            CountsOpenComplaintsPerAssignee, KeepsCompensationTotalsByCurrency,
                            FiltersBySlaState, SlaStateQueuesPageInDueOrderAndFollowEveryWrite,
                            AnSlaOnlyUpdateThatChangesMoreIsRefusedAndChangesNothing,
                            UpdateManyStoresEachUpdateOnItsOwn, SlaValuesMoveWithoutANewVersionAndEveryReadSeesThem,
                            FullTextFollowsSubjectChangesAndOnlyThem, FiltersByNumberExactlyWithinTheTenant,
                            QueuesOfOnePersonOrNobodyPageInEitherOrder,
                            EventsOfManyAnswerEveryIdADeletedComplaintWithNone);

}  // namespace heed::storage::contract
