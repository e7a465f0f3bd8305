#include "core/services/routing_service.hpp"

#include <algorithm>

#include "core/common/utf8.hpp"
#include "core/identity/identity.hpp"
#include "core/ports/query_matching.hpp"
#include "core/services/feedback_service.hpp"
#include "core/workflow/transitions.hpp"

namespace heed::core::services {

using complaint::Complaint;
using workflow::Event;
using workflow::EventKind;
using workflow::Role;

namespace {

// Concurrent writes to one complaint retry their optimistic write this many times before reporting a conflict.
constexpr int kWriteRetries = 5;
constexpr std::size_t kMaxReasonBytes = 2000;
constexpr std::size_t kMaxSkillBytes = 200;
const char* const kAutoAssignKey = "routing.auto_assign";

bool IsOneOf(Role role, std::initializer_list<Role> roles) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool CanEditRouting(Role role) {
    return IsOneOf(role, {Role::kAdmin, Role::kManager});
}
bool IsStaff(Role role) {
    return role != Role::kCustomer;
}
// Roles that can own a complaint.
bool CanOwn(Role role) {
    return IsOneOf(role,
                   {Role::kAgent, Role::kTeamLead, Role::kManager, Role::kDirector, Role::kDepartment, Role::kAdmin});
}

Event FieldEvent(const Complaint& c, const workflow::Actor& actor, Instant now, std::string field, std::string before,
                 std::string after, std::string note) {
    return Event{{},
                 c.tenant,
                 c.id,
                 now,
                 actor.name,
                 actor.role,
                 EventKind::kFieldChanged,
                 std::move(field),
                 std::move(before),
                 std::move(after),
                 std::move(note)};
}

Result<void> CheckText(const std::string& text, const char* field, std::size_t limit) {
    if (text.size() > limit) {
        return Fail(ErrorCode::kInvalidArgument,
                    std::string(field) + " is longer than " + std::to_string(limit) + " bytes", field);
    }
    if (!IsValidUtf8(text)) return Fail(ErrorCode::kInvalidArgument, std::string(field) + " is not valid UTF-8", field);
    return {};
}

Result<void> CheckSkills(const routing::Skills& skills) {
    if (skills.categories.size() > routing::kMaxSkills || skills.languages.size() > routing::kMaxSkills ||
        skills.channels.size() > routing::kMaxSkills) {
        return Fail(ErrorCode::kInvalidArgument,
                    "at most " + std::to_string(routing::kMaxSkills) + " skills of each kind", "skills");
    }
    for (const auto* list : {&skills.categories, &skills.languages}) {
        for (const auto& skill : *list) {
            if (skill.empty()) return Fail(ErrorCode::kInvalidArgument, "a skill must not be empty", "skills");
            if (auto ok = CheckText(skill, "skills", kMaxSkillBytes); !ok) return ok;
        }
    }
    return {};
}

}  // namespace

RoutingService::RoutingService(ports::ComplaintStore& complaints, ports::RoutingStore& routing,
                               ports::IdentityStore& identity, const ports::Clock& clock, ports::AuditLog* audit)
    : complaints_(complaints), routing_(routing), identity_(identity), clock_(clock), audit_(audit) {}

Result<void> RoutingService::Audit(const workflow::Actor& actor, std::string action, std::string type,
                                   std::string detail) {
    if (!audit_) return {};
    return audit_->Record({actor, std::move(action), std::move(type), 0, std::move(detail)});
}

// ---- teams ----

Result<std::vector<TeamView>> RoutingService::Teams(const workflow::Actor& actor) {
    if (!IsStaff(actor.role)) return Fail(ErrorCode::kPermissionDenied, "customers do not see teams");
    auto teams = routing_.Teams(actor.tenant);
    if (!teams) return tl::unexpected(teams.error());
    auto users = identity_.Users(actor.tenant);
    if (!users) return tl::unexpected(users.error());
    std::vector<TeamView> views;
    for (auto& team : *teams) {
        TeamView view{std::move(team), {}};
        for (const auto& user : *users) {
            if (user.team == view.team.name) view.members.push_back(user.username);
        }
        views.push_back(std::move(view));
    }
    return views;
}

Result<TeamView> RoutingService::PutTeam(const workflow::Actor& actor, routing::Team team) {
    if (!CanEditRouting(actor.role)) return Fail(ErrorCode::kPermissionDenied, "only admins and managers edit teams");
    if (team.name.empty()) return Fail(ErrorCode::kInvalidArgument, "name is required", "name");
    if (auto ok = CheckText(team.name, "name", 200); !ok) return tl::unexpected(ok.error());
    if (!team.lead.empty()) {
        auto lead = identity_.FindUser(actor.tenant, team.lead);
        if (!lead) return Fail(ErrorCode::kInvalidArgument, "no user " + team.lead + " in this tenant", "lead");
    }
    team.tenant = actor.tenant;
    team.updated_at = clock_.Now();
    if (auto recorded =
            Audit(actor, "team.changed", "team",
                  "name=" + team.name + " lead=" + team.lead + " department=" + (team.department ? "true" : "false"));
        !recorded) {
        return tl::unexpected(recorded.error());
    }
    if (auto stored = routing_.PutTeam(team); !stored) return tl::unexpected(stored.error());
    auto views = Teams(actor);
    if (!views) return tl::unexpected(views.error());
    for (auto& view : *views) {
        if (view.team.name == team.name) return std::move(view);
    }
    return Fail(ErrorCode::kInternal, "team vanished after it was stored");
}

Result<void> RoutingService::DeleteTeam(const workflow::Actor& actor, const std::string& name) {
    if (!CanEditRouting(actor.role)) return Fail(ErrorCode::kPermissionDenied, "only admins and managers edit teams");
    if (auto found = routing_.FindTeam(actor.tenant, name); !found) return tl::unexpected(found.error());
    if (auto recorded = Audit(actor, "team.deleted", "team", "name=" + name); !recorded) return recorded;
    return routing_.DeleteTeam(actor.tenant, name);
}

Result<std::string> RoutingService::LeadOf(TenantId tenant, const std::string& team) {
    auto found = routing_.FindTeam(tenant, team);
    if (!found) return tl::unexpected(found.error());
    if (found->lead.empty()) return Fail(ErrorCode::kNotFound, "team " + team + " has no lead");
    return found->lead;
}

Result<std::string> RoutingService::EscalationOwner(TenantId tenant, const Complaint& complaint, int level) {
    if (level <= 0) return std::string{};
    auto users = identity_.Users(tenant);
    if (!users) return tl::unexpected(users.error());
    auto user_of = [&](const std::string& name) -> const identity::User* {
        for (const auto& u : *users) {
            if (u.username == name) return &u;
        }
        return nullptr;
    };
    // The team the complaint belongs to: its own, else its assignee's.
    std::string team = complaint.team;
    if (team.empty()) {
        if (const auto* assignee = user_of(complaint.assignee)) team = assignee->team;
    }
    auto usable = [&](const std::string& name) {
        const auto* user = user_of(name);
        return user && !user->disabled && name != complaint.assignee;
    };
    if (level == 1 && !team.empty()) {
        if (auto lead = LeadOf(tenant, team); lead && usable(*lead)) return *lead;
    }
    auto profiles = routing_.Agents(tenant);
    if (!profiles) return tl::unexpected(profiles.error());
    auto at_work = [&](const std::string& name) {
        for (const auto& p : *profiles) {
            if (p.username == name) return p.status == routing::WorkStatus::kAvailable;
        }
        return true;  // no routing profile: nothing says they are away
    };
    auto best_of_role = [&](Role role) -> std::string {
        std::string found;
        int found_rank = -1;
        for (const auto& u : *users) {  // Users() is in a stable order: the first of equal rank wins
            if (u.role != role || !usable(u.username)) continue;
            int rank = (!team.empty() && u.team == team ? 2 : 0) + (at_work(u.username) ? 1 : 0);
            if (rank > found_rank) {
                found = u.username;
                found_rank = rank;
            }
        }
        return found;
    };
    switch (level) {
        case 1: return best_of_role(Role::kTeamLead);
        case 2: return best_of_role(Role::kManager);
        default: {
            for (Role role : {Role::kDirector, Role::kManager, Role::kAdmin}) {
                if (auto found = best_of_role(role); !found.empty()) return found;
            }
            return std::string{};
        }
    }
}

// ---- agents ----

Result<AgentView> RoutingService::ViewOf(TenantId tenant, const routing::AgentProfile& profile) {
    auto user = identity_.FindUser(tenant, profile.username);
    if (!user) return tl::unexpected(user.error());
    auto loads = complaints_.OpenCountsByAssignee(tenant, {profile.username});
    if (!loads) return tl::unexpected(loads.error());
    auto load = loads->find(profile.username);
    return AgentView{profile, user->team, user->role, !user->disabled,
                     load == loads->end() ? 0 : static_cast<int>(load->second)};
}

Result<std::vector<AgentView>> RoutingService::Agents(const workflow::Actor& actor) {
    if (!IsStaff(actor.role)) return Fail(ErrorCode::kPermissionDenied, "customers do not see agents");
    auto profiles = routing_.Agents(actor.tenant);
    if (!profiles) return tl::unexpected(profiles.error());
    auto users = identity_.Users(actor.tenant);
    if (!users) return tl::unexpected(users.error());
    std::vector<std::string> names;
    for (const auto& p : *profiles) names.push_back(p.username);
    auto loads = complaints_.OpenCountsByAssignee(actor.tenant, names);
    if (!loads) return tl::unexpected(loads.error());
    std::vector<AgentView> views;
    for (auto& profile : *profiles) {
        auto user = std::find_if(users->begin(), users->end(),
                                 [&](const identity::User& u) { return u.username == profile.username; });
        if (user == users->end()) continue;  // the user was removed; the profile waits in case it comes back
        auto load = loads->find(profile.username);
        views.push_back({std::move(profile), user->team, user->role, !user->disabled,
                         load == loads->end() ? 0 : static_cast<int>(load->second)});
    }
    return views;
}

Result<AgentView> RoutingService::PutAgent(const workflow::Actor& actor, routing::AgentProfile profile) {
    if (!CanEditRouting(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied, "only admins and managers edit agent profiles");
    }
    auto user = identity_.FindUser(actor.tenant, profile.username);
    if (!user) return Fail(ErrorCode::kNotFound, "no user " + profile.username + " in this tenant", "username");
    if (!CanOwn(user->role)) {
        return Fail(ErrorCode::kInvalidArgument,
                    "a " + std::string(workflow::ToString(user->role)) + " cannot own complaints", "username");
    }
    if (profile.capacity < 0 || profile.capacity > routing::kMaxCapacity) {
        return Fail(ErrorCode::kInvalidArgument,
                    "capacity must be between 0 and " + std::to_string(routing::kMaxCapacity), "capacity");
    }
    if (auto ok = CheckSkills(profile.skills); !ok) return tl::unexpected(ok.error());
    profile.tenant = actor.tenant;
    profile.updated_at = clock_.Now();
    std::string detail = "username=" + profile.username + " level=" + std::string(routing::ToString(profile.level)) +
                         " capacity=" + std::to_string(profile.capacity) +
                         " status=" + std::string(routing::ToString(profile.status));
    if (auto recorded = Audit(actor, "agent.changed", "agent", detail); !recorded)
        return tl::unexpected(recorded.error());
    if (auto stored = routing_.PutAgent(profile); !stored) return tl::unexpected(stored.error());
    return ViewOf(actor.tenant, profile);
}

Result<AgentView> RoutingService::SetWorkStatus(const workflow::Actor& actor, const std::string& username,
                                                routing::WorkStatus status) {
    if (actor.name != username && !CanEditRouting(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied, "only the agent, admins and managers set an agent's working status");
    }
    auto profile = routing_.FindAgent(actor.tenant, username);
    if (!profile) return tl::unexpected(profile.error());
    profile->status = status;
    profile->updated_at = clock_.Now();
    if (auto recorded = Audit(actor, "agent.status_changed", "agent",
                              "username=" + username + " status=" + std::string(routing::ToString(status)));
        !recorded) {
        return tl::unexpected(recorded.error());
    }
    if (auto stored = routing_.PutAgent(*profile); !stored) return tl::unexpected(stored.error());
    return ViewOf(actor.tenant, *profile);
}

// ---- settings ----

Result<bool> RoutingService::AutoAssignEnabled(TenantId tenant) {
    auto value = identity_.Setting(tenant, kAutoAssignKey);
    if (!value) return tl::unexpected(value.error());
    return *value == "true";
}

Result<bool> RoutingService::SetAutoAssign(const workflow::Actor& actor, bool enabled) {
    if (!CanEditRouting(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied, "only admins and managers change routing settings");
    }
    if (auto recorded = Audit(actor, "settings.changed", "settings",
                              std::string(kAutoAssignKey) + "=" + (enabled ? "true" : "false"));
        !recorded) {
        return tl::unexpected(recorded.error());
    }
    if (auto stored = identity_.SetSetting(actor.tenant, kAutoAssignKey, enabled ? "true" : "false"); !stored) {
        return tl::unexpected(stored.error());
    }
    return enabled;
}

// ---- choosing ----

routing::RoutingNeed RoutingService::NeedOf(const Complaint& c) {
    routing::RoutingNeed need;
    need.category = c.classification.category;
    // The `language` attribute (web form, triage) when there is one, else the language the
    // customer wrote in (zh when the text has Chinese characters, else en).
    if (auto language = c.attributes.find("language"); language != c.attributes.end() && !language->second.empty()) {
        need.language = language->second;
    } else {
        need.language = LanguageOf(c);
    }
    need.channel = c.channel;
    const auto& flags = c.classification.risk_flags;
    need.vip = c.customer.tier == complaint::CustomerTier::kVip ||
               std::find(flags.begin(), flags.end(), complaint::RiskFlag::kVip) != flags.end();
    need.severity = c.classification.severity.value_or(0);
    return need;
}

Result<std::vector<routing::Candidate>> RoutingService::Candidates(TenantId tenant, const std::string& team) {
    auto profiles = routing_.Agents(tenant);
    if (!profiles) return tl::unexpected(profiles.error());
    auto users = identity_.Users(tenant);
    if (!users) return tl::unexpected(users.error());
    std::vector<routing::Candidate> candidates;
    std::vector<std::string> names;
    for (auto& profile : *profiles) {
        auto user = std::find_if(users->begin(), users->end(),
                                 [&](const identity::User& u) { return u.username == profile.username; });
        if (user == users->end() || !CanOwn(user->role)) continue;
        if (!team.empty() && user->team != team) continue;
        names.push_back(profile.username);
        candidates.push_back({std::move(profile), user->team, !user->disabled, 0});
    }
    // One indexed count for the whole pool, not a query per agent.
    auto loads = complaints_.OpenCountsByAssignee(tenant, names);
    if (!loads) return tl::unexpected(loads.error());
    for (auto& candidate : candidates) {
        if (auto load = loads->find(candidate.profile.username); load != loads->end()) {
            candidate.load = static_cast<int>(load->second);
        }
    }
    return candidates;
}

namespace {

// The pool a complaint is routed in: its team, unless it has none or it sits with a department.
std::string PoolOf(ports::RoutingStore& routing, const Complaint& c) {
    if (c.team.empty()) return {};
    auto team = routing.FindTeam(c.tenant, c.team);
    if (!team || team->department) return {};
    return c.team;
}

}  // namespace

Result<routing::Selection> RoutingService::Choose(TenantId tenant, const Complaint& complaint,
                                                  const routing::RoutingNeed& extra) {
    routing::RoutingNeed need = NeedOf(complaint);
    need.min_level = extra.min_level;
    need.exclude = extra.exclude;
    std::string pool = PoolOf(routing_, complaint);
    auto candidates = Candidates(tenant, pool);
    if (!candidates) return tl::unexpected(candidates.error());
    auto last = routing_.LastAssigned(tenant, pool);
    if (!last) return tl::unexpected(last.error());
    return routing::SelectAgent(need, *candidates, *last);
}

// ---- assigning ----

Result<AssignOutcome> RoutingService::Assign(const workflow::Actor& actor, ComplaintId id,
                                             const AssignRequest& request) {
    int modes =
        (!request.assignee.empty() ? 1 : 0) + (request.automatic ? 1 : 0) + (!request.department.empty() ? 1 : 0);
    if (modes != 1) {
        return Fail(ErrorCode::kInvalidArgument, "give exactly one of assignee, auto or department", "assignee");
    }
    if (auto ok = CheckText(request.reason, "reason", kMaxReasonBytes); !ok) return tl::unexpected(ok.error());
    if (auto ok = CheckText(request.assignee, "assignee", 200); !ok) return tl::unexpected(ok.error());
    if (auto ok = CheckText(request.department, "department", 200); !ok) return tl::unexpected(ok.error());
    if (actor.role == Role::kCustomer || actor.role == Role::kAnalyst) {
        return Fail(ErrorCode::kPermissionDenied,
                    "the " + std::string(workflow::ToString(actor.role)) + " role does not assign complaints");
    }
    if (!request.department.empty() && request.reason.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "a reason is required to hand a complaint to a department", "reason");
    }
    // Manual assignee: an enabled user who can own complaints.
    std::string manual_team;
    if (!request.assignee.empty()) {
        auto user = identity_.FindUser(actor.tenant, request.assignee);
        if (!user)
            return Fail(ErrorCode::kInvalidArgument, "no user " + request.assignee + " in this tenant", "assignee");
        if (user->disabled) return Fail(ErrorCode::kInvalidArgument, request.assignee + " is disabled", "assignee");
        if (!CanOwn(user->role)) {
            return Fail(ErrorCode::kInvalidArgument,
                        "a " + std::string(workflow::ToString(user->role)) + " cannot own complaints", "assignee");
        }
        manual_team = user->team;
    }
    std::optional<routing::Team> department;
    if (!request.department.empty()) {
        auto team = routing_.FindTeam(actor.tenant, request.department);
        if (!team || !team->department) {
            return Fail(ErrorCode::kInvalidArgument, request.department + " is not a department team", "department");
        }
        department = *team;
    }

