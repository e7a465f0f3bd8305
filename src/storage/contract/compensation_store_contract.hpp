#pragma once
// The contract every CompensationStore backend passes. A backend's test instantiates it with a factory:
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, CompensationStoreContract, SqliteCompensationFactory);
// where the factory type has `static std::unique_ptr<core::ports::CompensationStore> Make();` returning an empty store.

#include <gtest/gtest.h>

#include "core/ports/compensation_store.hpp"

namespace heed::storage::contract {

template <typename Factory>
class CompensationStoreContract : public ::testing::Test {
protected:
    CompensationStoreContract() : store_(Factory::Make()) {}

    core::compensation::Compensation Draft(std::int64_t complaint, std::int64_t minor) {
        core::compensation::Compensation c;
        c.tenant = core::kDefaultTenant;
        c.complaint = core::ComplaintId{complaint};
        c.complaint_number = "TS202603" + std::to_string(complaint);
        c.kind = core::compensation::Kind::kReplacement;
        c.amount = {minor, "CNY"};
        c.reason = "换新机";
        c.required = core::workflow::Role::kManager;
        c.requested_by = "amy";
        c.requested_role = core::workflow::Role::kAgent;
        c.requested_at = *core::ParseIso8601("2026-03-02T09:00:00Z");
        return c;
    }

    std::unique_ptr<core::ports::CompensationStore> store_;
};

TYPED_TEST_SUITE_P(CompensationStoreContract);

TYPED_TEST_P(CompensationStoreContract, KeepsRequestsFieldForFieldAndNumbersThem) {
    auto first = this->store_->Add(this->Draft(1, 120'000));
    auto second = this->store_->Add(this->Draft(2, 300));
    ASSERT_TRUE(first && second);
    EXPECT_GT(second->id.value, first->id.value);
    EXPECT_EQ(first->status, core::compensation::Status::kPending);
    auto expected = this->Draft(1, 120'000);
    expected.id = first->id;
    EXPECT_EQ(*this->store_->Get(core::kDefaultTenant, first->id), expected);
    EXPECT_EQ(this->store_->Get(core::TenantId{2}, first->id).error().code, core::ErrorCode::kNotFound);
    auto of_one = this->store_->ForComplaint(core::kDefaultTenant, core::ComplaintId{1});
    ASSERT_TRUE(of_one);
    ASSERT_EQ(of_one->size(), 1u);
    EXPECT_EQ(of_one->front().id, first->id);
}

TYPED_TEST_P(CompensationStoreContract, DecidesOnlyPendingRequestsAndCanUndo) {
    auto added = *this->store_->Add(this->Draft(1, 500));
    auto decided = added;
    decided.status = core::compensation::Status::kApproved;
    decided.decided_by = "boss";
    decided.decided_role = core::workflow::Role::kManager;
    decided.decided_at = core::ParseIso8601("2026-03-02T10:00:00Z");
    decided.decision_reason = "同意";
    ASSERT_TRUE(this->store_->Decide(decided));
    EXPECT_EQ(*this->store_->Get(core::kDefaultTenant, added.id), decided);
    auto again = decided;
    again.status = core::compensation::Status::kRejected;
    EXPECT_EQ(this->store_->Decide(again).error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(*this->store_->Get(core::kDefaultTenant, added.id), decided);
    ASSERT_TRUE(this->store_->Reopen(core::kDefaultTenant, added.id));
    EXPECT_EQ(*this->store_->Get(core::kDefaultTenant, added.id), added);
    ASSERT_TRUE(this->store_->Remove(core::kDefaultTenant, added.id));
    EXPECT_EQ(this->store_->Get(core::kDefaultTenant, added.id).error().code, core::ErrorCode::kNotFound);
}

TYPED_TEST_P(CompensationStoreContract, ListsByStatusInPagesOldestFirst) {
    std::vector<core::compensation::CompensationId> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(this->store_->Add(this->Draft(i + 1, 100 + i))->id);
    auto decided = *this->store_->Get(core::kDefaultTenant, ids[1]);
    decided.status = core::compensation::Status::kRejected;
    decided.decided_by = "boss";
    decided.decided_at = core::ParseIso8601("2026-03-02T10:00:00Z");
    ASSERT_TRUE(this->store_->Decide(decided));
    auto pending = this->store_->List(core::kDefaultTenant, core::compensation::Status::kPending, 2, {});
    ASSERT_TRUE(pending);
    ASSERT_EQ(pending->size(), 2u);
    EXPECT_EQ((*pending)[0].id, ids[0]);
    EXPECT_EQ((*pending)[1].id, ids[2]);
    auto rest = this->store_->List(core::kDefaultTenant, core::compensation::Status::kPending, 10, ids[2]);
    ASSERT_EQ(rest->size(), 2u);
    EXPECT_EQ((*rest)[1].id, ids[4]);
    EXPECT_EQ(this->store_->List(core::kDefaultTenant, std::nullopt, 10, {})->size(), 5u);
    EXPECT_EQ(this->store_->List(core::kDefaultTenant, core::compensation::Status::kRejected, 10, {})->front().id,
              ids[1]);
    EXPECT_TRUE(this->store_->List(core::TenantId{2}, std::nullopt, 10, {})->empty());
}

REGISTER_TYPED_TEST_SUITE_P(CompensationStoreContract, KeepsRequestsFieldForFieldAndNumbersThem,
                            DecidesOnlyPendingRequestsAndCanUndo, ListsByStatusInPagesOldestFirst);

}  // namespace heed::storage::contract
