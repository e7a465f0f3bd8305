#pragma once
// Use cases on complaints, written against the ports. Handlers (HTTP, CLI) parse input, call one of these and map
// the result; nothing here knows about JSON or SQL.
//
// Thread-safety: safe to call from many threads (the store and clock are).

#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/complaint/message.hpp"
#include "core/complaint/patch.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/services/sla_service.hpp"
#include "core/workflow/transitions.hpp"

namespace heed::core::services {

class TriageService;

class ComplaintService {
public:
    // The references (and `sla`, when given) must outlive the service. Without `sla` complaints get no SLA clocks.
    ComplaintService(ports::ComplaintStore& store, const ports::Clock& clock, SlaService* sla = nullptr);

    // Called with a complaint's next SLA check time after every write that sets one (the sweeper's wake-up).
    void OnSlaCheck(std::function<void(Instant)> notify) { on_sla_check_ = std::move(notify); }

    // Intake triage (optional; must outlive the service): every new complaint is triaged before it is stored, and
    // a person's edit of a triage field is recorded as a label. Set once, before the service is used.
    void SetTriage(TriageService* triage) { triage_ = triage; }

    // Intake: validates, stamps received_at (unless an import gave one) and acknowledged_at, starts in `new`, and
    // records the created and acknowledged events so the customer immediately has a number to track.
    Result<complaint::Complaint> File(const workflow::Actor& actor, complaint::Complaint draft);

    // File without blocking: `done` gets the result once it is committed (possibly on the store's writer thread, so
    // it should hand the result off rather than do heavy work). Invalid drafts call `done` at once.
    void FileAsync(const workflow::Actor& actor, complaint::Complaint draft,
                   std::function<void(Result<complaint::Complaint>)> done);

    // Validated drafts for bulk intake (imports, demo): each result stands alone.
    std::vector<Result<complaint::Complaint>> FileMany(const workflow::Actor& actor,
                                                       std::vector<ports::NewComplaint> drafts);

    // Tenant-wide reads, for the system itself (tracking, imports, tools).
    Result<complaint::Complaint> Get(TenantId tenant, ComplaintId id);
    Result<complaint::Complaint> GetByNumber(TenantId tenant, const std::string& number);
    Result<ports::ComplaintPage> List(TenantId tenant, const ports::ComplaintQuery& query);
    Result<std::vector<workflow::Event>> Events(TenantId tenant, ComplaintId id);
    Result<std::vector<complaint::Message>> Messages(TenantId tenant, ComplaintId id);

    // The same reads as a person sees them: within the actor's tenant and per-team visibility (ports::ScopeFor);
    // a complaint outside it is kNotFound, exactly like one of another tenant. Every write checks the same.
    Result<complaint::Complaint> Get(const workflow::Actor& actor, ComplaintId id);
    Result<ports::ComplaintPage> List(const workflow::Actor& actor, ports::ComplaintQuery query);
    Result<std::vector<workflow::Event>> Events(const workflow::Actor& actor, ComplaintId id);
    Result<std::vector<complaint::Message>> Messages(const workflow::Actor& actor, ComplaintId id);

    // Optimistic concurrency: kConflict when expected_version is not the stored version.
    Result<complaint::Complaint> Update(const workflow::Actor& actor, ComplaintId id, std::int64_t expected_version,
                                        const complaint::ComplaintPatch& patch);

    // expected_version is optional here: a transition re-checks the workflow against the stored state anyway.
    Result<complaint::Complaint> Transition(const workflow::Actor& actor, ComplaintId id,
                                            std::optional<std::int64_t> expected_version, workflow::Status to,
                                            const workflow::TransitionInput& input);

    // Merging (`to` = merged with input.merge_target): the duplicate is closed as merged into the primary, and the
    // primary records it in links.merged_from with a `linked` event (field merged_from, after = the duplicate's id,
    // note = its number and the reason) — both complaints in one transaction. The primary must be another complaint
    // the actor sees, neither merged nor rejected itself.

    // Links two complaints the actor sees as related, with a reason: each keeps the other in links.related and gets
    // a `linked` event (field related, after = the other's id, note = the reason), in one transaction. Returns the
    // complaint `id` as stored. Errors: kInvalidArgument (same complaint, no reason), kNotFound, kConflict (already
    // linked), kResourceExhausted (kMaxRelatedLinks), kPermissionDenied (customers, analysts).
    Result<complaint::Complaint> Link(const workflow::Actor& actor, ComplaintId id, ComplaintId other,
                                      const std::string& reason);
    // Removes the link from both, with a `linked` event each (field related, before = the other's id, after empty).
    // kNotFound when they are not linked.
    Result<complaint::Complaint> Unlink(const workflow::Actor& actor, ComplaintId id, ComplaintId other,
                                        const std::string& reason);

