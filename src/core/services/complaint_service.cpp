#include "core/services/complaint_service.hpp"

#include <algorithm>
#include <chrono>

#include "core/ports/query_matching.hpp"

#include <future>

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

ComplaintService::SlaRefreshWrite ComplaintService::SlaRefresh(const Complaint& current,
                                                               const std::vector<Event>& history, Instant now) {
    Complaint next = current;
    std::vector<Event> events;
    ApplySla(next, history, events, now);
    bool values_changed = next.first_response_due_at != current.first_response_due_at ||
                          next.resolution_due_at != current.resolution_due_at ||
                          next.sla.next_update_due_at != current.sla.next_update_due_at ||
                          next.sla.regulatory_due_at != current.sla.regulatory_due_at ||
                          next.sla.check_at != current.sla.check_at || next.sla.state != current.sla.state ||
                          next.sla.policy != current.sla.policy;
    bool owner_changed = next.assignee != current.assignee ||
                         next.sla.escalation_level != current.sla.escalation_level ||
                         next.sla.escalation_reason != current.sla.escalation_reason;
    if (events.empty() && !owner_changed) {
        if (!values_changed) return {};
        auto category = workflow::CategoryOf(current.status);
        if (category == workflow::StatusCategory::kOpen || category == workflow::StatusCategory::kPaused) {
            // Derived values moved, nothing happened to the complaint: no event, no new version (SetSlaValues).
            return {ports::SlaValuesUpdate{std::move(next), current.version}, std::nullopt};
        }
        // A solved or ended complaint keeps its values in its row: the timeline says why they moved.
        events.push_back(Event{{}, current.tenant, current.id, now, "system", workflow::Role::kSystem,
                               EventKind::kFieldChanged, "sla", current.sla.policy + " " + current.sla.state,
                               next.sla.policy + " " + next.sla.state, "SLA recomputed"});
    }
    next.updated_at = now;
    ports::ComplaintUpdate update{std::move(next), current.version, std::move(events), {}};
    update.sla_only = true;
    return {std::nullopt, std::move(update)};
}

Result<Complaint> ComplaintService::RecheckSla(TenantId tenant, ComplaintId id) {
    for (int attempt = 0;; ++attempt) {
        auto current = store_.Get(tenant, id);
        if (!current || !sla_) return current;
        auto history = store_.Events(tenant, id);
        if (!history) return tl::unexpected(history.error());
        auto write = SlaRefresh(*current, *history, clock_.Now());
        Result<Complaint> stored = current;
        if (write.values) {
            std::vector<ports::SlaValuesUpdate> one;
            one.push_back(std::move(*write.values));
            stored = std::move(store_.SetSlaValues(std::move(one)).front());
        } else if (write.update) {
            auto updated = StoreUpdate(std::move(*write.update));
            stored = updated ? Result<Complaint>(std::move(updated->complaint)) : tl::unexpected(updated.error());
        } else {
            return current;
        }
        if (stored) {
            if (write.values && on_sla_check_ && stored->sla.check_at) on_sla_check_(*stored->sla.check_at);
            return stored;
        }
        if (stored.error().code != ErrorCode::kConflict || attempt + 1 >= kMessageRetries) return stored;
    }
}

