#include "core/sla/policy.hpp"

#include <algorithm>

namespace heed::core::sla {
namespace {

using namespace std::chrono_literals;

template <typename T>
bool AnyOrContains(const std::vector<T>& allowed, const T& value) {
    return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

template <typename T>
bool AnyOrContains(const std::vector<T>& allowed, const std::optional<T>& value) {
    return allowed.empty() || (value && AnyOrContains(allowed, *value));
}

}  // namespace

std::vector<SlaPolicy> DefaultPolicies() {
    SlaPolicy urgent;
    urgent.name = "urgent";
    urgent.conditions.urgencies = {complaint::Urgency::kUrgent};
    urgent.targets.first_response = 2h;
    urgent.targets.resolution = 24h;

    SlaPolicy general;
    general.name = "general";
    general.targets.first_response = 24h;
    general.targets.resolution = 48h;
    return {urgent, general};
}

bool Matches(const SlaConditions& conditions, const complaint::Complaint& complaint) {
    const auto& c = complaint.classification;
    if (!AnyOrContains(conditions.urgencies, c.urgency)) return false;
    if (conditions.min_severity && (!c.severity || *c.severity < *conditions.min_severity)) return false;
    return AnyOrContains(conditions.tiers, complaint.customer.tier) &&
           AnyOrContains(conditions.categories, c.category) && AnyOrContains(conditions.channels, complaint.channel);
}

const SlaPolicy* SelectPolicy(const std::vector<SlaPolicy>& policies, const complaint::Complaint& complaint) {
    for (const SlaPolicy& policy : policies) {
        if (Matches(policy.conditions, complaint)) return &policy;
    }
    return nullptr;
}

Result<void> ValidatePolicy(const SlaPolicy& policy) {
    if (policy.name.empty()) return Fail(ErrorCode::kInvalidArgument, "a policy needs a name", "name");
    if (policy.calendar.empty()) return Fail(ErrorCode::kInvalidArgument, "a policy needs a calendar", "calendar");
    const std::pair<const std::optional<std::chrono::milliseconds>*, const char*> targets[] = {
        {&policy.targets.first_response, "first_response"},
        {&policy.targets.next_update, "next_update"},
        {&policy.targets.resolution, "resolution"}};
    for (const auto& [target, field] : targets) {
        if (*target && **target <= 0ms) {
            return Fail(ErrorCode::kInvalidArgument, std::string(field) + " must be a positive duration", field);
        }
    }
    if (!(policy.warn_share > 0.0 && policy.warn_share <= 1.0)) {
        return Fail(ErrorCode::kInvalidArgument, "warn_share must be above 0 and at most 1", "warn_share");
    }
    if (policy.conditions.min_severity &&
        (*policy.conditions.min_severity < 1 || *policy.conditions.min_severity > 5)) {
        return Fail(ErrorCode::kInvalidArgument, "min_severity must be 1-5", "min_severity");
    }
    return {};
}

}  // namespace heed::core::sla
