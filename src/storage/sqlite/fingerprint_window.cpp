#include "storage/sqlite/fingerprint_window.hpp"

#include <algorithm>
#include <mutex>

#include "core/common/time.hpp"
#include "core/triage/fingerprint.hpp"

namespace heed::storage::sqlite {

void FingerprintWindow::Apply(const std::vector<FingerprintChange>& changes) {
    std::unique_lock lock(mutex_);
    if (!built_) return;  // a rebuild follows
    for (const auto& change : changes) {
        if (change.erase) {
            EraseLocked(change.entry.id);
        } else {
            PutLocked(change.entry);
        }
    }
}

void FingerprintWindow::Replace(std::int64_t hold_ms, std::size_t max_per_tenant,
                                const std::vector<std::pair<std::int64_t, std::int64_t>>& tenant_floors,
                                const std::vector<FingerprintEntry>& entries) {
    std::unique_lock lock(mutex_);
    hold_ms_ = hold_ms;
    max_per_tenant_ = std::max<std::size_t>(max_per_tenant, 1);
    tenants_.clear();
    entries_.clear();
    for (const auto& [tenant, floor] : tenant_floors) tenants_[tenant].floor = floor;
    for (const auto& entry : entries) PutLocked(entry);
    built_ = true;
}

void FingerprintWindow::Clear() {
    std::unique_lock lock(mutex_);
    built_ = false;
    tenants_.clear();
    entries_.clear();
}

std::size_t FingerprintWindow::size() const {
    std::shared_lock lock(mutex_);
    return entries_.size();
}

void FingerprintWindow::PutLocked(const FingerprintEntry& entry) {
    EraseLocked(entry.id);
    Tenant& tenant = tenants_[entry.tenant];       // a tenant new since the rebuild: all of its complaints come here
    if (entry.received_ms < tenant.floor) return;  // older than what is held (an import of old complaints)
    const Key key{entry.received_ms, entry.id};
    tenant.by_time.insert(key);
    for (auto band : core::triage::FingerprintBands(entry.simhash)) {
        auto& postings = tenant.bands[band];
        postings.insert(std::upper_bound(postings.begin(), postings.end(), key), key);  // at the end, mostly
    }
    entries_.insert_or_assign(entry.id, Held{.tenant = entry.tenant,
                                             .received_ms = entry.received_ms,
                                             .simhash = entry.simhash,
                                             .text_digest = entry.text_digest,
                                             .number = core::CompactNumber(entry.number),
                                             .cluster = core::Interned(entry.cluster),
                                             .customer = entry.customer});
    if (entry.received_ms > tenant.newest) {
        tenant.newest = entry.received_ms;
        PruneLocked(tenant);
    }
    // Too many for memory: the oldest go (all of their millisecond, so the floor never splits one), SQL answers
    // for them.
    while (tenant.by_time.size() > max_per_tenant_) {
        const std::int64_t oldest = tenant.by_time.begin()->first;
        while (!tenant.by_time.empty() && tenant.by_time.begin()->first == oldest) {
            EraseLocked(tenant.by_time.begin()->second);
        }
        tenant.floor = oldest + 1;
    }
}

void FingerprintWindow::EraseLocked(std::int64_t id) {
    auto found = entries_.find(id);
    if (found == entries_.end()) return;
    const Held& entry = found->second;
    auto tenant = tenants_.find(entry.tenant);
    if (tenant != tenants_.end()) {
        const Key key{entry.received_ms, id};
        tenant->second.by_time.erase(key);
        for (auto band : core::triage::FingerprintBands(entry.simhash)) {
            auto postings = tenant->second.bands.find(band);
            if (postings == tenant->second.bands.end()) continue;
            auto& keys = postings->second;
            if (auto at = std::lower_bound(keys.begin(), keys.end(), key); at != keys.end() && *at == key)
                keys.erase(at);
            if (keys.empty()) tenant->second.bands.erase(postings);
        }
    }
    entries_.erase(found);
}

void FingerprintWindow::PruneLocked(Tenant& tenant) {
    if (tenant.newest - hold_ms_ <= tenant.floor) return;
    tenant.floor = tenant.newest - hold_ms_;
    while (!tenant.by_time.empty() && tenant.by_time.begin()->first < tenant.floor) {
        EraseLocked(tenant.by_time.begin()->second);
    }
}

std::optional<std::vector<core::ports::TextMatch>> FingerprintWindow::Find(std::int64_t tenant_id,
                                                                           std::uint64_t simhash, std::int64_t since_ms,
                                                                           int limit) const {
    std::shared_lock lock(mutex_);
    if (!built_) return std::nullopt;
    std::vector<core::ports::TextMatch> matches;
    auto tenant = tenants_.find(tenant_id);
    if (tenant == tenants_.end()) return matches;  // no complaint of the tenant since the rebuild, none before it
    if (since_ms < tenant->second.floor) return std::nullopt;
    // Each band's newest `limit` at or after `since`, then the newest `limit` of their union: what the band walks
    // of the SQL lookup choose.
    std::vector<Key> candidates;
    for (auto band : core::triage::FingerprintBands(simhash)) {
        auto postings = tenant->second.bands.find(band);
        if (postings == tenant->second.bands.end()) continue;
        int taken = 0;
        for (auto it = postings->second.rbegin(); it != postings->second.rend() && taken < limit; ++it, ++taken) {
            if (it->first < since_ms) break;
            candidates.push_back(*it);
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Key& a, const Key& b) { return a > b; });
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    if (static_cast<int>(candidates.size()) > limit) candidates.resize(static_cast<std::size_t>(std::max(limit, 0)));
    matches.reserve(candidates.size());
    for (const auto& [received, id] : candidates) {
        const Held& entry = entries_.at(id);
        matches.push_back({core::ComplaintId{id}, entry.number.str(), entry.simhash, entry.customer, entry.cluster,
                           core::FromMillis(received), entry.text_digest});
    }
    return matches;
}

}  // namespace heed::storage::sqlite
