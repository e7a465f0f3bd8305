#pragma once
// The storage port for complaints, their events and messages. Implementations: storage/memory (the twin used by
// core tests) and storage/sqlite; both pass storage/contract. Every method is scoped by tenant: an id from another
// tenant is kNotFound, never visible.
//
// Thread-safety: implementations are safe to call from many threads at once. Durability: when a write returns
// success, it is committed (a crash afterwards loses nothing of it).

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"
#include "core/complaint/message.hpp"
#include "core/triage/index_entries.hpp"
#include "core/workflow/event.hpp"

namespace heed::core::ports {

enum class SortOrder {
    kReceivedDesc,  // newest first (default)
    kReceivedAsc,
    kDueAsc,        // soonest resolution due first; complaints without a due time last
};

// Keyset position: the sort key of the last item returned and its id as tie-breaker.
struct Cursor {
    std::int64_t key = 0;
    ComplaintId id;
    auto operator<=>(const Cursor&) const = default;
};

struct ComplaintQuery {
    std::vector<workflow::Status> statuses;  // any of these; empty = all
    std::optional<std::string> number;  // exactly this complaint number (TS…) of the tenant
    std::optional<std::string> category;
    std::optional<std::string> assignee;
    std::optional<complaint::Channel> channel;
    std::optional<Instant> received_from;  // inclusive
    std::optional<Instant> received_to;    // exclusive
    bool triage_queue = false;             // only complaints waiting for a person to confirm their triage
    // Only complaints whose SLA summary (Complaint::sla.state) is one of these: breached, warning, running, paused,
    // met, stopped, inactive. Empty = any.
    std::vector<std::string> sla_states;
    std::string text;  // full-text over subject + description; with text, results come newest intake (highest id) first
    SortOrder sort = SortOrder::kReceivedDesc;
    int limit = 50;  // 1 … 500
    std::optional<Cursor> after;
    // Per-team visibility, set by the service from the actor (never from request input): when present, only
    // complaints of `team` or not yet given to a team, complaints handed to `department`, and complaints assigned to
    // `user` match. A scope with none of them matches nothing.
    struct Scope {
        std::optional<std::string> team;
        std::optional<std::string> department;
        std::string user;
    };
    std::optional<Scope> scope;
};

struct ComplaintPage {
    std::vector<complaint::Complaint> items;
    std::optional<Cursor> next;  // absent on the last page
};

struct NewComplaint {
    complaint::Complaint complaint;            // id, number and version are assigned by the store
    std::vector<workflow::Event> events;       // complaint ids are filled in by the store
    // Messages that came with it (bulk loads of a played-through history). The i-th message_added event is linked
    // to the i-th message.
    std::vector<complaint::Message> messages;
};

struct ComplaintUpdate {
    complaint::Complaint complaint;               // the whole new state
    std::int64_t expected_version = 0;            // kConflict unless the stored version equals this
    std::vector<workflow::Event> events;          // at least one
    std::optional<complaint::Message> message;    // stored in the same transaction
    bool erase_messages = false;                  // replace every message body of the complaint (erasure)
    std::vector<triage::TriageLabel> labels;      // a person's triage corrections, stored in the same transaction
    // Only what the SLA sets changed (due times, the SLA summary, escalation level and owner): the store may skip
    // what it derives from the rest of the record (triage indexes, the columns and indexes of status, category and
    // texts). An SLA-only update that changes the status, channel, service type, category, subject or description
    // is refused (kInvalidArgument) and changes nothing.
    bool sla_only = false;
};

// New SLA values for a complaint whose own fields did not change — what a recomputation after a change of calendars
// or policies finds when it raises no warning, breach or escalation: the due times, the SLA state and policy name and
// the check time. They are derived values, not a change of the record: no event, no new version, updated_at kept.
struct SlaValuesUpdate {
    complaint::Complaint complaint;     // the complaint as read, with the new SLA values set
    std::int64_t expected_version = 0;  // kConflict unless the stored version equals this
};

// The SLA values SlaValuesUpdate sets, copied from `from` to `to`.
inline void CopySlaValues(const complaint::Complaint& from, complaint::Complaint& to) {
    to.first_response_due_at = from.first_response_due_at;
    to.resolution_due_at = from.resolution_due_at;
    to.sla.policy = from.sla.policy;
    to.sla.state = from.sla.state;
    to.sla.next_update_due_at = from.sla.next_update_due_at;
    to.sla.regulatory_due_at = from.sla.regulatory_due_at;
    to.sla.check_at = from.sla.check_at;
}

// An open or waiting complaint as a recomputation of the SLA reads it: the complaint — possibly only the fields the
// SLA reads (core/sla/inputs.hpp) and its SLA values — and the events of the kinds the SLA reads, oldest first.
struct SlaInputs {
    complaint::Complaint complaint;
    std::vector<workflow::Event> history;
};

// Whether two complaints hold the same SLA values (those CopySlaValues copies).
inline bool SameSlaValues(const complaint::Complaint& a, const complaint::Complaint& b) {
    return a.first_response_due_at == b.first_response_due_at && a.resolution_due_at == b.resolution_due_at &&
           a.sla.policy == b.sla.policy && a.sla.state == b.sla.state &&
           a.sla.next_update_due_at == b.sla.next_update_due_at &&
           a.sla.regulatory_due_at == b.sla.regulatory_due_at && a.sla.check_at == b.sla.check_at;
}

struct UpdateResult {
    complaint::Complaint complaint;  // as stored, version incremented
    std::optional<complaint::Message> message;
};

// A complaint whose SLA clocks need a look (Complaint::sla.check_at).
struct SlaCheck {
    TenantId tenant;
    ComplaintId id;
    Instant at{};
};

class ComplaintStore {
public:
    virtual ~ComplaintStore() = default;

