#include "storage/sqlite/due_order.hpp"

#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <limits>
#include <mutex>

#include "core/sla/clock.hpp"

namespace heed::storage::sqlite {

namespace {

constexpr std::uint8_t kNoState = 0;

std::uint8_t StatusCode(core::workflow::Status status) {
    return static_cast<std::uint8_t>(status);
}

bool Before(const DueOrder::Candidate& a, const DueOrder::Candidate& b) {
    return a.due_key != b.due_key ? a.due_key < b.due_key : a.id < b.id;
}

}  // namespace

bool DueOrder::Holds(core::workflow::Status status) {
    auto category = core::workflow::CategoryOf(status);
    return category == core::workflow::StatusCategory::kOpen || category == core::workflow::StatusCategory::kPaused;
}

std::uint8_t DueOrder::StateCode(std::string_view state) {
    const auto& names = core::sla::kClockStateNames;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].second == state) return static_cast<std::uint8_t>(i + 1);
    }
    return kNoState;
}

std::uint32_t DueOrder::AssigneeCodeLocked(const std::string& assignee) {
    if (assignee.empty()) return 0;
    auto [it, added] = assignee_codes_.try_emplace(assignee, static_cast<std::uint32_t>(assignee_codes_.size() + 1));
    return it->second;
}

void DueOrder::EraseLocked(std::int64_t id) {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return;
    const Info& info = it->second;
    const std::int64_t tenant = info.tenant;
    all_.erase(Key{tenant, info.due_key, id});
    by_assignee_.erase(Key{tenant << 24 | info.assignee, info.due_key, id});
    by_state_.erase(Key{tenant << 3 | info.sla_state, info.due_key, id});
    by_id_.erase(it);
}

bool DueOrder::InStateOrder(std::uint8_t state) {
    static const std::uint8_t warning = StateCode("warning"), breached = StateCode("breached");
    return state == warning || state == breached;
}

DueOrder::Info DueOrder::InfoLocked(const DueEntry& entry) {
    return Info{entry.due_key,
                static_cast<std::uint32_t>(entry.tenant),
                static_cast<std::uint32_t>(entry.version),
                AssigneeCodeLocked(entry.assignee),
                StatusCode(entry.status),
                StateCode(entry.sla_state)};
}

void DueOrder::PutLocked(const DueEntry& entry) {
    if (auto it = by_id_.find(entry.id); it != by_id_.end() && it->second.version > entry.version) return;
    if (entry.tenant < 0 || entry.tenant > std::numeric_limits<std::uint32_t>::max()) return;
    EraseLocked(entry.id);
    if (!Holds(entry.status)) return;
    Info info = InfoLocked(entry);
    by_id_.emplace(entry.id, info);
    const std::int64_t tenant = entry.tenant;
    all_.insert(Key{tenant, info.due_key, entry.id});
    by_assignee_.insert(Key{tenant << 24 | info.assignee, info.due_key, entry.id});
    if (entry.sla_state == "warning" || entry.sla_state == "breached") {
        by_state_.insert(Key{tenant << 3 | info.sla_state, info.due_key, entry.id});
    }
}

void DueOrder::Apply(const std::vector<DueChange>& changes) {
    std::unique_lock lock(mutex_);
    // A large batch in which each complaint changes once (a recomputation moves thousands of due times per
    // transaction) takes the keys of the three orders out and puts them in, each set in sorted order: the b-trees are
    // then walked in order rather than at random, which spares most cache misses. Anything else, one at a time.
    constexpr std::size_t kSorted = 256;
    bool once_each = changes.size() >= kSorted;
    if (once_each) {
        absl::flat_hash_set<std::int64_t> seen;
        seen.reserve(changes.size());
        for (const auto& change : changes) {
            if (!seen.insert(change.entry.id).second) {
                once_each = false;
                break;
            }
        }
    }
    if (!once_each) {
        for (const auto& change : changes) {
            if (change.erase) {
                EraseLocked(change.entry.id);
            } else {
                PutLocked(change.entry);
            }
        }
        return;
    }
    std::array<std::vector<Key>, 3> out, in;  // all_, by_assignee_, by_state_
    auto keys = [](std::int64_t id, const Info& info, std::array<std::vector<Key>, 3>& to) {
        const std::int64_t tenant = info.tenant;
        to[0].push_back(Key{tenant, info.due_key, id});
        to[1].push_back(Key{tenant << 24 | info.assignee, info.due_key, id});
        if (InStateOrder(info.sla_state)) to[2].push_back(Key{tenant << 3 | info.sla_state, info.due_key, id});
    };
    for (const auto& change : changes) {
        const DueEntry& entry = change.entry;
        auto it = by_id_.find(entry.id);
        if (!change.erase) {
            if (it != by_id_.end() && it->second.version > entry.version) continue;
            if (entry.tenant < 0 || entry.tenant > std::numeric_limits<std::uint32_t>::max()) continue;
        }
        if (it != by_id_.end()) keys(entry.id, it->second, out);
        if (change.erase || !Holds(entry.status)) {
            if (it != by_id_.end()) by_id_.erase(it);
            continue;
        }
        Info info = InfoLocked(entry);
        if (it != by_id_.end()) {
            it->second = info;
        } else {
            by_id_.emplace(entry.id, info);
        }
        keys(entry.id, info, in);
    }
    std::array<absl::btree_set<Key>*, 3> sets{&all_, &by_assignee_, &by_state_};
    for (std::size_t i = 0; i < sets.size(); ++i) {
        std::sort(out[i].begin(), out[i].end());
        for (const Key& key : out[i]) sets[i]->erase(key);
        std::sort(in[i].begin(), in[i].end());
        for (const Key& key : in[i]) sets[i]->insert(key);
    }
}

