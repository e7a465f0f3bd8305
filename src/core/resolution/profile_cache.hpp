#pragma once
// Text profiles of resolved complaints kept between suggestions (SPEC §5), so that a suggestion weighs the newest
// resolved complaints of a category without reading and profiling their texts again: an entry is used only while the
// complaint's version is the one it was made from (any change to the complaint makes a new version, and the entry is
// made again from the new text). At most `capacity` entries; the least recently used go first.
//
// Thread-safety: all methods may be called from many threads.

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/common/ids.hpp"
#include "core/resolution/similarity.hpp"

namespace heed::core::resolution {

struct ProfiledCandidate {
    std::int64_t version = 0;
    std::string product;
    TextProfile profile;
};

class ProfileCache {
public:
    explicit ProfileCache(std::size_t capacity) : capacity_(capacity) {}

    struct Key {
        TenantId tenant;
        ComplaintId id;
        std::int64_t version = 0;
    };
    // For each key, its entry when one was made from that version (null otherwise).
    std::vector<std::shared_ptr<const ProfiledCandidate>> Find(const std::vector<Key>& keys);
    // Makes or replaces the complaint's entry.
    void Put(TenantId tenant, ComplaintId id, std::shared_ptr<const ProfiledCandidate> entry);

    std::size_t size() const;

private:
    struct Slot {
        std::int64_t tenant = 0;
        std::shared_ptr<const ProfiledCandidate> entry;
        std::list<std::int64_t>::iterator used;  // position in used_
    };
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::unordered_map<std::int64_t, Slot> slots_;  // GUARDED_BY(mutex_), by complaint id
    std::list<std::int64_t> used_;                  // GUARDED_BY(mutex_), most recently used first
};

}  // namespace heed::core::resolution
