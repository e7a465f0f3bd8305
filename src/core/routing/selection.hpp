#pragma once
// The routing rule as one pure function (SPEC §4): which agent should own a complaint. No store, no clock: the
// caller passes each candidate with its current load (open complaints assigned) and the round-robin cursor.
//
//   1. only agents whose working status is available (and whose account is enabled);
//   2. qualified: the complaint's category, language and channel are each in the agent's skills (an empty skill
//      list means any; a complaint without a category or language matches any);
//   3. with room: load < capacity;
//   4. VIP customers and severity ≥ 4 (or a need's min_level) only to senior or expert agents;
//   5. the least loaded wins; among equals, round robin: the first username after `last_assigned` (wrapping
//      around), so the same inputs always give the same agent.
// When nobody is left, the result names no agent and says which step emptied the list.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/routing/agent.hpp"

namespace heed::core::routing {

// What the complaint needs.
struct RoutingNeed {
    std::string category;  // empty: any agent qualifies on category
    std::string language;  // empty: any
    std::optional<complaint::Channel> channel;
    bool vip = false;
    int severity = 0;                  // 0 when unknown
    std::optional<Level> min_level;    // e.g. escalation asks for an expert; raises (never lowers) the VIP rule
    std::vector<std::string> exclude;  // usernames not to pick (the current owner on escalation)
};

struct Candidate {
    AgentProfile profile;
    std::string team;     // the user's team (empty: none)
    bool enabled = true;  // false for disabled accounts
    int load = 0;         // open complaints assigned now
};

struct Selection {
    std::optional<std::string> agent;  // absent: nobody qualified
    std::string team;                  // the chosen agent's team
    std::string reason;                // why this agent, or why nobody
    int load = 0;                      // the chosen agent's load before this assignment
};

// The minimum level `need` requires: senior for VIP or severity ≥ 4, or need.min_level when higher.
Level RequiredLevel(const RoutingNeed& need);

Selection SelectAgent(const RoutingNeed& need, std::span<const Candidate> candidates, const std::string& last_assigned);

}  // namespace heed::core::routing
