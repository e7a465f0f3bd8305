#include "sla/settings_sla_store.hpp"

#include "sla/sla_json.hpp"

namespace heed::sla_adapters {

namespace {
constexpr const char* kKey = "sla";
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

}  // namespace heed::sla_adapters
