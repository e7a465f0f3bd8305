#include "core/services/complaint_service.hpp"

#include <algorithm>
#include <chrono>

#include "core/ports/query_matching.hpp"


#include "core/common/utf8.hpp"
#include "core/complaint/validation.hpp"
#include "core/services/triage_service.hpp"

namespace heed::core::services {

using complaint::Complaint;
using workflow::Event;
using workflow::EventKind;

namespace {

// Concurrent messages on one complaint retry their optimistic write this many times before reporting a conflict.
constexpr int kMessageRetries = 5;

}  // namespace

ComplaintService::ComplaintService(ports::ComplaintStore& store, const ports::Clock& clock, SlaService* sla)
    : store_(store), clock_(clock), sla_(sla) {}

void ComplaintService::ApplySla(Complaint& next, const std::vector<Event>& history, std::vector<Event>& events,
                                Instant now, const std::string& request) {
    if (!sla_) return;
    std::vector<Event> produced;
    if (events.empty()) {
        produced = sla_->Apply(next, history, now, request);
    } else {
        std::vector<Event> all = history;
        all.insert(all.end(), events.begin(), events.end());
        produced = sla_->Apply(next, all, now, request);
    }
    events.insert(events.end(), std::make_move_iterator(produced.begin()), std::make_move_iterator(produced.end()));
}

namespace {
std::vector<Event> EscalationsIn(const std::vector<Event>& events) {
    std::vector<Event> found;
    for (const auto& e : events) {
        if (e.kind == EventKind::kEscalated) found.push_back(e);
    }
    return found;
}

void TellEscalations(const ComplaintService::EscalationListener& listener, const Result<Complaint>& stored,
                     const std::vector<Event>& escalations) {
    if (!listener || !stored) return;
    for (const auto& e : escalations) listener(*stored, e);
}
}  // namespace

Result<ports::UpdateResult> ComplaintService::StoreUpdate(ports::ComplaintUpdate update) {
    auto escalations = on_escalated_ ? EscalationsIn(update.events) : std::vector<Event>{};
    auto stored = store_.Update(std::move(update));
    if (stored && on_sla_check_ && stored->complaint.sla.check_at) on_sla_check_(*stored->complaint.sla.check_at);
    if (stored && on_escalated_) {
        for (const auto& e : escalations) on_escalated_(stored->complaint, e);
    }
    return stored;
}

Result<Complaint> ComplaintService::Prepare(const workflow::Actor& actor, Complaint& draft, std::vector<Event>& events,
                                            Instant now) {
    draft.tenant = actor.tenant;
    draft.status = workflow::Status::kNew;
    draft.version = 0;
    if (draft.milestones.received_at == Instant{}) draft.milestones.received_at = now;
    if (!draft.milestones.acknowledged_at) draft.milestones.acknowledged_at = now;
    draft.updated_at = now;
    if (auto valid = complaint::ValidateComplaint(draft); !valid) return tl::unexpected(valid.error());
    events.insert(events.begin(), {
        Event{{}, draft.tenant, {}, draft.milestones.received_at, actor.name, actor.role, EventKind::kCreated, {}, {},
              std::string(complaint::ToString(draft.channel)), {}},
        Event{{}, draft.tenant, {}, *draft.milestones.acknowledged_at, actor.name, actor.role,
              EventKind::kAcknowledged, {}, {}, {}, "complaint number and tracking link given to the customer"},
    });
    // Triage hook: classification, risk flags, rules, repeats and clusters, before the complaint is stored.
    if (triage_) triage_->Triage(draft, events);
    return draft;
}

namespace {
void NotifyCreated(const Result<Complaint>& created, const std::function<void(Instant)>& notify) {
    if (created && notify && created->sla.check_at) notify(*created->sla.check_at);
}
}  // namespace

Result<Complaint> ComplaintService::File(const workflow::Actor& actor, Complaint draft) {
    std::vector<Event> events;
    Instant now = clock_.Now();
    if (auto prepared = Prepare(actor, draft, events, now); !prepared) return prepared;
    ApplySla(draft, {}, events, now);
    auto escalations = on_escalated_ ? EscalationsIn(events) : std::vector<Event>{};
    auto filed = store_.Create({std::move(draft), std::move(events), {}});
    NotifyCreated(filed, on_sla_check_);
    if (filed && on_filed_) on_filed_(*filed);
    TellEscalations(on_escalated_, filed, escalations);
    return filed;
}

void ComplaintService::FileAsync(const workflow::Actor& actor, Complaint draft,
                                 std::function<void(Result<Complaint>)> done) {
    std::vector<Event> events;
    Instant now = clock_.Now();
    if (auto prepared = Prepare(actor, draft, events, now); !prepared) return done(std::move(prepared));
    ApplySla(draft, {}, events, now);
    auto escalations = on_escalated_ ? EscalationsIn(events) : std::vector<Event>{};
    if (on_filed_ || on_sla_check_ || !escalations.empty()) {
        done = [observer = on_filed_, notify = on_sla_check_, escalated = on_escalated_,
                escalations = std::move(escalations), done = std::move(done)](Result<Complaint> filed) {
            NotifyCreated(filed, notify);
            if (filed && observer) observer(*filed);
            TellEscalations(escalated, filed, escalations);
            done(std::move(filed));
        };
    }
    store_.CreateAsync({std::move(draft), std::move(events), {}}, std::move(done));
}

std::vector<Result<Complaint>> ComplaintService::FileMany(const workflow::Actor& actor,
                                                          std::vector<ports::NewComplaint> drafts) {
    Instant now = clock_.Now();
    std::vector<Result<Complaint>> results(drafts.size());
    std::vector<ports::NewComplaint> valid;
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        auto& draft = drafts[i].complaint;
        auto& events = drafts[i].events;
        workflow::Status final_status = draft.status;
        std::int64_t final_version = draft.version;
        auto prepared = Prepare(actor, draft, events, now);
        if (!prepared) {
            results[i] = prepared;
            continue;
        }
        // A bulk draft may carry a lifecycle already played through (demo, imports of closed cases).
        draft.status = final_status;
        draft.version = final_version;
        ApplySla(draft, {}, events, now);
        positions.push_back(i);
        valid.push_back(std::move(drafts[i]));
    }
    auto stored = store_.CreateMany(std::move(valid));
    for (std::size_t i = 0; i < stored.size(); ++i) {
        NotifyCreated(stored[i], on_sla_check_);
        results[positions[i]] = std::move(stored[i]);
    }
    return results;
}

