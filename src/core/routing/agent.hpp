#pragma once
// Who can take complaints (SPEC §4): teams and the routing profile of each staff member — skills, level, capacity
// and working status. Plain data; the rules that use it are in selection.hpp.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/enum_names.hpp"
#include "core/common/ids.hpp"
#include "core/common/time.hpp"
#include "core/complaint/enums.hpp"

namespace heed::core::routing {

enum class Level { kJunior, kSenior, kExpert };
enum class WorkStatus { kAvailable, kAway, kOffline };

inline constexpr EnumNames<Level, 3> kLevelNames{
    {{Level::kJunior, "junior"}, {Level::kSenior, "senior"}, {Level::kExpert, "expert"}}};
inline constexpr EnumNames<WorkStatus, 3> kWorkStatusNames{
    {{WorkStatus::kAvailable, "available"}, {WorkStatus::kAway, "away"}, {WorkStatus::kOffline, "offline"}}};

inline std::string_view ToString(Level v) {
    return NameOf(kLevelNames, v);
}
inline std::string_view ToString(WorkStatus v) {
    return NameOf(kWorkStatusNames, v);
}

// What an agent can handle. An empty list means "any": a generalist without listed categories takes every category.
struct Skills {
    std::vector<std::string> categories;  // first-level categories of the tenant taxonomy, e.g. 物流配送
    std::vector<std::string> languages;   // e.g. zh, en
    std::vector<complaint::Channel> channels;
    auto operator<=>(const Skills&) const = default;
};

// The routing profile of one user (by username). The user's team comes from the user record.
struct AgentProfile {
    TenantId tenant;
    std::string username;
    Skills skills;
    Level level = Level::kJunior;
    int capacity = 10;  // most open complaints assigned at once, 0 … 1000
    WorkStatus status = WorkStatus::kAvailable;
    Instant updated_at{};
    auto operator<=>(const AgentProfile&) const = default;
};

// A team. Members are the users whose team is this team's name (set on the user); a department team (物流部,
// 法务部, …) receives hand-offs instead of direct customer work.
struct Team {
    TenantId tenant;
    std::string name;
    std::string lead;  // username; empty when none
    bool department = false;
    Instant updated_at{};
    auto operator<=>(const Team&) const = default;
};

inline constexpr std::size_t kMaxSkills = 32;
inline constexpr int kMaxCapacity = 1000;

}  // namespace heed::core::routing
