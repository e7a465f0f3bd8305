#pragma once
// The JSON form of calendars, SLA policies and a tenant's whole SLA set-up — one codec for the API (strict: unknown
// fields and wrong types are refused, naming the field) and for storage (the set-up is kept as this JSON in the
// tenant's settings). docs/sla.md shows the format.

#include <string>

#include <nlohmann/json.hpp>

#include "core/common/result.hpp"
#include "core/sla/config.hpp"

namespace heed::sla_adapters {

nlohmann::json CalendarToJson(const core::sla::BusinessCalendar& calendar);
nlohmann::json PolicyToJson(const core::sla::SlaPolicy& policy);
nlohmann::json RegulatoryToJson(const core::sla::SlaConfig& config);
nlohmann::json ConfigToJson(const core::sla::SlaConfig& config);

core::Result<core::sla::BusinessCalendar> CalendarFromJson(const nlohmann::json& value);
core::Result<core::sla::SlaPolicy> PolicyFromJson(const nlohmann::json& value);
// Sets regulatory_period and regulatory_calendar of `config` from {"days": n|null, "calendar": name}.
core::Result<void> RegulatoryFromJson(const nlohmann::json& value, core::sla::SlaConfig& config);
core::Result<core::sla::SlaConfig> ConfigFromJson(const nlohmann::json& value);

}  // namespace heed::sla_adapters
