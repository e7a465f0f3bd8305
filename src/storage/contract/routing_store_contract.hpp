#pragma once
// The contract every RoutingStore backend passes. A backend's test instantiates it with a factory:
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, RoutingStoreContract, SqliteRoutingFactory);
// where the factory type has `static std::unique_ptr<core::ports::RoutingStore> Make();` returning an empty store.

#include <gtest/gtest.h>

#include "core/ports/routing_store.hpp"

namespace heed::storage::contract {

template <typename Factory>
class RoutingStoreContract : public ::testing::Test {
protected:
    RoutingStoreContract() : store_(Factory::Make()) {}
    std::unique_ptr<core::ports::RoutingStore> store_;
};

TYPED_TEST_SUITE_P(RoutingStoreContract);

TYPED_TEST_P(RoutingStoreContract, KeepsTeamsFieldForFieldAndReplacesByName) {
    using core::routing::Team;
    auto at = *core::ParseIso8601("2026-03-02T09:00:00Z");
    Team first{core::kDefaultTenant, "一线客服组", "lead", false, at};
    Team department{core::kDefaultTenant, "物流部", "logistics", true, at};
    ASSERT_TRUE(this->store_->PutTeam(first));
    ASSERT_TRUE(this->store_->PutTeam(department));
    EXPECT_EQ(*this->store_->FindTeam(core::kDefaultTenant, "物流部"), department);
    first.lead = "lead2";
    ASSERT_TRUE(this->store_->PutTeam(first));
    auto teams = this->store_->Teams(core::kDefaultTenant);
    ASSERT_TRUE(teams);
    EXPECT_EQ(*teams, (std::vector<Team>{first, department}));
    EXPECT_EQ(this->store_->FindTeam(core::TenantId{2}, "物流部").error().code, core::ErrorCode::kNotFound);
    EXPECT_TRUE(this->store_->Teams(core::TenantId{2})->empty());
    ASSERT_TRUE(this->store_->DeleteTeam(core::kDefaultTenant, "物流部"));
    EXPECT_EQ(this->store_->DeleteTeam(core::kDefaultTenant, "物流部").error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(this->store_->Teams(core::kDefaultTenant)->size(), 1u);
}

TYPED_TEST_P(RoutingStoreContract, KeepsAgentProfilesFieldForField) {
    using namespace core::routing;
    auto at = *core::ParseIso8601("2026-03-02T09:00:00Z");
    AgentProfile amy{
        core::kDefaultTenant,
        "amy",
        {{"物流配送", "产品质量"}, {"zh", "en"}, {core::complaint::Channel::kPhone, core::complaint::Channel::kWechat}},
        Level::kSenior,
        7,
        WorkStatus::kAway,
        at};
    AgentProfile bob{core::kDefaultTenant, "bob", {}, Level::kJunior, 0, WorkStatus::kOffline, at};
    ASSERT_TRUE(this->store_->PutAgent(bob));
    ASSERT_TRUE(this->store_->PutAgent(amy));
    EXPECT_EQ(*this->store_->FindAgent(core::kDefaultTenant, "amy"), amy);
    amy.status = WorkStatus::kAvailable;
    amy.skills.languages = {"zh"};
    ASSERT_TRUE(this->store_->PutAgent(amy));
    EXPECT_EQ(*this->store_->Agents(core::kDefaultTenant), (std::vector<AgentProfile>{amy, bob}));
    EXPECT_EQ(this->store_->FindAgent(core::kDefaultTenant, "cat").error().code, core::ErrorCode::kNotFound);
    EXPECT_TRUE(this->store_->Agents(core::TenantId{2})->empty());
}

TYPED_TEST_P(RoutingStoreContract, KeepsOneRoundRobinCursorPerPool) {
    EXPECT_EQ(*this->store_->LastAssigned(core::kDefaultTenant, ""), "");
    ASSERT_TRUE(this->store_->SetLastAssigned(core::kDefaultTenant, "", "amy"));
    ASSERT_TRUE(this->store_->SetLastAssigned(core::kDefaultTenant, "一线客服组", "bob"));
    ASSERT_TRUE(this->store_->SetLastAssigned(core::kDefaultTenant, "", "cat"));
    EXPECT_EQ(*this->store_->LastAssigned(core::kDefaultTenant, ""), "cat");
    EXPECT_EQ(*this->store_->LastAssigned(core::kDefaultTenant, "一线客服组"), "bob");
    EXPECT_EQ(*this->store_->LastAssigned(core::TenantId{2}, ""), "");
}

REGISTER_TYPED_TEST_SUITE_P(RoutingStoreContract, KeepsTeamsFieldForFieldAndReplacesByName,
                            KeepsAgentProfilesFieldForField, KeepsOneRoundRobinCursorPerPool);

}  // namespace heed::storage::contract
