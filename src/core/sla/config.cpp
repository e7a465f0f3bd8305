#include "core/sla/config.hpp"

#include <set>
#include <string>

namespace heed::core::sla {

namespace {
const BusinessCalendar& Builtin24x7() {
    static const BusinessCalendar calendar = Calendar24x7();
    return calendar;
}
constexpr std::size_t kMaxItems = 100;
}  // namespace

SlaConfig DefaultConfig() {
    SlaConfig config;
    config.policies = DefaultPolicies();
    return config;
}

const BusinessCalendar* FindCalendar(const SlaConfig& config, std::string_view name) {
    if (name == "24x7") return &Builtin24x7();
    for (const BusinessCalendar& calendar : config.calendars) {
        if (calendar.name == name) return &calendar;
    }
    return nullptr;
}

Result<void> ValidateConfig(const SlaConfig& config) {
    if (config.calendars.size() > kMaxItems) {
        return Fail(ErrorCode::kInvalidArgument, "at most 100 calendars", "calendars");
    }
    if (config.policies.size() > kMaxItems) {
        return Fail(ErrorCode::kInvalidArgument, "at most 100 policies", "policies");
    }
    std::set<std::string> names;
    for (const BusinessCalendar& calendar : config.calendars) {
        if (auto valid = ValidateCalendar(calendar); !valid) {
            auto error = valid.error();
            error.message = "calendar '" + calendar.name + "': " + error.message;
            return tl::unexpected(error);
        }
        if (calendar.name == "24x7") {
            return Fail(ErrorCode::kInvalidArgument, "the 24x7 calendar is built in and cannot be redefined", "name");
        }
        if (!names.insert(calendar.name).second) {
            return Fail(ErrorCode::kConflict, "there is already a calendar named '" + calendar.name + "'", "name");
        }
    }
    names.clear();
    for (const SlaPolicy& policy : config.policies) {
        if (auto valid = ValidatePolicy(policy); !valid) {
            auto error = valid.error();
            error.message = "policy '" + policy.name + "': " + error.message;
            return tl::unexpected(error);
        }
        if (!names.insert(policy.name).second) {
            return Fail(ErrorCode::kInvalidArgument, "two policies are named '" + policy.name + "'", "policies");
        }
        if (!FindCalendar(config, policy.calendar)) {
            return Fail(ErrorCode::kInvalidArgument,
                        "policy '" + policy.name + "' uses calendar '" + policy.calendar + "', which does not exist",
                        "calendar");
        }
    }
    if (config.regulatory_period &&
        (*config.regulatory_period < std::chrono::days{1} || *config.regulatory_period > std::chrono::days{3650})) {
        return Fail(ErrorCode::kInvalidArgument, "the regulatory period must be 1 to 3650 days", "regulatory_days");
    }
    if (!FindCalendar(config, config.regulatory_calendar)) {
        return Fail(ErrorCode::kInvalidArgument, "the regulatory calendar does not exist", "regulatory_calendar");
    }
    return {};
}

}  // namespace heed::core::sla
