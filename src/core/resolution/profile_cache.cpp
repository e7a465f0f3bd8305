#include "core/resolution/profile_cache.hpp"

namespace heed::core::resolution {

std::vector<std::shared_ptr<const ProfiledCandidate>> ProfileCache::Find(const std::vector<Key>& keys) {
    std::vector<std::shared_ptr<const ProfiledCandidate>> out(keys.size());
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        auto it = slots_.find(keys[i].id.value);
        if (it == slots_.end() || it->second.tenant != keys[i].tenant.value ||
            it->second.entry->version != keys[i].version) {
            continue;
        }
        used_.splice(used_.begin(), used_, it->second.used);
        out[i] = it->second.entry;
    }
    return out;
}

void ProfileCache::Put(TenantId tenant, ComplaintId id, std::shared_ptr<const ProfiledCandidate> entry) {
    if (capacity_ == 0) return;
    std::lock_guard lock(mutex_);
    auto [it, inserted] = slots_.try_emplace(id.value);
    if (inserted) {
        used_.push_front(id.value);
        it->second.used = used_.begin();
    } else {
        used_.splice(used_.begin(), used_, it->second.used);
    }
    it->second.tenant = tenant.value;
    it->second.entry = std::move(entry);
    while (slots_.size() > capacity_) {
        slots_.erase(used_.back());
        used_.pop_back();
    }
}

std::size_t ProfileCache::size() const {
    std::lock_guard lock(mutex_);
    return slots_.size();
}

}  // namespace heed::core::resolution
