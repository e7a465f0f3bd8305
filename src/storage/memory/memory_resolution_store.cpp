#include "storage/memory/memory_resolution_store.hpp"

#include <algorithm>
#include <set>

namespace heed::storage::memory {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::resolution::SolutionTemplate;
using core::resolution::TemplateId;

Result<SolutionTemplate> MemoryResolutionStore::Add(SolutionTemplate t) {
    std::lock_guard lock(mutex_);
    t.id = TemplateId{next_id_++};
    t.version = 1;
    templates_[t.id] = t;
    return t;
}

Result<SolutionTemplate> MemoryResolutionStore::Get(core::TenantId tenant, TemplateId id) {
    std::lock_guard lock(mutex_);
    auto it = templates_.find(id);
    if (it == templates_.end() || it->second.tenant != tenant) return Fail(ErrorCode::kNotFound, "template not found");
    return it->second;
}

Result<std::vector<SolutionTemplate>> MemoryResolutionStore::List(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    std::vector<SolutionTemplate> out;
    for (const auto& [id, t] : templates_) {
        if (t.tenant == tenant) out.push_back(t);
    }
    return out;
}

Result<SolutionTemplate> MemoryResolutionStore::Update(SolutionTemplate t, std::int64_t expected_version) {
    std::lock_guard lock(mutex_);
    auto it = templates_.find(t.id);
    if (it == templates_.end() || it->second.tenant != t.tenant) return Fail(ErrorCode::kNotFound, "template not found");
    if (it->second.version != expected_version) {
        return Fail(ErrorCode::kConflict,
                    "the template was changed by someone else (not version " + std::to_string(expected_version) +
                        "); reload and retry",
                    "version");
    }
    t.version = expected_version + 1;
    it->second = t;
    return t;
}

Result<void> MemoryResolutionStore::Delete(core::TenantId tenant, TemplateId id) {
    std::lock_guard lock(mutex_);
    auto it = templates_.find(id);
    if (it == templates_.end() || it->second.tenant != tenant) return Fail(ErrorCode::kNotFound, "template not found");
    templates_.erase(it);
    std::erase_if(uses_, [&](const auto& use) { return use.template_id == id; });
    return {};
}

Result<core::resolution::TemplateUse> MemoryResolutionStore::AddUse(core::resolution::TemplateUse use) {
    std::lock_guard lock(mutex_);
    auto it = templates_.find(use.template_id);
    if (it == templates_.end() || it->second.tenant != use.tenant) return Fail(ErrorCode::kNotFound, "template not found");
    use.id = next_use_id_++;
    uses_.push_back(use);
    return use;
}

Result<void> MemoryResolutionStore::RemoveUse(core::TenantId tenant, std::int64_t use_id) {
    std::lock_guard lock(mutex_);
    std::erase_if(uses_, [&](const auto& use) { return use.id == use_id && use.tenant == tenant; });
    return {};
}

Result<std::map<TemplateId, core::resolution::TemplateStats>> MemoryResolutionStore::Stats(core::TenantId tenant) {
    std::vector<core::resolution::TemplateUse> uses;
    {
        std::lock_guard lock(mutex_);
        for (const auto& use : uses_) {
            if (use.tenant == tenant) uses.push_back(use);
        }
    }
    std::map<TemplateId, core::resolution::TemplateStats> out;
    std::set<std::pair<TemplateId, core::ComplaintId>> resolved;
    for (const auto& use : uses) {
        auto& stats = out[use.template_id];
        ++stats.uses;
        if (use.kind == core::resolution::UseKind::kReply) ++stats.replies;
        if (use.kind == core::resolution::UseKind::kResolution) {
            ++stats.resolutions;
            resolved.insert({use.template_id, use.complaint});
        }
        if (!stats.last_used_at || use.at > *stats.last_used_at) stats.last_used_at = use.at;
    }
    for (const auto& [id, complaint] : resolved) {
        auto& stats = out[id];
        ++stats.resolved_complaints;
        auto c = complaints_.Get(tenant, complaint);
        if (c && c->feedback.csat) {
            ++stats.csat_n;
            stats.csat_sum += *c->feedback.csat;
        }
    }
    return out;
}

Result<std::vector<core::ports::CandidateKey>> MemoryResolutionStore::Candidates(core::TenantId tenant,
                                                                                const std::string& category,
                                                                                core::ComplaintId exclude, int limit) {
    std::vector<core::complaint::Complaint> found;
    auto visited = complaints_.ForEach(tenant, [&](const core::complaint::Complaint& c) {
        using core::workflow::Status;
        bool resolved = c.status == Status::kResolved || c.status == Status::kFollowUp || c.status == Status::kClosed;
        if (resolved && c.id != exclude && (category.empty() || c.classification.category == category)) {
            found.push_back(c);
        }
        return true;
    });
    if (!visited) return tl::unexpected(visited.error());
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return std::tie(a.milestones.received_at, a.id) > std::tie(b.milestones.received_at, b.id);
    });
    std::vector<core::ports::CandidateKey> out;
    for (const auto& c : found) {
        if (static_cast<int>(out.size()) == limit) break;
        out.push_back({c.id, c.version});
    }
    return out;
}

Result<std::vector<core::ports::ResolvedCandidate>> MemoryResolutionStore::CandidateTexts(
    core::TenantId tenant, const std::vector<core::ComplaintId>& ids) {
    std::vector<core::ports::ResolvedCandidate> out;
    for (core::ComplaintId id : ids) {
        auto c = complaints_.Get(tenant, id);
        if (!c) {
            if (c.error().code == core::ErrorCode::kNotFound) continue;
            return tl::unexpected(c.error());
        }
        out.push_back({c->id, c->version, c->product_ref, c->subject + "\n" + c->description});
    }
    return out;
}

}  // namespace heed::storage::memory
