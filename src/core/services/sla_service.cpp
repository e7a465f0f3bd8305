#include "core/services/sla_service.hpp"

#include <algorithm>
#include <array>

namespace heed::core::services {

using complaint::Complaint;
using complaint::RiskFlag;
using sla::ClockState;
using sla::SlaClock;
using workflow::Event;
using workflow::EventKind;
using workflow::Role;

namespace {

constexpr std::array<std::string_view, 4> kLevelNames{"agent", "team_lead", "manager", "director"};

bool HasEvent(const std::vector<Event>& history, EventKind kind, std::string_view field, std::string_view after) {
    return std::any_of(history.begin(), history.end(), [&](const Event& e) {
        return e.kind == kind && e.field == field && (after.empty() || e.after == after);
    });
}

// Escalation concerns complaints still being worked: open or waiting, not resolved or ended.
bool BeingWorked(const Complaint& complaint) {
    auto category = workflow::CategoryOf(complaint.status);
    return category == workflow::StatusCategory::kOpen || category == workflow::StatusCategory::kPaused;
}

// A reason to escalate: a key that makes it happen once, the level it calls for at least, and the words shown.
struct Trigger {
    std::string key;
    int level = 0;
    std::string reason;
};

}  // namespace

std::string_view EscalationLevelName(int level) {
    return kLevelNames[static_cast<std::size_t>(std::clamp(level, 0, 3))];
}

SlaService::SlaService(ports::SlaConfigStore& store, ports::IdentityStore* identity, const ports::TimeZones* zones,
                       ports::AuditLog* audit)
    : store_(store), identity_(identity), zones_(zones), audit_(audit) {}

Result<std::shared_ptr<const sla::SlaConfig>> SlaService::Config(TenantId tenant) {
    {
        std::lock_guard lock(mutex_);
        if (auto found = cache_.find(tenant); found != cache_.end()) return found->second;
    }
    auto loaded = store_.LoadSla(tenant);
    if (!loaded) return tl::unexpected(loaded.error());
    sla::SlaConfig config = loaded->value_or(sla::DefaultConfig());
    if (zones_) {
        for (auto& calendar : config.calendars) {
            // A zone this build cannot resolve keeps its stored fixed offset rather than stopping every clock.
            (void)zones_->Resolve(calendar);
        }
    }
    auto shared = std::make_shared<const sla::SlaConfig>(std::move(config));
    std::lock_guard lock(mutex_);
    return cache_.emplace(tenant, shared).first->second;
}

Result<std::shared_ptr<const sla::SlaConfig>> SlaService::SetConfig(const workflow::Actor& by, sla::SlaConfig config) {
    if (by.role != Role::kManager && by.role != Role::kAdmin) {
        return Fail(ErrorCode::kPermissionDenied, "only managers and admins may change calendars and SLA policies");
    }
    if (zones_) {
        for (auto& calendar : config.calendars) {
            if (auto resolved = zones_->Resolve(calendar); !resolved) {
                auto error = resolved.error();
                error.message = "calendar '" + calendar.name + "': " + error.message;
                return tl::unexpected(error);
            }
        }
    }
    if (auto valid = sla::ValidateConfig(config); !valid) return tl::unexpected(valid.error());
    if (audit_) {
        std::string detail = "calendars=" + std::to_string(config.calendars.size()) +
                             " policies=" + std::to_string(config.policies.size());
        if (auto recorded = audit_->Record({by, "settings.sla_changed", "settings", 0, detail}); !recorded) {
            return tl::unexpected(recorded.error());
        }
    }
    // The mark first, then the set-up: a crash between the two only causes a recomputation that changes nothing.
    // Generations only grow, past any left by an earlier run, so clearing an older one never clears a newer mark.
    std::lock_guard mark_lock(mark_mutex_);
    auto mark = store_.LoadRecomputeMark(by.tenant);
    if (!mark) return tl::unexpected(mark.error());
    std::int64_t generation = std::max(last_generation_, mark->value_or(0)) + 1;
    if (auto marked = store_.SaveRecomputeMark(by.tenant, generation); !marked) return tl::unexpected(marked.error());
    last_generation_ = generation;
    if (auto saved = store_.SaveSla(by.tenant, config); !saved) return tl::unexpected(saved.error());
    auto shared = std::make_shared<const sla::SlaConfig>(std::move(config));
    std::lock_guard lock(mutex_);
    cache_[by.tenant] = shared;
    return shared;
}

Result<std::optional<std::int64_t>> SlaService::RecomputeMark(TenantId tenant) {
    std::lock_guard mark_lock(mark_mutex_);
    return store_.LoadRecomputeMark(tenant);
}

Result<void> SlaService::ClearRecomputeMark(TenantId tenant, std::int64_t generation) {
    std::lock_guard mark_lock(mark_mutex_);
    auto mark = store_.LoadRecomputeMark(tenant);
    if (!mark) return tl::unexpected(mark.error());
    if (*mark != generation) return {};  // changed again meanwhile: that change's recomputation clears it
    return store_.SaveRecomputeMark(tenant, std::nullopt);
}

Result<std::vector<TenantId>> SlaService::TenantsToRecompute() {
    std::lock_guard mark_lock(mark_mutex_);
    return store_.TenantsWithRecomputeMark();
}

Result<sla::SlaState> SlaService::Live(const Complaint& complaint, const std::vector<Event>& history, Instant now) {
    auto config = Config(complaint.tenant);
    if (!config) return tl::unexpected(config.error());
    const sla::SlaPolicy* policy = sla::SelectPolicy((*config)->policies, complaint);
    if (!policy) return sla::SlaState{};
    const sla::BusinessCalendar* calendar = sla::FindCalendar(**config, policy->calendar);
    if (!calendar) return sla::SlaState{};
    return sla::ComputeSla(complaint, history, *policy, *calendar, now);
}

void SlaService::SetOwnerFinder(OwnerFinder finder) {
    auto shared = finder ? std::make_shared<const OwnerFinder>(std::move(finder)) : nullptr;
    std::lock_guard lock(mutex_);
    owner_finder_ = std::move(shared);
}

std::string SlaService::OwnerFor(const Complaint& complaint, int level) {
    if (level <= 0) return {};
    std::shared_ptr<const OwnerFinder> finder;
    {
        std::lock_guard lock(mutex_);
        finder = owner_finder_;
    }
    if (finder) return (*finder)(complaint, level);
    if (!identity_) return {};
    auto users = identity_->Users(complaint.tenant);
    if (!users) return {};
    auto first = [&](auto&& wanted) -> std::string {
        for (const auto& user : *users) {
            if (!user.disabled && wanted(user)) return user.username;
        }
        return {};
    };
    auto role_is = [](Role role) { return [role](const identity::User& u) { return u.role == role; }; };
    switch (level) {
        case 1: {
            std::string lead = first([&](const identity::User& u) {
                return u.role == Role::kTeamLead && !complaint.team.empty() && u.team == complaint.team;
            });
            return lead.empty() ? first(role_is(Role::kTeamLead)) : lead;
        }
        case 2: return first(role_is(Role::kManager));
        default: {
            // Director or legal: a director role where the tenant has one, else the managers' chain ends with admin.
            if (auto director = ValueOf(workflow::kRoleNames, "director")) {
                if (auto found = first(role_is(*director)); !found.empty()) return found;
            }
            std::string manager = first(role_is(Role::kManager));
            return manager.empty() ? first(role_is(Role::kAdmin)) : manager;
        }
    }
}

std::vector<Event> SlaService::Apply(Complaint& complaint, const std::vector<Event>& history, Instant now,
                                     const std::string& request) {
    std::vector<Event> produced;
    auto config = Config(complaint.tenant);
    if (!config) return produced;  // the set-up cannot be read: leave the stored SLA as it was
    const sla::SlaConfig& cfg = **config;

    auto& summary = complaint.sla;
    const sla::SlaPolicy* policy = sla::SelectPolicy(cfg.policies, complaint);
    const sla::BusinessCalendar* calendar = policy ? sla::FindCalendar(cfg, policy->calendar) : nullptr;
    auto event = [&](EventKind kind, Instant at, std::string field, std::string before, std::string after,
                     std::string note) {
        produced.push_back(Event{{}, complaint.tenant, complaint.id, at, "system", Role::kSystem, kind,
                                 std::move(field), std::move(before), std::move(after), std::move(note)});
    };

    summary.check_at.reset();
    if (const sla::BusinessCalendar* regulatory = sla::FindCalendar(cfg, cfg.regulatory_calendar);
        regulatory && cfg.regulatory_period) {
        Instant received = complaint.milestones.received_at;
        summary.regulatory_due_at = sla::RegulatoryDue(received, *cfg.regulatory_period,
                                                       sla::OffsetAt(*regulatory, received));
    } else {
        summary.regulatory_due_at.reset();
    }

    std::vector<Trigger> triggers;
    if (!policy || !calendar) {
        summary.policy.clear();
        summary.state = std::string(sla::ToString(ClockState::kInactive));
        complaint.first_response_due_at.reset();
        summary.next_update_due_at.reset();
        complaint.resolution_due_at.reset();
    } else {
        sla::SlaState state = sla::ComputeSla(complaint, history, *policy, *calendar, now);
        summary.policy = policy->name;
        summary.state = std::string(sla::ToString(state.overall));
        complaint.first_response_due_at = state.first_response.due;
        summary.next_update_due_at = state.next_update.due;
        complaint.resolution_due_at = state.resolution.due;

        const std::pair<const SlaClock*, std::string> clocks[] = {{&state.first_response, "first_response"},
                                                                  {&state.next_update, "next_update"},
                                                                  {&state.resolution, "resolution"}};
        for (const auto& [clock, clock_name] : clocks) {
            const std::string& name = clock_name;  // a structured binding cannot be captured by clang 14's lambdas
            if (clock->breached_at) {
                // One breach per clock cycle (its start is `before`), as for warnings: a change of policy or calendar
                // that moves a due time already missed neither records the breach again nor escalates again.
                // Breaches recorded before the cycle was written down carry none and are matched by their due time.
                std::string due = FormatIso8601(*clock->breached_at);
                std::string cycle = clock->started_at ? FormatIso8601(*clock->started_at) : std::string{};
                bool breached = std::any_of(history.begin(), history.end(), [&](const Event& e) {
                    return e.kind == EventKind::kSlaBreached && e.field == name &&
                           ((!cycle.empty() && e.before == cycle) || (e.before.empty() && e.after == due));
                });
                if (!breached) {
                    event(EventKind::kSlaBreached, *clock->breached_at, name, cycle, due,
                          "the " + name + " target of policy " + policy->name + " was missed");
                    triggers.push_back({"breach:" + name + ":" + due, -1, "SLA breached: " + name});
                }
            } else if (clock->state == ClockState::kWarning && clock->due && clock->warning_at) {
                // One warning per clock cycle (its start is `before`): a pause or a policy change that moves the
                // due time of a clock that already warned does not warn again.
                std::string due = FormatIso8601(*clock->due);
                std::string cycle = clock->started_at ? FormatIso8601(*clock->started_at) : std::string{};
                bool warned = std::any_of(history.begin(), history.end(), [&](const Event& e) {
                    return e.kind == EventKind::kSlaWarning && e.field == name && e.before == cycle;
                });
                if (!warned) {
                    event(EventKind::kSlaWarning, *clock->warning_at, name, cycle, due,
                          "the " + name + " target of policy " + policy->name + " falls due at " + due);
                }
            }
            // When the sweeper must look next: the warning still ahead, else the first instant past the due time
            // of a counting clock (a clock is late only after its due instant, so a look at the due instant itself
            // would find nothing and schedule nothing more).
            if (clock->state == ClockState::kRunning || clock->state == ClockState::kWarning) {
                std::optional<Instant> next;
                if (clock->warning_at && *clock->warning_at > now) {
                    next = clock->warning_at;
                } else if (clock->due && *clock->due >= now) {
                    next = *clock->due + std::chrono::milliseconds{1};
                }
                if (next && (!summary.check_at || *next < *summary.check_at)) summary.check_at = next;
            }
        }
    }

    // The escalation chain. Each reason escalates once (its key is recorded on the event); a breach or a request
    // moves one step up, the others to at least the level they call for.
    if (BeingWorked(complaint)) {
        const auto& k = complaint.classification;
        if (k.severity && *k.severity >= 5) triggers.push_back({"severity_5", 2, "severity 5"});
        for (RiskFlag flag : k.risk_flags) {
            int level = (flag == RiskFlag::kLegal || flag == RiskFlag::kRegulator || flag == RiskFlag::kMedia) ? 3
                        : flag == RiskFlag::kVip                                                                ? 1
                                                                                                                : 2;
            triggers.push_back({"risk:" + std::string(complaint::ToString(flag)), level,
                                "risk flag " + std::string(complaint::ToString(flag))});
        }
        if (auto repeats = complaint.attributes.find("repeat_count"); repeats != complaint.attributes.end()) {
            if (std::atoi(repeats->second.c_str()) >= 3) triggers.push_back({"repeat_3", 1, "third repeat complaint"});
        }
        if (k.sentiment_score && *k.sentiment_score <= kSharplyNegativeSentiment) {
            triggers.push_back({"sentiment", 1, "sharply negative sentiment"});
        }
        if (!request.empty()) {
            triggers.push_back({"request:" + std::to_string(ToMillis(now)), -1, "escalation requested: " + request});
        }
        for (const Trigger& trigger : triggers) {
            if (HasEvent(history, EventKind::kEscalated, trigger.key, {})) continue;
            if (HasEvent(produced, EventKind::kEscalated, trigger.key, {})) continue;
            int from = summary.escalation_level;
            int to = trigger.level < 0 ? std::min(from + 1, 3) : std::max(from, trigger.level);
            if (to <= from) continue;
            std::string owner = OwnerFor(complaint, to);
            std::string previous_owner = complaint.assignee;
            summary.escalation_level = to;
            summary.escalation_reason = trigger.reason;
            if (!owner.empty()) complaint.assignee = owner;
            event(EventKind::kEscalated, now, trigger.key, std::string(EscalationLevelName(from)),
                  std::string(EscalationLevelName(to)),
                  trigger.reason + (owner.empty() ? "; nobody holds that level, the assignee is unchanged"
                                                  : "; owner " + (previous_owner.empty() ? "(none)" : previous_owner) +
                                                        " → " + owner));
        }
    }
    return produced;
}

}  // namespace heed::core::services