    // Stores a new complaint with its events, assigning the id, version 1 and the number: the next sequence of the
    // tenant in the month of received_at. kConflict when source_ref is set and already used in the tenant.
    virtual Result<complaint::Complaint> Create(NewComplaint complaint) = 0;

    // Create without blocking the caller: `done` is called once the complaint is committed (or failed), possibly on
    // another thread and possibly before this returns. The default runs Create and calls `done` at once.
    virtual void CreateAsync(NewComplaint complaint, std::function<void(Result<complaint::Complaint>)> done) {
        done(Create(std::move(complaint)));
    }

    // Like Create for many complaints in one transaction; each succeeds or fails on its own.
    virtual std::vector<Result<complaint::Complaint>> CreateMany(std::vector<NewComplaint> complaints) = 0;

    virtual Result<complaint::Complaint> Get(TenantId tenant, ComplaintId id) = 0;
    virtual Result<complaint::Complaint> GetByNumber(TenantId tenant, const std::string& number) = 0;

    // Replaces the complaint if its stored version equals expected_version (else kConflict), appends the events and
    // the optional message.
    virtual Result<UpdateResult> Update(ComplaintUpdate update) = 0;

    // Like Update for many complaints in one transaction; each succeeds or fails (kConflict, kNotFound) on its own.
    // For bulk work such as recomputing SLA clocks after a policy change. The default updates one by one.
    virtual std::vector<Result<UpdateResult>> UpdateMany(std::vector<ComplaintUpdate> updates) {
        std::vector<Result<UpdateResult>> results;
        results.reserve(updates.size());
        for (auto& update : updates) results.push_back(Update(std::move(update)));
        return results;
    }

    // Sets the SLA values of many open or waiting complaints (SlaValuesUpdate), each standing or failing on its own
    // (kConflict: another version or status is stored; kNotFound; kInvalidArgument: the complaint given is solved or
    // ended — those keep their values in their record); what comes back is the complaint as it now reads. Later reads, lists in due order and SLA checks see
    // the new values; the next Update of the complaint stores whatever SLA values it carries.
    virtual std::vector<Result<complaint::Complaint>> SetSlaValues(std::vector<SlaValuesUpdate> updates) = 0;