    // Automatic choices read and advance the round-robin cursor as one step.
    std::unique_lock<std::mutex> cursor_lock(cursor_mutex_, std::defer_lock);
    if (request.automatic) cursor_lock.lock();

    for (int attempt = 0;; ++attempt) {
        auto current = complaints_.Get(actor.tenant, id);
        if (!current) return tl::unexpected(current.error());
        if (auto scope = ports::ScopeFor(actor); scope && !ports::InScope(*current, *scope)) {
            return Fail(ErrorCode::kNotFound, "complaint not found");
        }
        if (request.expected_version && *request.expected_version != current->version) {
            return Fail(ErrorCode::kConflict,
                        "complaint was changed by someone else (version " + std::to_string(current->version) +
                            "); reload and retry",
                        "version");
        }
        auto category = workflow::CategoryOf(current->status);
        if (category == workflow::StatusCategory::kSolved || category == workflow::StatusCategory::kEnded) {
            return Fail(ErrorCode::kIllegalTransition,
                        "a " + std::string(workflow::ToString(current->status)) +
                            " complaint is not assigned or handed off; reopen it first",
                        "status");
        }
        Instant now = clock_.Now();
        Complaint next = *current;
        std::vector<Event> events;
        std::string pool;
        std::string chosen;

        if (department) {
            if (current->department == department->name)
                return AssignOutcome{*current, true, "already with " + department->name};
            events.push_back(
                FieldEvent(*current, actor, now, "department", current->department, department->name, request.reason));
            std::string responsible = department->lead.empty() ? department->name : department->lead;
            events.push_back(FieldEvent(*current, actor, now, "responsible", current->assignee, responsible,
                                        "hand-off to " + department->name + "; " + current->assignee +
                                            (current->assignee.empty() ? "nobody" : "") + " stays accountable"));
            next.department = department->name;
        } else {
            std::string note = request.reason;
            std::string team = manual_team;
            if (request.automatic) {
                auto selection = Choose(actor.tenant, *current);
                if (!selection) return tl::unexpected(selection.error());
                if (!selection->agent) return AssignOutcome{*current, false, selection->reason};
                chosen = *selection->agent;
                team = selection->team;
                pool = PoolOf(routing_, *current);
                note = "automatic: " + selection->reason + (request.reason.empty() ? "" : "; " + request.reason);
            } else {
                chosen = request.assignee;
                bool self_take = actor.role == Role::kAgent && chosen == actor.name && current->assignee.empty();
                if (!IsOneOf(actor.role,
                             {Role::kTeamLead, Role::kManager, Role::kDirector, Role::kAdmin, Role::kSystem}) &&
                    !self_take) {
                    return Fail(ErrorCode::kPermissionDenied,
                                "the " + std::string(workflow::ToString(actor.role)) +
                                    " role may only take an unassigned complaint for itself");
                }
            }
            if (chosen == current->assignee) return AssignOutcome{*current, true, "already assigned to " + chosen};
            if (!current->assignee.empty() && request.reason.empty()) {
                return Fail(ErrorCode::kInvalidArgument, "a reason is required to reassign from " + current->assignee,
                            "reason");
            }
            using workflow::Status;
            if (current->status == Status::kNew || current->status == Status::kTriaged ||
                current->status == Status::kReopened) {
                auto change =
                    workflow::ApplyTransition(*current, Status::kAssigned, {note, chosen, {}, {}}, actor, now);
                if (!change) return tl::unexpected(change.error());
                next = std::move(change->complaint);
                for (auto& event : change->events) {
                    if (event.field == "assignee") event.note = note;
                }
                events = std::move(change->events);
            } else {
                events.push_back(FieldEvent(*current, actor, now, "assignee", current->assignee, chosen, note));
                next.assignee = chosen;
            }
            if (!team.empty() && team != current->team) {
                events.push_back(FieldEvent(*current, actor, now, "team", current->team, team, {}));
                next.team = team;
            }
        }
        next.updated_at = now;
        std::string note = events.front().note;
        auto stored = complaints_.Update({std::move(next), current->version, std::move(events), {}});
        if (stored) {
            if (request.automatic) {
                // The assignment stands even if the cursor cannot be saved; the next choice then repeats a
                // tie-break, which is harmless.
                (void)routing_.SetLastAssigned(actor.tenant, pool, chosen);
            }
            return AssignOutcome{std::move(stored->complaint), true, note};
        }
        if (stored.error().code != ErrorCode::kConflict || request.expected_version || attempt + 1 >= kWriteRetries) {
            return tl::unexpected(stored.error());
        }
    }
}

}  // namespace heed::core::services
