// ComplaintService's SLA upkeep outside a write: the recheck of one complaint (the sweeper's) and the recomputation
// of a tenant's open complaints after a change of calendars or policies (docs/sla.md).
#include <algorithm>
#include <future>

#include "core/services/complaint_service.hpp"

namespace heed::core::services {

using complaint::Complaint;
using workflow::Event;
using workflow::EventKind;

namespace {

// A complaint changed meanwhile is read and rechecked this many times before the conflict is reported.
constexpr int kRecheckRetries = 5;

}  // namespace

ComplaintService::SlaRefreshWrite ComplaintService::SlaRefresh(const Complaint& current,
                                                               const std::vector<Event>& history, Instant now) {
    Complaint next = current;
    std::vector<Event> events;
    ApplySla(next, history, events, now);
    const bool values_changed = !ports::SameSlaValues(next, current);
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
        if (stored.error().code != ErrorCode::kConflict || attempt + 1 >= kRecheckRetries) return stored;
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
    pending.reserve(kWriteBatch + 1000);  // a full batch of reads over the threshold: no moves of grown vectors
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
        pending.reserve(kWriteBatch + 1000);
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