Result<Complaint> ComplaintService::Get(TenantId tenant, ComplaintId id) { return store_.Get(tenant, id); }

Result<Complaint> ComplaintService::GetByNumber(TenantId tenant, const std::string& number) {
    return store_.GetByNumber(tenant, number);
}

Result<ports::ComplaintPage> ComplaintService::List(TenantId tenant, const ports::ComplaintQuery& query) {
    if (query.limit < 1 || query.limit > 500) {
        return Fail(ErrorCode::kInvalidArgument, "limit must be between 1 and 500", "limit");
    }
    if (!IsValidUtf8(query.text)) return Fail(ErrorCode::kInvalidArgument, "q is not valid UTF-8", "q");
    return store_.List(tenant, query);
}

Result<Complaint> ComplaintService::Get(const workflow::Actor& actor, ComplaintId id) {
    auto found = store_.Get(actor.tenant, id);
    if (!found) return found;
    // A customer (signed in by the portal as "customer:<number>") reaches their own complaint and nothing else.
    bool own = actor.role == workflow::Role::kCustomer && actor.name == "customer:" + found->number;
    if (auto scope = ports::ScopeFor(actor); scope && !own && !ports::InScope(*found, *scope)) {
        return Fail(ErrorCode::kNotFound, "complaint not found");
    }
    return found;
}

Result<ports::ComplaintPage> ComplaintService::List(const workflow::Actor& actor, ports::ComplaintQuery query) {
    query.scope = ports::ScopeFor(actor);
    return List(actor.tenant, query);
}

Result<std::vector<Event>> ComplaintService::Events(const workflow::Actor& actor, ComplaintId id) {
    if (auto found = Get(actor, id); !found) return tl::unexpected(found.error());
    return store_.Events(actor.tenant, id);
}

Result<std::vector<complaint::Message>> ComplaintService::Messages(const workflow::Actor& actor, ComplaintId id) {
    if (auto found = Get(actor, id); !found) return tl::unexpected(found.error());
    return store_.Messages(actor.tenant, id);
}

Result<std::vector<Event>> ComplaintService::Events(TenantId tenant, ComplaintId id) {
    return store_.Events(tenant, id);
}

Result<std::vector<complaint::Message>> ComplaintService::Messages(TenantId tenant, ComplaintId id) {
    return store_.Messages(tenant, id);
}