    // Calls `visit` with every open or waiting complaint of the tenant and its events as the SLA reads them
    // (SlaInputs), in batches of up to 1000 in id order, until it returns false. The default reads whole records and
    // their events; SQLite reads the narrow rows it keeps for this (core/sla/inputs.hpp).
    virtual Result<void> ForEachSlaInputs(TenantId tenant, const std::function<bool(std::vector<SlaInputs>&)>& visit) {
        constexpr std::size_t kBatch = 1000;
        std::vector<SlaInputs> batch;
        std::optional<Error> failure;
        bool stopped = false;
        auto flush = [&]() {
            if (batch.empty()) return true;
            std::vector<ComplaintId> ids;
            for (const auto& inputs : batch) ids.push_back(inputs.complaint.id);
            auto histories = EventsOfMany(tenant, ids);
            if (!histories) {
                failure = histories.error();
                return false;
            }
            for (auto& inputs : batch) inputs.history = std::move((*histories)[inputs.complaint.id.value]);
            stopped = !visit(batch);
            batch.clear();
            return !stopped;
        };
        auto visited = ForEach(tenant, [&](const complaint::Complaint& c) {
            auto category = workflow::CategoryOf(c.status);
            if (category == workflow::StatusCategory::kOpen || category == workflow::StatusCategory::kPaused) {
                batch.push_back({c, {}});
            }
            return batch.size() < kBatch || flush();
        });
        if (!visited) return visited;
        if (failure) return tl::unexpected(*failure);
        if (!stopped) flush();
        if (failure) return tl::unexpected(*failure);
        return {};
    }

    // A hint that bulk updates (UpdateMany of thousands, such as recomputing every open complaint's SLA) follow until
    // it is called with false: a store may hold more of its indexes in memory meanwhile. Changes no data.
    virtual void BulkUpdates(bool /*active*/) {}

    // The events of many complaints of one tenant, by complaint id (each present, possibly empty: none for a
    // complaint deleted meanwhile or of another tenant), in id order. The default reads them one complaint at a
    // time; SQLite reads the batch in one scan.
    virtual Result<std::map<std::int64_t, std::vector<workflow::Event>>> EventsOfMany(
        TenantId tenant, const std::vector<ComplaintId>& ids) {
        std::map<std::int64_t, std::vector<workflow::Event>> events;
        for (ComplaintId id : ids) {
            auto found = Events(tenant, id);
            if (!found && found.error().code != ErrorCode::kNotFound) return tl::unexpected(found.error());
            events[id.value] = found ? std::move(*found) : std::vector<workflow::Event>{};
        }
        return events;
    }

    // Several updates in one transaction, all or none (merging and linking change two complaints): the first that
    // fails (stale version, not found) fails the whole, and nothing of the others is stored.
    virtual Result<std::vector<UpdateResult>> UpdateAll(std::vector<ComplaintUpdate> updates) = 0;

    // Removes the complaint with its events and messages (retention); the audit log records who did it. kNotFound
    // when absent.
    virtual Result<void> Delete(TenantId tenant, ComplaintId id, const workflow::Actor& by) = 0;

    virtual Result<ComplaintPage> List(TenantId tenant, const ComplaintQuery& query) = 0;
    virtual Result<std::vector<workflow::Event>> Events(TenantId tenant, ComplaintId id) = 0;
    virtual Result<std::vector<complaint::Message>> Messages(TenantId tenant, ComplaintId id) = 0;
    virtual Result<std::int64_t> Count(TenantId tenant) = 0;

    // Across all tenants: complaints whose sla.check_at ≤ until, earliest first, at most `limit`. Served by an index.
    virtual Result<std::vector<SlaCheck>> SlaChecksDue(Instant until, int limit) = 0;
    // The earliest sla.check_at of any complaint; nullopt when none is set.
    virtual Result<std::optional<Instant>> NextSlaCheck() = 0;

    // Calls `visit` for every complaint of the tenant in id order until it returns false.
    virtual Result<void> ForEach(TenantId tenant, const std::function<bool(const complaint::Complaint&)>& visit) = 0;

    // For each of `assignees`, how many of the tenant's complaints assigned to them are open or paused (not
    // resolved, in follow-up or ended): the load routing balances. Names with none are absent from the result. The
    // default visits every complaint (fine for the in-memory twin); SQLite answers from its assignee index.
    virtual Result<std::map<std::string, std::int64_t>> OpenCountsByAssignee(TenantId tenant,
                                                                            const std::vector<std::string>& assignees) {
        std::map<std::string, std::int64_t> counts;
        std::set<std::string> wanted(assignees.begin(), assignees.end());
        auto visited = ForEach(tenant, [&](const complaint::Complaint& c) {
            auto category = workflow::CategoryOf(c.status);
            if ((category == workflow::StatusCategory::kOpen || category == workflow::StatusCategory::kPaused) &&
                wanted.count(c.assignee)) {
                ++counts[c.assignee];
            }
            return true;
        });
        if (!visited) return tl::unexpected(visited.error());
        return counts;
    }
};

}  // namespace heed::core::ports
