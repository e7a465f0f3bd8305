#include "main/app_parts.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/default_models.hpp"
#include "cli/exit_codes.hpp"

namespace heed::app {

int Fail(const core::Error& error) {
    std::cerr << "heed: " << error.message << (error.field.empty() ? "" : " (" + error.field + ")") << "\n";
    return cli::ExitCodeFor(error.code);
}

core::Result<std::unique_ptr<security::SodiumCrypto>> OpenCrypto(const config::Config& config) {
    auto key = security::LoadOrCreateKey(config.database + ".key");
    if (!key) return tl::unexpected(key.error());
    return security::SodiumCrypto::Create(*key);
}

core::Result<std::unique_ptr<SqliteComplaintStore>> OpenStore(const config::Config& config,
                                                              security::SodiumCrypto& crypto,
                                                              const core::ports::Clock& clock) {
    return SqliteComplaintStore::Open(config.database,
                                      {.readers = config.database_readers,
                                       .max_batch = config.group_commit_max,
                                       .mac = [&crypto](std::string_view message) { return crypto.Mac(message); },
                                       .clock = &clock,
                                       .anchor_path = config.database + ".anchor",
                                       .fingerprint_window = std::chrono::hours(24 * config.fingerprint_window_days)});
}

core::Result<Identity> OpenIdentity(const config::Config& config, security::SodiumCrypto& crypto,
                                    const core::ports::Clock& clock, core::ports::AuditLog& audit) {
    auto store = storage::sqlite::SqliteIdentityStore::Open(config.database);
    if (!store) return tl::unexpected(store.error());
    Identity identity{std::move(*store), nullptr};
    identity.auth = std::make_unique<core::services::AuthService>(*identity.store, crypto, clock, &audit);
    return identity;
}

core::Result<Core> OpenCore(const config::Config& config, const core::ports::Clock& clock) {
    Core parts;
    auto crypto = OpenCrypto(config);
    if (!crypto) return tl::unexpected(crypto.error());
    parts.crypto = std::move(*crypto);
    auto store = OpenStore(config, *parts.crypto, clock);
    if (!store) return tl::unexpected(store.error());
    parts.store = std::move(*store);
    auto identity = OpenIdentity(config, *parts.crypto, clock, *parts.store);
    if (!identity) return tl::unexpected(identity.error());
    parts.identity = std::move(*identity);
    parts.sla_config = std::make_unique<sla_adapters::SettingsSlaConfigStore>(*parts.identity.store);
    parts.time_zones = std::make_unique<sla_adapters::IcuTimeZones>();
    parts.sla = std::make_unique<core::services::SlaService>(*parts.sla_config, parts.identity.store.get(),
                                                             parts.time_zones.get(), parts.store.get());
    return parts;
}

std::filesystem::path Executable() {
    std::error_code ec;
    auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : path;
}

std::unique_ptr<triage::ModelClassifier> OpenTextModels(const config::Config& config) {
    std::filesystem::path default_models = config.triage_default_models_dir;
    if (default_models.empty()) {
        default_models = Executable().parent_path() / "models";
        if (!std::filesystem::exists(default_models)) default_models = "models";
    }
    auto models = std::make_unique<triage::ModelClassifier>(triage::ModelClassifier::Options{
        .tenant_dir = config.triage_models_dir.empty() ? config.database + ".models" : config.triage_models_dir,
        .default_dir = default_models});
    for (const auto& problem : models->LoadAll()) spdlog::warn("triage models: {}", problem);
    cli::AddTemplateDefaults(*models);
    return models;
}

}  // namespace heed::app