Result<Complaint> ComplaintService::Update(const workflow::Actor& actor, ComplaintId id, std::int64_t expected_version,
                                           const complaint::ComplaintPatch& patch) {
    auto current = Get(actor, id);
    if (!current) return current;
    if (current->version != expected_version) {
        return Fail(ErrorCode::kConflict, "complaint was changed by someone else (version " +
                                              std::to_string(current->version) + "); reload and retry", "version");
    }
    Instant now = clock_.Now();
    auto change = complaint::ApplyPatch(*current, patch, actor, now);
    if (!change) return tl::unexpected(change.error());
    std::vector<triage::TriageLabel> labels;
    if (triage_) {  // triage hook: corrections become labels for training
        labels = triage_->Corrections(actor, *current, change->complaint, change->events,
                                      patch.triage_reviewed.value_or(false));
    }
    if (change->events.empty()) return current;  // nothing changed: no event, no new version
    if (sla_) {
        auto history = store_.Events(actor.tenant, id);
        if (!history) return tl::unexpected(history.error());
        ApplySla(change->complaint, *history, change->events, now);
    }
    ports::ComplaintUpdate update{std::move(change->complaint), expected_version, std::move(change->events), {}};
    update.labels = std::move(labels);
    auto stored = StoreUpdate(std::move(update));
    if (!stored) return tl::unexpected(stored.error());
    return std::move(stored->complaint);
}

Result<Complaint> ComplaintService::Transition(const workflow::Actor& actor, ComplaintId id,
                                               std::optional<std::int64_t> expected_version, workflow::Status to,
                                               const workflow::TransitionInput& input) {
    auto current = Get(actor, id);
    if (!current) return current;
    if (expected_version && *expected_version != current->version) {
        return Fail(ErrorCode::kConflict, "complaint was changed by someone else (version " +
                                              std::to_string(current->version) + "); reload and retry", "version");
    }
    std::optional<Complaint> primary;
    if (input.merge_target && to == workflow::Status::kMerged) {
        auto target = Get(actor, *input.merge_target);
        if (!target) {
            return Fail(ErrorCode::kInvalidArgument, "the complaint to merge into does not exist", "merge_target");
        }
        if (target->status == workflow::Status::kMerged || target->status == workflow::Status::kRejected) {
            return Fail(ErrorCode::kInvalidArgument,
                        "cannot merge into " + target->number + ": it is " +
                            std::string(workflow::ToString(target->status)) + " itself",
                        "merge_target");
        }
        primary = std::move(*target);
    }
    if (!IsValidUtf8(input.reason) || !IsValidUtf8(input.assignee) || !IsValidUtf8(input.resolution_summary)) {
        return Fail(ErrorCode::kInvalidArgument, "text is not valid UTF-8", "reason");
    }
    Instant now = clock_.Now();
    auto change = workflow::ApplyTransition(*current, to, input, actor, now);
    if (!change) return tl::unexpected(change.error());
    if (auto valid = complaint::ValidateComplaint(change->complaint); !valid) return tl::unexpected(valid.error());
    if (sla_) {
        auto history = store_.Events(actor.tenant, id);
        if (!history) return tl::unexpected(history.error());
        ApplySla(change->complaint, *history, change->events, now);
    }
    Result<ports::UpdateResult> stored;
    if (primary && change->complaint.status == workflow::Status::kMerged) {
        stored = StoreMerge(actor, *current, std::move(*change), *primary, input.reason, now);
    } else {
        stored = StoreUpdate({std::move(change->complaint), current->version, std::move(change->events), {}});
    }
    if (!stored) return tl::unexpected(stored.error());
    for (const auto& listener : listeners_) listener(actor, *current, stored->complaint);
    return std::move(stored->complaint);
}

