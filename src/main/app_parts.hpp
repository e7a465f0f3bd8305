// The parts every command of `heed` opens: the server key, the complaint store, the identity side and the text
// models. The composition root (main.cpp) and `heed serve` (serve.cpp) share them.

#pragma once

#include <filesystem>
#include <memory>

#include "config/config.hpp"
#include "core/common/result.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/clock.hpp"
#include "core/services/auth_service.hpp"
#include "core/services/sla_service.hpp"
#include "security/sodium_crypto.hpp"
#include "sla/icu_time_zones.hpp"
#include "sla/settings_sla_store.hpp"
#include "storage/sqlite/identity_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "triage/model_classifier.hpp"

namespace heed::app {

using storage::sqlite::SqliteComplaintStore;

// Prints the error and returns the exit code of its ErrorCode.
int Fail(const core::Error& error);

core::Result<std::unique_ptr<security::SodiumCrypto>> OpenCrypto(const config::Config& config);

// The complaint store; its audit chain is keyed by `crypto` (the server key beside the database).
core::Result<std::unique_ptr<SqliteComplaintStore>> OpenStore(const config::Config& config,
                                                              security::SodiumCrypto& crypto,
                                                              const core::ports::Clock& clock);

// The identity side: users and tokens in the same database, keyed digests with the server key beside it.
struct Identity {
    std::unique_ptr<storage::sqlite::SqliteIdentityStore> store;
    std::unique_ptr<core::services::AuthService> auth;
};

core::Result<Identity> OpenIdentity(const config::Config& config, security::SodiumCrypto& crypto,
                                    const core::ports::Clock& clock, core::ports::AuditLog& audit);

// What every command that touches data opens first, in this order (and closes in the reverse one): the server key,
// the complaint store, the identity side and the SLA service over the tenant's set-up.
struct Core {
    std::unique_ptr<security::SodiumCrypto> crypto;
    std::unique_ptr<SqliteComplaintStore> store;
    Identity identity;
    std::unique_ptr<sla_adapters::SettingsSlaConfigStore> sla_config;
    std::unique_ptr<sla_adapters::IcuTimeZones> time_zones;
    std::unique_ptr<core::services::SlaService> sla;
};

core::Result<Core> OpenCore(const config::Config& config, const core::ports::Clock& clock);

// The running binary's path (empty when unknown).
std::filesystem::path Executable();

// The text models intake triage asks: the tenant's own, else the shipped defaults for the complaint's language, else
// defaults trained at start from the demo templates.
std::unique_ptr<triage::ModelClassifier> OpenTextModels(const config::Config& config);

}  // namespace heed::app