void DueOrder::Clear() {
    std::unique_lock lock(mutex_);
    by_id_.clear();
    all_.clear();
    by_assignee_.clear();
    by_state_.clear();
}

void DueOrder::Replace(const std::vector<DueEntry>& entries) {
    Clear();
    std::unique_lock lock(mutex_);
    for (const auto& entry : entries) PutLocked(entry);
}

std::size_t DueOrder::size() const {
    std::shared_lock lock(mutex_);
    return by_id_.size();
}

DueOrder::Batch DueOrder::WalkLocked(const absl::btree_set<Key>& order, std::int64_t prefix, std::int64_t tenant,
                                     const DueFilter& filter, std::optional<Candidate> after, std::size_t n,
                                     std::size_t max_scan) const {
    // The filter in codes: statuses as a bit set, the assignee's code (absent: no such assignee is held).
    std::uint32_t statuses = 0;
    for (auto status : filter.statuses) statuses |= 1u << StatusCode(status);
    std::optional<std::uint32_t> assignee;
    if (filter.assignee) {
        if (filter.assignee->empty()) {
            assignee = 0;
        } else if (auto it = assignee_codes_.find(*filter.assignee); it != assignee_codes_.end()) {
            assignee = it->second;
        } else {
            return Batch{{}, true, {}};
        }
    }
    std::vector<std::uint8_t> states;
    for (const auto& state : filter.sla_states) states.push_back(StateCode(state));

    Batch batch;
    constexpr auto kLowest = std::numeric_limits<std::int64_t>::min();
    auto it = after ? order.upper_bound(Key{prefix, after->due_key, after->id})
                    : order.lower_bound(Key{prefix, kLowest, kLowest});
    std::size_t scanned = 0;
    for (; it != order.end() && (*it)[0] == prefix; ++it) {
        if (batch.candidates.size() >= n || scanned >= max_scan) return batch;
        ++scanned;
        const Candidate candidate{(*it)[1], (*it)[2]};
        batch.last_scanned = candidate;
        auto found = by_id_.find(candidate.id);
        if (found == by_id_.end()) continue;
        const Info& info = found->second;
        if (static_cast<std::int64_t>(info.tenant) != tenant) continue;
        if (statuses != 0 && !(statuses & (1u << info.status))) continue;
        if (assignee && info.assignee != *assignee) continue;
        if (!states.empty() && std::find(states.begin(), states.end(), info.sla_state) == states.end()) continue;
        batch.candidates.push_back(candidate);
    }
    batch.exhausted = true;
    return batch;
}

DueOrder::Batch DueOrder::Next(std::int64_t tenant, const DueFilter& filter, std::optional<Candidate> after,
                               std::size_t n, std::size_t max_scan) const {
    std::shared_lock lock(mutex_);
    const bool by_state = !filter.sla_states.empty() &&
                          std::all_of(filter.sla_states.begin(), filter.sla_states.end(),
                                      [](const std::string& s) { return s == "warning" || s == "breached"; });
    if (!by_state) {
        if (filter.assignee) {
            std::int64_t code = 0;
            if (!filter.assignee->empty()) {
                auto it = assignee_codes_.find(*filter.assignee);
                if (it == assignee_codes_.end()) return Batch{{}, true, {}};
                code = it->second;
            }
            return WalkLocked(by_assignee_, tenant << 24 | code, tenant, filter, after, n, max_scan);
        }
        return WalkLocked(all_, tenant, tenant, filter, after, n, max_scan);
    }
    // One walk per state, merged. Past a walk that stopped early nothing is known, so the merge ends there.
    std::vector<std::string> states = filter.sla_states;
    std::sort(states.begin(), states.end());
    states.erase(std::unique(states.begin(), states.end()), states.end());
    Batch merged;
    merged.exhausted = true;
    std::optional<Candidate> limit;
    for (const auto& state : states) {
        Batch one = WalkLocked(by_state_, tenant << 3 | StateCode(state), tenant, filter, after, n, max_scan);
        merged.candidates.insert(merged.candidates.end(), one.candidates.begin(), one.candidates.end());
        if (!one.exhausted) {
            merged.exhausted = false;
            std::optional<Candidate> stop = one.last_scanned;
            if (!stop && !one.candidates.empty()) stop = one.candidates.back();
            if (stop && (!limit || Before(*stop, *limit))) limit = stop;
        }
    }
    std::sort(merged.candidates.begin(), merged.candidates.end(), Before);
    if (limit) {
        auto end = std::upper_bound(merged.candidates.begin(), merged.candidates.end(), *limit, Before);
        merged.candidates.erase(end, merged.candidates.end());
    }
    if (merged.candidates.size() > n) merged.candidates.resize(n);
    if (!merged.exhausted || merged.candidates.size() == n) {
        merged.exhausted = false;
        merged.last_scanned = merged.candidates.empty() ? limit : std::optional(merged.candidates.back());
    }
    return merged;
}

}  // namespace heed::storage::sqlite
