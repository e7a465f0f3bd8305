#pragma once
// Who does something: every event names its actor and the role under which it acted.

#include <string>
#include <string_view>

#include "core/common/enum_names.hpp"
#include "core/common/ids.hpp"

namespace heed::core::workflow {

// kDirector decides what exceeds a manager's authority (large compensations) and ends the escalation chain.
enum class Role { kCustomer, kAgent, kTeamLead, kManager, kDirector, kDepartment, kAnalyst, kAdmin, kSystem };

inline constexpr EnumNames<Role, 9> kRoleNames{{{Role::kCustomer, "customer"},
                                                {Role::kAgent, "agent"},
                                                {Role::kTeamLead, "team_lead"},
                                                {Role::kManager, "manager"},
                                                {Role::kDirector, "director"},
                                                {Role::kDepartment, "department"},
                                                {Role::kAnalyst, "analyst"},
                                                {Role::kAdmin, "admin"},
                                                {Role::kSystem, "system"}}};

inline std::string_view ToString(Role role) { return NameOf(kRoleNames, role); }

struct Actor {
    TenantId tenant;
    std::string name;  // user handle, "customer:<number>" or "system"
    Role role = Role::kSystem;
    std::string team;  // the user's team; empty for tokens and users outside any team (no team restriction)
};

}  // namespace heed::core::workflow
