#pragma once
// The due-time order of the open and waiting complaints, held in memory by the SQLite store (docs/sla.md, "Due
// order"). The queues sorted by due time read it instead of SQLite indexes over the due time: a change of an SLA
// policy or calendar moves the due time of every open complaint, and moving a million entries in each of the due-time
// indexes cost ≈ 8 µs per entry and index — minutes — where moving them here costs well under a second.
//
// Three orders, each keyed by (prefix, due key, id): every open complaint of a tenant; by tenant and assignee ("my
// queue", "unassigned"); by tenant and SLA state for the two states the work queues show (warning, breached). Solved
// and ended complaints are not held: their due times no longer move, and SQLite's partial indexes order them.
//
// The store changes it on its writer thread only, after a commit and in commit order (sqlite_store.cpp); readers take
// up to n candidates at a time under a shared lock and check them against the database.
//
// Thread-safety: every member may be called from any thread.

#include <absl/container/btree_map.h>
#include <absl/container/btree_set.h>
#include <absl/container/flat_hash_map.h>

#include <array>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/workflow/status.hpp"

namespace heed::storage::sqlite {

// One complaint as the order needs it. A solved or ended status removes it.
struct DueEntry {
    std::int64_t tenant = 0;
    std::int64_t id = 0;
    std::int64_t version = 0;
    std::int64_t due_key = 0;  // ports::SortKey(c, kDueAsc)
    core::workflow::Status status = core::workflow::Status::kNew;
    std::string assignee;   // "" = unassigned
    std::string sla_state;  // the complaints.sla_state column
};

// A change to apply: a put, or (erase) the removal of the complaint `entry.id`.
struct DueChange {
    DueEntry entry;
    bool erase = false;
};

struct DueFilter {
    std::vector<core::workflow::Status> statuses;  // only these (each open or paused); empty = every open and paused
    std::optional<std::string> assignee;           // only this one ("" = unassigned)
    std::vector<std::string> sla_states;           // only these; empty = any
};

class DueOrder {
public:
    struct Candidate {
        std::int64_t due_key = 0;
        std::int64_t id = 0;
    };
    struct Batch {
        std::vector<Candidate> candidates;  // in due order, then id
        // True when the walk reached the end of the order; false when it stopped after n candidates or after
        // `max_scan` entries (then continue after `last_scanned`).
        bool exhausted = false;
        std::optional<Candidate> last_scanned;
    };

    // True for the statuses the order holds (open and paused).
    static bool Holds(core::workflow::Status status);

    void Apply(const std::vector<DueChange>& changes);
    void Replace(const std::vector<DueEntry>& entries);  // a rebuild: exactly these
    void Clear();
    // Up to n of the tenant's complaints passing `filter`, in (due key, id) order, strictly after `after`; looks at
    // no more than `max_scan` entries.
    Batch Next(std::int64_t tenant, const DueFilter& filter, std::optional<Candidate> after, std::size_t n,
               std::size_t max_scan) const;
    std::size_t size() const;

private:
    using Key = std::array<std::int64_t, 3>;  // prefix, due key, id
    struct Info {  // 24 bytes (BENCHMARKS.md: the memory a million open complaints take)
        std::int64_t due_key;
        std::uint32_t tenant;
        std::uint32_t version;  // only compared, to drop a change older than the one held
        std::uint32_t assignee;
        std::uint8_t status;
        std::uint8_t sla_state;
    };
    Info InfoLocked(const DueEntry& entry);  // gives the assignee a code if it has none
    void PutLocked(const DueEntry& entry);
    void EraseLocked(std::int64_t id);
    std::uint32_t AssigneeCodeLocked(const std::string& assignee);
    static std::uint8_t StateCode(std::string_view state);
    static bool InStateOrder(std::uint8_t state);  // warning or breached: held in by_state_ too
    Batch WalkLocked(const absl::btree_set<Key>& order, std::int64_t prefix, std::int64_t tenant,
                     const DueFilter& filter, std::optional<Candidate> after, std::size_t n,
                     std::size_t max_scan) const;

    mutable std::shared_mutex mutex_;
    absl::btree_map<std::int64_t, Info> by_id_;  // GUARDED_BY(mutex_); a b-tree: no hash table's empty slots
    absl::btree_set<Key> all_;                       // prefix: tenant
    absl::btree_set<Key> by_assignee_;               // prefix: tenant << 24 | assignee code
    absl::btree_set<Key> by_state_;                  // prefix: tenant << 3 | state code (warning, breached only)
    absl::flat_hash_map<std::string, std::uint32_t> assignee_codes_;  // "" = 0
};

}  // namespace heed::storage::sqlite
