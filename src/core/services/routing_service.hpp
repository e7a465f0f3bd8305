#pragma once
// Routing (SPEC §4): teams, agent profiles, and who owns a complaint — chosen by the pure rule of
// routing/selection.hpp, set by hand with a reason, or handed to a department that becomes responsible. Every
// change of owner, team or department is an event on the complaint; every change of a team, a profile or the
// routing setting is an audit record.
//
// Roles: teams and profiles are edited by admins and managers (an agent may set their own working status) and read
// by staff; manual assignment by team leads, managers, directors, admins and the system (an agent may take an
// unassigned complaint for themself); automatic assignment and department hand-offs by any handler.
//
// Thread-safety: safe to call from many threads (the stores are); the round-robin cursor is read and advanced
// under a mutex so concurrent automatic assignments in one pool do not pick the same "next" agent.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/ports/identity_store.hpp"
#include "core/ports/routing_store.hpp"
#include "core/routing/selection.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::services {

// A profile as shown to staff: with the user's team and current load.
struct AgentView {
    routing::AgentProfile profile;
    std::string team;
    workflow::Role role = workflow::Role::kAgent;
    bool enabled = true;
    int load = 0;
};

struct TeamView {
    routing::Team team;
    std::vector<std::string> members;  // usernames of the users in this team
};

// One of: a manual assignee, automatic assignment, or a department hand-off.
struct AssignRequest {
    std::string assignee;    // manual assign / reassign
    bool automatic = false;  // least-loaded qualified agent
    std::string department;  // hand-off to a department team
    std::string reason;      // required to reassign and to hand off
    std::optional<std::int64_t> expected_version;
};

struct AssignOutcome {
    complaint::Complaint complaint;  // as stored (unchanged when nobody was assigned)
    bool assigned = false;           // false: automatic assignment found nobody; `reason` says why
    std::string reason;
};

class RoutingService {
public:
    // Every reference must outlive the service; `audit` is optional.
    RoutingService(ports::ComplaintStore& complaints, ports::RoutingStore& routing, ports::IdentityStore& identity,
                   const ports::Clock& clock, ports::AuditLog* audit = nullptr);

    // Staff only (not customers).
    Result<std::vector<TeamView>> Teams(const workflow::Actor& actor);
    // Admins and managers. The lead, when set, must be a user of the tenant. Creates or replaces.
    Result<TeamView> PutTeam(const workflow::Actor& actor, routing::Team team);
    Result<void> DeleteTeam(const workflow::Actor& actor, const std::string& name);

    Result<std::vector<AgentView>> Agents(const workflow::Actor& actor);
    // Admins and managers: creates or replaces the profile of an existing staff user.
    Result<AgentView> PutAgent(const workflow::Actor& actor, routing::AgentProfile profile);
    // The user themself, admins and managers: only the working status (available / away / offline).
    Result<AgentView> SetWorkStatus(const workflow::Actor& actor, const std::string& username,
                                    routing::WorkStatus status);

    // Whether complaints are assigned automatically at intake (tenant setting routing.auto_assign, default off).
    Result<bool> AutoAssignEnabled(TenantId tenant);
    // Admins and managers.
    Result<bool> SetAutoAssign(const workflow::Actor& actor, bool enabled);

    // What the complaint needs from an agent: its category, language (attribute `language`, else zh when the
    // customer wrote Chinese and en otherwise), channel, VIP tier or VIP risk flag, and severity.
    static routing::RoutingNeed NeedOf(const complaint::Complaint& complaint);

    // The agent the routing rule picks for `complaint` now, with `extra` merged into its need (min_level, exclude),
    // without assigning or advancing the cursor. Candidates are the team's members when the complaint has a team that
    // is not a department, else everyone with a profile. For escalation: ask for the next owner here.
    Result<routing::Selection> Choose(TenantId tenant, const complaint::Complaint& complaint,
                                      const routing::RoutingNeed& extra = {});

    // The lead of `team`; kNotFound when the team does not exist or has no lead.
    Result<std::string> LeadOf(TenantId tenant, const std::string& team);

    // Who owns `complaint` at `level` of the escalation chain (1 team lead, 2 manager, 3 director): the lead of the
    // complaint's team, else of its assignee's team, for level 1; otherwise an enabled user of that role — one in
    // the complaint's (or assignee's) team first, and among those one whose routing profile is not away or offline
    // first. Level 3 falls back to a manager and then an admin when the tenant has no director. Never the current
    // assignee. Empty when nobody holds the level.
    Result<std::string> EscalationOwner(TenantId tenant, const complaint::Complaint& complaint, int level);

    // Assigns, reassigns or hands off the complaint `id` as the actor sees it (see AssignRequest). Errors:
    // kInvalidArgument (bad or missing input, e.g. no reason on a reassign), kPermissionDenied, kNotFound,
    // kIllegalTransition (the complaint is resolved or ended), kConflict (expected_version is stale).
    Result<AssignOutcome> Assign(const workflow::Actor& actor, ComplaintId id, const AssignRequest& request);

private:
    Result<std::vector<routing::Candidate>> Candidates(TenantId tenant, const std::string& team);
    Result<AgentView> ViewOf(TenantId tenant, const routing::AgentProfile& profile);
    Result<void> Audit(const workflow::Actor& actor, std::string action, std::string type, std::string detail);

    ports::ComplaintStore& complaints_;
    ports::RoutingStore& routing_;
    ports::IdentityStore& identity_;
    const ports::Clock& clock_;
    ports::AuditLog* audit_;
    std::mutex cursor_mutex_;  // serialises choose-and-advance of the round-robin cursors
};

}  // namespace heed::core::services
