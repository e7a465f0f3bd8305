#pragma once
// The text fingerprints of the recent complaints, held in memory by the SQLite store so that the near-duplicate
// lookup at intake (TriageStore::ByFingerprint) is answered without SQL. Each intake looked its text up in four band
// walks over text_fingerprints, a union and up to 20 row reads on a reader connection whose page cache every group
// commit had emptied: ≈ 14 % of the server's CPU at intake (BENCHMARKS.md, "Intake").
//
// Per tenant it holds every complaint with a fingerprint received at or after the tenant's floor, which trails the
// newest complaint by the hold (StoreOptions::fingerprint_window). A lookup reaching further back than the floor is
// not answered here (Find gives nullopt) and the store asks SQLite. Like the due order (due_order.hpp) it is changed
// on the store's writer thread only, after a commit and in commit order, and rebuilt from the database when another
// process wrote.
//
// Thread-safety: every member may be called from any thread.

#include <absl/container/btree_set.h>
#include <absl/container/flat_hash_map.h>
#include <absl/container/inlined_vector.h>

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/common/compact.hpp"
#include "core/ports/triage_store.hpp"

namespace heed::storage::sqlite {

// One complaint as the lookup answers it (the complaint_triage row).
struct FingerprintEntry {
    std::int64_t tenant = 0;
    std::int64_t id = 0;
    std::int64_t received_ms = 0;
    std::uint64_t simhash = 0;
    std::uint64_t text_digest = 0;
    std::string number;
    std::string customer;
    std::string cluster;
};

// A put of `entry`, or (erase) the removal of the complaint `entry.id` (deleted, or its text gone).
struct FingerprintChange {
    FingerprintEntry entry;
    bool erase = false;
};

class FingerprintWindow {
public:
    void Apply(const std::vector<FingerprintChange>& changes);
    // A rebuild: each tenant that has complaints with its floor, and the entries at or after it; from then on each
    // tenant's floor trails its newest complaint by `hold_ms`, and rises further while the tenant has more than
    // `max_per_tenant` entries (≈ 400 bytes each).
    void Replace(std::int64_t hold_ms, std::size_t max_per_tenant,
                 const std::vector<std::pair<std::int64_t, std::int64_t>>& tenant_floors,
                 const std::vector<FingerprintEntry>& entries);
    // Nothing is answered until the next Replace.
    void Clear();
    // As TriageStore::ByFingerprint (newest first, at most `limit`), or nullopt when `since_ms` lies before the
    // tenant's floor or the window is not built.
    std::optional<std::vector<core::ports::TextMatch>> Find(std::int64_t tenant, std::uint64_t simhash,
                                                            std::int64_t since_ms, int limit) const;
    std::size_t size() const;

private:
    using Key = std::pair<std::int64_t, std::int64_t>;  // (received_ms, id)
    struct Tenant {
        std::int64_t floor = INT64_MIN;   // everything at or after it is held
        std::int64_t newest = INT64_MIN;  // the latest received_ms seen
        absl::btree_set<Key> by_time;
        // FingerprintBands value → its entries in (received, id) order: a few each (a band value is shared by
        // 1 in 65 536 unrelated texts), so a sorted vector is far smaller than a tree per band; the first in place.
        absl::flat_hash_map<std::int64_t, absl::InlinedVector<Key, 1>> bands;
    };
    // An entry as held: the number as an integer, the cluster interned (its members share it).
    struct Held {
        std::int64_t tenant = 0;
        std::int64_t received_ms = 0;
        std::uint64_t simhash = 0;
        std::uint64_t text_digest = 0;
        core::CompactNumber number;
        core::Interned cluster;
        std::string customer;
    };
    void PutLocked(const FingerprintEntry& entry);
    void EraseLocked(std::int64_t id);
    void PruneLocked(Tenant& tenant);

    mutable std::shared_mutex mutex_;
    std::int64_t hold_ms_ = 0;                           // GUARDED_BY(mutex_)
    std::size_t max_per_tenant_ = 0;                     // GUARDED_BY(mutex_)
    bool built_ = false;                                 // GUARDED_BY(mutex_)
    absl::flat_hash_map<std::int64_t, Tenant> tenants_;  // GUARDED_BY(mutex_)
    absl::flat_hash_map<std::int64_t, Held> entries_;    // GUARDED_BY(mutex_): by complaint id
};

}  // namespace heed::storage::sqlite
