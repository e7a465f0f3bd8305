#include "sla/settings_sla_store.hpp"

#include <charconv>

#include "sla/sla_json.hpp"

namespace heed::sla_adapters {

namespace {
constexpr const char* kKey = "sla";
constexpr const char* kMarkKey = "sla.recompute_pending";
}

core::Result<std::optional<core::sla::SlaConfig>> SettingsSlaConfigStore::LoadSla(core::TenantId tenant) {
    auto text = identity_.Setting(tenant, kKey);
    if (!text) return tl::unexpected(text.error());
    if (text->empty()) return std::optional<core::sla::SlaConfig>{};
    auto parsed = nlohmann::json::parse(*text, nullptr, false);
    if (parsed.is_discarded()) {
        return core::Fail(core::ErrorCode::kInternal, "the stored SLA set-up is not valid JSON", "sla");
    }
    auto config = ConfigFromJson(parsed);
    if (!config) return tl::unexpected(config.error());
    return std::optional<core::sla::SlaConfig>{std::move(*config)};
}

core::Result<void> SettingsSlaConfigStore::SaveSla(core::TenantId tenant, const core::sla::SlaConfig& config) {
    return identity_.SetSetting(tenant, kKey, ConfigToJson(config).dump());
}

core::Result<std::optional<std::int64_t>> SettingsSlaConfigStore::LoadRecomputeMark(core::TenantId tenant) {
    auto text = identity_.Setting(tenant, kMarkKey);
    if (!text) return tl::unexpected(text.error());
    if (text->empty()) return std::optional<std::int64_t>{};
    std::int64_t generation = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), generation);
    if (error != std::errc{} || end != text->data() + text->size()) {
        return core::Fail(core::ErrorCode::kInternal, "the stored SLA recompute mark is not a number", kMarkKey);
    }
    return std::optional<std::int64_t>{generation};
}

core::Result<void> SettingsSlaConfigStore::SaveRecomputeMark(core::TenantId tenant,
                                                            std::optional<std::int64_t> generation) {
    return identity_.SetSetting(tenant, kMarkKey, generation ? std::to_string(*generation) : std::string());
}

core::Result<std::vector<core::TenantId>> SettingsSlaConfigStore::TenantsWithRecomputeMark() {
    auto tenants = identity_.Tenants();
    if (!tenants) return tl::unexpected(tenants.error());
    std::vector<core::TenantId> marked;
    for (const auto& tenant : *tenants) {
        auto mark = LoadRecomputeMark(tenant.id);
        if (!mark) return tl::unexpected(mark.error());
        if (*mark) marked.push_back(tenant.id);
    }
    return marked;
}

}  // namespace heed::sla_adapters
