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
#include "security/sodium_crypto.hpp"
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

// The running binary's path (empty when unknown).
std::filesystem::path Executable();

// The text models intake triage asks: the tenant's own, else the shipped defaults for the complaint's language, else
// defaults trained at start from the demo templates.
std::unique_ptr<triage::ModelClassifier> OpenTextModels(const config::Config& config);

}  // namespace heed::app