    // The first outbound message sets first_response_at. Customers may only write inbound messages.
    Result<complaint::Message> AddMessage(const workflow::Actor& actor, ComplaintId id,
                                          complaint::Direction direction, std::string body);

    // The service's clock (answers that show "now" next to computed times use it).
    Instant Now() const { return clock_.Now(); }

    // The live SLA clocks of a complaint the actor may see.
    Result<sla::SlaState> Sla(const workflow::Actor& actor, ComplaintId id);

    // Moves the complaint one step up the escalation chain at a person's request (staff, or the customer through
    // the portal), with the reason.
    Result<complaint::Complaint> Escalate(const workflow::Actor& actor, ComplaintId id, const std::string& reason);

    // Re-applies the SLA as of now: records warnings and breaches that fell due and escalates. Used by the sweeper;
    // a complaint changed meanwhile is retried. Returns the complaint as stored.
    Result<complaint::Complaint> RecheckSla(TenantId tenant, ComplaintId id);

    // Recomputes every open complaint of the tenant after its calendars or policies changed; returns how many
    // complaints changed. When it finishes it clears the tenant's recompute mark if the mark is still the one it
    // found at its start (SlaService::ClearRecomputeMark); a failed or stopped recomputation leaves the mark, so the
    // next server start runs it again. `stop` ends it early (between batches) with kUnavailable.
    Result<std::int64_t> RecomputeSla(TenantId tenant, std::stop_token stop = {});

    // Called with each complaint filed by File or FileAsync (not bulk loads), once it is committed, on the thread
    // that completed it (possibly the store's writer): it must only hand off (e.g. queue automatic assignment).
    // Set before the service is shared between threads.
    void SetIntakeObserver(std::function<void(const complaint::Complaint&)> observer) {
        on_filed_ = std::move(observer);
    }

    // Called with the complaint as stored and each `escalated` event it was stored with, whatever the write (intake,
    // a transition, a message, the sweeper, a request): to notify the new owner. It may run on the store's writer
    // thread (asynchronous intake), so it must only hand off. Set before the service is shared between threads.
    using EscalationListener = std::function<void(const complaint::Complaint&, const workflow::Event&)>;
    void SetEscalationListener(EscalationListener listener) { on_escalated_ = std::move(listener); }

    // Called after every stored transition with the complaint before and after it (follow-up scheduling, …).
    // Register at start-up, before the service is shared between threads.
    using TransitionListener = std::function<void(const workflow::Actor&, const complaint::Complaint& before,
                                                  const complaint::Complaint& after)>;
    void AddTransitionListener(TransitionListener listener) { listeners_.push_back(std::move(listener)); }

private:
    // The write that brings a complaint's stored SLA up to date as of `now` given its stored `history`: none when it
    // already is; new SLA values alone (ComplaintStore::SetSlaValues: no event, no new version) when only due times,
    // state, policy or check time move on an open or waiting complaint; else an update with the events raised (a
    // warning, a breach, an escalation).
    struct SlaRefreshWrite {
        std::optional<ports::SlaValuesUpdate> values;
        std::optional<ports::ComplaintUpdate> update;
    };
    SlaRefreshWrite SlaRefresh(const complaint::Complaint& current, const std::vector<workflow::Event>& history,
                               Instant now);
    // Applies the SLA to a changed complaint: `history` is what is stored, `events` the change's own; appends the
    // SLA's events to `events`.
    void ApplySla(complaint::Complaint& next, const std::vector<workflow::Event>& history,
                  std::vector<workflow::Event>& events, Instant now, const std::string& request = {});
    Result<ports::UpdateResult> StoreUpdate(ports::ComplaintUpdate update);
    // The merged duplicate (`change`) and the primary's record of it, in one transaction (complaint_links.cpp).
    Result<ports::UpdateResult> StoreMerge(const workflow::Actor& actor, const complaint::Complaint& duplicate,
                                           workflow::Change change, const complaint::Complaint& primary,
                                           const std::string& reason, Instant now);

    std::vector<TransitionListener> listeners_;
    Result<complaint::Complaint> Prepare(const workflow::Actor& actor, complaint::Complaint& draft,
                                         std::vector<workflow::Event>& events, Instant now);

    ports::ComplaintStore& store_;
    const ports::Clock& clock_;
    std::function<void(const complaint::Complaint&)> on_filed_;
    TriageService* triage_ = nullptr;
    SlaService* sla_;
    std::function<void(Instant)> on_sla_check_;
    EscalationListener on_escalated_;
};

}  // namespace heed::core::services