Result<complaint::Message> ComplaintService::AddMessage(const workflow::Actor& actor, ComplaintId id,
                                                        complaint::Direction direction, std::string body) {
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Fail(ErrorCode::kInvalidArgument, "body is required", "body");
    }
    if (body.size() > complaint::kMaxMessageBytes) {
        return Fail(ErrorCode::kInvalidArgument,
                    "body is longer than " + std::to_string(complaint::kMaxMessageBytes) + " bytes", "body");
    }
    if (!IsValidUtf8(body)) return Fail(ErrorCode::kInvalidArgument, "body is not valid UTF-8", "body");
    if (actor.role == workflow::Role::kCustomer && direction != complaint::Direction::kInbound) {
        return Fail(ErrorCode::kPermissionDenied, "customers can only send inbound messages", "direction");
    }
    for (int attempt = 0;; ++attempt) {
        auto current = Get(actor, id);
        if (!current) return tl::unexpected(current.error());
        Instant now = clock_.Now();
        Complaint next = *current;
        next.updated_at = now;
        std::vector<Event> events{Event{{}, actor.tenant, id, now, actor.name, actor.role, EventKind::kMessageAdded,
                                        std::string(complaint::ToString(direction)), {}, {}, {}}};
        if (direction == complaint::Direction::kOutbound && !next.milestones.first_response_at) {
            next.milestones.first_response_at = now;
            events.push_back(Event{{}, actor.tenant, id, now, actor.name, actor.role, EventKind::kFieldChanged,
                                   "first_response_at", {}, FormatIso8601(now), {}});
        }
        if (sla_) {
            auto history = store_.Events(actor.tenant, id);
            if (!history) return tl::unexpected(history.error());
            ApplySla(next, *history, events, now);
        }
        complaint::Message message{{}, actor.tenant, id, direction, actor.name, actor.role, body, now};
        auto stored = StoreUpdate({std::move(next), current->version, std::move(events), std::move(message)});
        if (stored) return std::move(*stored->message);
        if (stored.error().code != ErrorCode::kConflict || attempt + 1 >= kMessageRetries) {
            return tl::unexpected(stored.error());
        }
    }
}

Result<sla::SlaState> ComplaintService::Sla(const workflow::Actor& actor, ComplaintId id) {
    auto found = Get(actor, id);
    if (!found) return tl::unexpected(found.error());
    if (!sla_) return sla::SlaState{};
    auto history = store_.Events(actor.tenant, id);
    if (!history) return tl::unexpected(history.error());
    return sla_->Live(*found, *history, clock_.Now());
}

Result<Complaint> ComplaintService::Escalate(const workflow::Actor& actor, ComplaintId id, const std::string& reason) {
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Fail(ErrorCode::kInvalidArgument, "a reason is required", "reason");
    }
    if (reason.size() > complaint::kMaxTextFieldBytes || !IsValidUtf8(reason)) {
        return Fail(ErrorCode::kInvalidArgument, "the reason must be valid UTF-8 of at most 2000 bytes", "reason");
    }
    if (actor.role == workflow::Role::kAnalyst || actor.role == workflow::Role::kDepartment) {
        return Fail(ErrorCode::kPermissionDenied, "this role cannot escalate complaints");
    }
    if (!sla_) return Fail(ErrorCode::kUnavailable, "escalation is not configured");
    for (int attempt = 0;; ++attempt) {
        auto current = Get(actor, id);
        if (!current) return current;
        if (auto category = workflow::CategoryOf(current->status);
            category != workflow::StatusCategory::kOpen && category != workflow::StatusCategory::kPaused) {
            return Fail(ErrorCode::kConflict, "the complaint is " +
                                                            std::string(workflow::ToString(current->status)) +
                                                            " and cannot be escalated", "status");
        }
        if (current->sla.escalation_level >= 3) {
            return Fail(ErrorCode::kConflict, "the complaint is already at the top of the escalation chain",
                        "escalation_level");
        }
        auto history = store_.Events(actor.tenant, id);
        if (!history) return tl::unexpected(history.error());
        Instant now = clock_.Now();
        if (actor.role == workflow::Role::kCustomer) {
            // A customer moves their complaint one step a day at most: the portal cannot walk it to the top at once.
            bool recent = std::any_of(history->begin(), history->end(), [&](const Event& e) {
                return e.kind == EventKind::kEscalated && e.actor == actor.name && now - e.at < std::chrono::hours(24);
            });
            if (recent) {
                return Fail(ErrorCode::kConflict,
                            "an escalation was already requested in the last 24 hours; the new owner will contact you",
                            "reason");
            }
        }
        Complaint next = *current;
        next.updated_at = now;
        std::vector<Event> events;
        ApplySla(next, *history, events, now, actor.name + ": " + reason);
        for (auto& event : events) {
            if (event.kind == EventKind::kEscalated && event.field.rfind("request:", 0) == 0) {
                event.actor = actor.name;
                event.actor_role = actor.role;
            }
        }
        auto stored = StoreUpdate({std::move(next), current->version, std::move(events), {}});
        if (stored) return std::move(stored->complaint);
        if (stored.error().code != ErrorCode::kConflict || attempt + 1 >= kMessageRetries) {
            return tl::unexpected(stored.error());
        }
    }
}

}  // namespace heed::core::services
