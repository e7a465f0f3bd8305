#pragma once
// SLA use cases (SPEC §4): each tenant's calendars and policies, and the one place that applies them to a complaint —
// due times, warnings, breaches and the escalation chain. ComplaintService calls Apply on every write; the sweeper
// (SlaSweeper) calls it through ComplaintService::RecheckSla when a clock falls due.
//
// Thread-safety: safe to call from many threads; the per-tenant set-up is cached and replaced whole on change.

#include <functional>
#include <map>
#include <memory>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/identity_store.hpp"
#include "core/ports/sla_config_store.hpp"
#include "core/sla/clock.hpp"
#include "core/sla/config.hpp"
#include "core/workflow/actor.hpp"
#include "core/workflow/event.hpp"

namespace heed::core::services {

// The escalation chain: agent → team lead → manager → director / legal.
enum class EscalationLevel { kAgent = 0, kTeamLead = 1, kManager = 2, kDirector = 3 };
std::string_view EscalationLevelName(int level);

// Sentiment at or below this counts as sharply negative and escalates one step.
inline constexpr double kSharplyNegativeSentiment = -0.8;

class SlaService {
public:
    // `identity` finds the owner of each escalation level; `zones` resolves daylight saving (null: fixed offsets);
    // `audit` records changes of the set-up. All must outlive the service.
    SlaService(ports::SlaConfigStore& store, ports::IdentityStore* identity, const ports::TimeZones* zones,
               ports::AuditLog* audit);

    // The tenant's set-up, with time zones resolved (DefaultConfig() until the tenant saves its own).
    Result<std::shared_ptr<const sla::SlaConfig>> Config(TenantId tenant);

    // Replaces the whole set-up (managers and admins). Validated first, audited before it is stored; open complaints
    // keep their old due times until ComplaintService::RecomputeSla runs (the API calls it right after). Before the
    // set-up is stored, the tenant's durable recompute mark is set to a new generation; RecomputeSla clears it when
    // it finishes, and a server that finds it at start (a recomputation cut short) runs the recomputation again
    // (SlaRecomputeResumer).
    Result<std::shared_ptr<const sla::SlaConfig>> SetConfig(const workflow::Actor& by, sla::SlaConfig config);

    // The tenant's recompute mark (nullopt: none). Read while no set-up change is half-stored: a recomputation that
    // starts after reading generation N computes with the set-up of generation N or a later one.
    Result<std::optional<std::int64_t>> RecomputeMark(TenantId tenant);
    // Clears the mark if it is still `generation` (a change made meanwhile keeps its own mark).
    Result<void> ClearRecomputeMark(TenantId tenant, std::int64_t generation);
    // The tenants whose mark is set.
    Result<std::vector<TenantId>> TenantsToRecompute();

    // Applies the tenant's SLA to `complaint` as of `now` given its `history` (stored events plus those of the
    // change being made): sets the due times and the SLA summary, and returns the events this produces that the
    // history does not already hold — warnings, breaches and escalation steps — so applying twice adds nothing.
    // `request` is a customer's or staff member's explicit request to escalate (its reason), or empty.
    std::vector<workflow::Event> Apply(complaint::Complaint& complaint, const std::vector<workflow::Event>& history,
                                       Instant now, const std::string& request = {});

    // Who owns a complaint at an escalation level (1 team lead, 2 manager, 3 director); empty: nobody. The server
    // asks routing (RoutingService::EscalationOwner); without a finder the first enabled user of the level's role
    // is taken from the identity store.
    using OwnerFinder = std::function<std::string(const complaint::Complaint&, int level)>;
    void SetOwnerFinder(OwnerFinder finder);

    // The live clocks of a complaint (time left, state of each clock) without changing anything.
    Result<sla::SlaState> Live(const complaint::Complaint& complaint, const std::vector<workflow::Event>& history,
                               Instant now);

private:
    std::string OwnerFor(const complaint::Complaint& complaint, int level);

    ports::SlaConfigStore& store_;
    ports::IdentityStore* identity_;
    const ports::TimeZones* zones_;
    ports::AuditLog* audit_;
    std::mutex mutex_;
    std::map<TenantId, std::shared_ptr<const sla::SlaConfig>> cache_;
    // Serialises storing a set-up with its mark, and reading or clearing the mark (never held with mutex_ waited on
    // the other way round: SetConfig takes mutex_ inside it).
    std::mutex mark_mutex_;
    std::int64_t last_generation_ = 0;  // under mark_mutex_: the newest generation this process wrote
    std::shared_ptr<const OwnerFinder> owner_finder_;  // under mutex_
};

}  // namespace heed::core::services