Result<std::int64_t> ComplaintService::RecomputeSla(TenantId tenant, std::stop_token stop) {
    if (!sla_) return std::int64_t{0};
    // The mark as of now: every complaint read from here on is computed with that set-up or a later one.
    auto mark = sla_->RecomputeMark(tenant);
    if (!mark) return tl::unexpected(mark.error());
    // The open and waiting complaints come as the SLA reads them (ComplaintStore::ForEachSlaInputs: on SQLite one
    // narrow row each), in batches of 1000. Most changed complaints only have their due times moved: those get new
    // SLA values (SetSlaValues: a narrow row each, no event, no new version), written in one transaction per 20 000
    // on a second thread while the next batches are read and computed. The few that warn, breach or escalate are
    // updated from their whole record with their events afterwards (RefreshWhole). A complaint changed meanwhile (a
    // conflict) is rechecked on its own. The price of large transactions: other writes wait for the current one.
    constexpr std::size_t kWriteBatch = 20000;
    store_.BulkUpdates(true);
    struct BulkEnd {
        ports::ComplaintStore& store;
        ~BulkEnd() { store.BulkUpdates(false); }
    } bulk_end{store_};
    std::int64_t changed = 0;
    std::optional<Error> failure;
    std::optional<Instant> earliest_check;
    auto note_check = [&](const std::optional<Instant>& check) {
        if (check && (!earliest_check || *check < *earliest_check)) earliest_check = check;
    };
    struct Written {
        std::vector<ComplaintId> ids;
        std::vector<Result<Complaint>> results;
    };
    std::future<Written> writing;
    // Takes in the results of the batch being written, if any.
    auto settle = [&]() -> bool {
        if (!writing.valid()) return true;
        Written written = writing.get();
        for (std::size_t i = 0; i < written.results.size(); ++i) {
            auto& result = written.results[i];
            if (result) {
                ++changed;
                note_check(result->sla.check_at);
                continue;
            }
            if (result.error().code == ErrorCode::kNotFound) continue;  // deleted meanwhile
            if (result.error().code != ErrorCode::kConflict) {
                failure = result.error();
                return false;
            }
            auto again = RecheckSla(tenant, written.ids[i]);
            if (!again && again.error().code != ErrorCode::kNotFound) {
                failure = again.error();
                return false;
            }
            ++changed;
            if (again) note_check(again->sla.check_at);
        }
        return true;
    };
    std::vector<ports::SlaValuesUpdate> pending;
    // Waits for the transaction being written, then starts writing the pending values.
    auto write = [&]() -> bool {
        if (!settle()) return false;
        if (pending.empty()) return true;
        Written written;
        for (const auto& u : pending) written.ids.push_back(u.complaint.id);
        writing = std::async(std::launch::async, [this, values = std::move(pending),
                                                  written = std::move(written)]() mutable {
            written.results = store_.SetSlaValues(std::move(values));
            return std::move(written);
        });
        pending = {};
        return true;
    };
    std::vector<ComplaintId> whole;  // raised events: updated from the whole record
    auto visited = store_.ForEachSlaInputs(tenant, [&](std::vector<ports::SlaInputs>& batch) {
        if (stop.stop_requested()) {
            failure = Error{ErrorCode::kUnavailable, "the SLA recomputation was stopped", "", {}};
            return false;
        }
        // The clocks of the batch on two threads (half each), while a third writes the batch before.
        Instant now = clock_.Now();
        std::vector<SlaRefreshWrite> refreshed(batch.size());
        auto compute = [&](std::size_t from, std::size_t to) {
            for (std::size_t i = from; i < to; ++i) refreshed[i] = SlaRefresh(batch[i].complaint, batch[i].history, now);
        };
        const std::size_t half = batch.size() / 2;
        auto other = std::async(std::launch::async, compute, half, batch.size());
        compute(0, half);
        other.get();
        for (std::size_t i = 0; i < refreshed.size(); ++i) {
            if (refreshed[i].values) pending.push_back(std::move(*refreshed[i].values));
            if (refreshed[i].update) whole.push_back(batch[i].complaint.id);
        }
        return pending.size() < kWriteBatch || write();
    });
    if (!failure && visited) write();
    settle();  // whatever happened, the batch being written is waited for
    if (!visited) return tl::unexpected(visited.error());
    if (failure) return tl::unexpected(*failure);
    // The ones that raised events, from their whole records: 1000 a batch, one transaction each.
    for (std::size_t from = 0; from < whole.size(); from += 1000) {
        if (stop.stop_requested()) return Fail(ErrorCode::kUnavailable, "the SLA recomputation was stopped");
        std::vector<ComplaintId> ids(whole.begin() + static_cast<std::ptrdiff_t>(from),
                                     whole.begin() + static_cast<std::ptrdiff_t>(std::min(whole.size(), from + 1000)));
        auto histories = store_.EventsOfMany(tenant, ids);
        if (!histories) return tl::unexpected(histories.error());
        Instant now = clock_.Now();
        std::vector<ports::ComplaintUpdate> updates;
        std::vector<ComplaintId> rechecks;
        for (ComplaintId id : ids) {
            auto current = store_.Get(tenant, id);
            if (!current) {
                if (current.error().code == ErrorCode::kNotFound) continue;
                return tl::unexpected(current.error());
            }
            auto refresh = SlaRefresh(*current, (*histories)[id.value], now);
            if (refresh.update) {
                updates.push_back(std::move(*refresh.update));
            } else if (refresh.values) {
                rechecks.push_back(id);  // changed meanwhile: no events any more
            }
        }
        std::vector<ComplaintId> written;
        for (const auto& u : updates) written.push_back(u.complaint.id);
        auto results = store_.UpdateMany(std::move(updates));
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (results[i]) {
                ++changed;
                note_check(results[i]->complaint.sla.check_at);
            } else if (results[i].error().code == ErrorCode::kConflict) {
                rechecks.push_back(written[i]);
            } else if (results[i].error().code != ErrorCode::kNotFound) {
                return tl::unexpected(results[i].error());
            }
        }
        for (ComplaintId id : rechecks) {
            auto again = RecheckSla(tenant, id);
            if (!again) {
                if (again.error().code == ErrorCode::kNotFound) continue;
                return tl::unexpected(again.error());
            }
            ++changed;
            note_check(again->sla.check_at);
        }
    }
    if (earliest_check && on_sla_check_) on_sla_check_(*earliest_check);
    if (*mark) {
        if (auto cleared = sla_->ClearRecomputeMark(tenant, **mark); !cleared) return tl::unexpected(cleared.error());
    }
    return changed;
}

}  // namespace heed::core::services
