#pragma once
// Keeps each tenant's SLA set-up as JSON (sla_json) under the tenant setting "sla", in whichever IdentityStore the
// server runs on (SQLite, or the in-memory twin in tests); the recompute mark under "sla.recompute_pending" (the
// generation as decimal text, empty when there is none).

#include "core/ports/identity_store.hpp"
#include "core/ports/sla_config_store.hpp"

namespace heed::sla_adapters {

class SettingsSlaConfigStore final : public core::ports::SlaConfigStore {
public:
    explicit SettingsSlaConfigStore(core::ports::IdentityStore& identity) : identity_(identity) {}
    core::Result<std::optional<core::sla::SlaConfig>> LoadSla(core::TenantId tenant) override;
    core::Result<void> SaveSla(core::TenantId tenant, const core::sla::SlaConfig& config) override;
    core::Result<std::optional<std::int64_t>> LoadRecomputeMark(core::TenantId tenant) override;
    core::Result<void> SaveRecomputeMark(core::TenantId tenant, std::optional<std::int64_t> generation) override;
    core::Result<std::vector<core::TenantId>> TenantsWithRecomputeMark() override;

private:
    core::ports::IdentityStore& identity_;
};

}  // namespace heed::sla_adapters
