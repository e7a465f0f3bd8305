#include "core/services/template_service.hpp"

#include <algorithm>

#include "core/common/utf8.hpp"
#include "core/services/feedback_service.hpp"

namespace heed::core::services {

using resolution::SolutionTemplate;
using resolution::TemplateId;
using workflow::Role;

namespace {

constexpr auto kStatsTtl = std::chrono::seconds(60);

bool MayUse(Role role) {
    return role == Role::kAgent || role == Role::kTeamLead || role == Role::kManager || role == Role::kDirector ||
           role == Role::kDepartment || role == Role::kAdmin;
}
bool MayRead(Role role) { return MayUse(role) || role == Role::kAnalyst || role == Role::kSystem; }
bool MayEdit(Role role) {
    return role == Role::kTeamLead || role == Role::kManager || role == Role::kDirector || role == Role::kAdmin ||
           role == Role::kSystem;
}

Result<void> Require(bool allowed, const char* what) {
    if (!allowed) return Fail(ErrorCode::kPermissionDenied, what);
    return {};
}

std::string AuditDetail(const SolutionTemplate& t) {
    return "name=" + t.name + " category=" + t.category + " active=" + (t.active ? "true" : "false") +
           " version=" + std::to_string(t.version);
}

}  // namespace

TemplateService::TemplateService(ComplaintService& complaints, ports::TemplateStore& store, const ports::Clock& clock,
                                 ports::AuditLog* audit)
    : complaints_(complaints), store_(store), clock_(clock), audit_(audit) {}

void TemplateService::DropCache(TenantId tenant) {
    std::lock_guard lock(mutex_);
    cache_.erase(tenant);
}

Result<std::map<TemplateId, resolution::TemplateStats>> TemplateService::Stats(TenantId tenant, bool fresh) {
    auto now = std::chrono::steady_clock::now();
    if (!fresh) {
        std::lock_guard lock(mutex_);
        if (auto it = cache_.find(tenant); it != cache_.end() && now - it->second.at < kStatsTtl) {
            return it->second.stats;
        }
    }
    auto stats = store_.Stats(tenant);
    if (!stats) return stats;
    std::lock_guard lock(mutex_);
    cache_[tenant] = {now, *stats};
    return stats;
}

Result<std::vector<TemplateWithStats>> TemplateService::List(const workflow::Actor& actor,
                                                             const std::optional<std::string>& category,
                                                             bool include_inactive, bool fresh_stats) {
    if (auto ok = Require(MayRead(actor.role), "this role does not read solution templates"); !ok) {
        return tl::unexpected(ok.error());
    }
    auto all = store_.List(actor.tenant);
    if (!all) return tl::unexpected(all.error());
    auto stats = Stats(actor.tenant, fresh_stats);
    if (!stats) return tl::unexpected(stats.error());
    std::vector<TemplateWithStats> out;
    for (auto& t : *all) {
        if (!include_inactive && !t.active) continue;
        if (category && !t.category.empty() && t.category != *category) continue;
        auto it = stats->find(t.id);
        out.push_back({std::move(t), it == stats->end() ? resolution::TemplateStats{} : it->second});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return std::tie(a.item.category, a.item.name) < std::tie(b.item.category, b.item.name);
    });
    return out;
}

Result<TemplateWithStats> TemplateService::Get(const workflow::Actor& actor, TemplateId id) {
    if (auto ok = Require(MayRead(actor.role), "this role does not read solution templates"); !ok) {
        return tl::unexpected(ok.error());
    }
    auto found = store_.Get(actor.tenant, id);
    if (!found) return tl::unexpected(found.error());
    auto stats = Stats(actor.tenant, true);
    if (!stats) return tl::unexpected(stats.error());
    auto it = stats->find(id);
    return TemplateWithStats{std::move(*found), it == stats->end() ? resolution::TemplateStats{} : it->second};
}

Result<SolutionTemplate> TemplateService::Create(const workflow::Actor& actor, SolutionTemplate draft) {
    if (auto ok = Require(MayEdit(actor.role), "only team leads, managers, directors and admins edit templates"); !ok) {
        return tl::unexpected(ok.error());
    }
    if (auto valid = resolution::ValidateTemplate(draft); !valid) return tl::unexpected(valid.error());
    auto existing = store_.List(actor.tenant);
    if (!existing) return tl::unexpected(existing.error());
    if (existing->size() >= resolution::kMaxTemplatesPerTenant) {
        return Fail(ErrorCode::kResourceExhausted,
                    "a tenant has at most " + std::to_string(resolution::kMaxTemplatesPerTenant) + " templates");
    }
    Instant now = clock_.Now();
    draft.id = {};
    draft.tenant = actor.tenant;
    draft.created_by = draft.updated_by = actor.name;
    draft.created_at = draft.updated_at = now;
    auto stored = store_.Add(std::move(draft));
    if (!stored) return stored;
    if (audit_) {
        if (auto recorded = audit_->Record({actor, "template.created", "template", stored->id.value,
                                            AuditDetail(*stored)});
            !recorded) {
            (void)store_.Delete(actor.tenant, stored->id);
            return tl::unexpected(recorded.error());
        }
    }
    DropCache(actor.tenant);
    return stored;
}

Result<SolutionTemplate> TemplateService::Update(const workflow::Actor& actor, TemplateId id,
                                                 std::int64_t expected_version, SolutionTemplate draft) {
    if (auto ok = Require(MayEdit(actor.role), "only team leads, managers, directors and admins edit templates"); !ok) {
        return tl::unexpected(ok.error());
    }
    auto current = store_.Get(actor.tenant, id);
    if (!current) return current;
    if (auto valid = resolution::ValidateTemplate(draft); !valid) return tl::unexpected(valid.error());
    SolutionTemplate next = *current;
    next.name = std::move(draft.name);
    next.category = std::move(draft.category);
    next.body_zh = std::move(draft.body_zh);
    next.body_en = std::move(draft.body_en);
    next.active = draft.active;
    next.updated_by = actor.name;
    next.updated_at = clock_.Now();
    auto stored = store_.Update(std::move(next), expected_version);
    if (!stored) return stored;
    if (audit_) {
        // The change is stored; an audit failure is reported so the caller knows the record is missing.
        if (auto recorded = audit_->Record({actor, "template.updated", "template", id.value, AuditDetail(*stored)});
            !recorded) {
            return tl::unexpected(recorded.error());
        }
    }
    DropCache(actor.tenant);
    return stored;
}

Result<void> TemplateService::Delete(const workflow::Actor& actor, TemplateId id) {
    if (auto ok = Require(MayEdit(actor.role), "only team leads, managers, directors and admins edit templates"); !ok) {
        return ok;
    }
    auto current = store_.Get(actor.tenant, id);
    if (!current) return tl::unexpected(current.error());
    if (audit_) {
        // Recorded first: a deletion the audit log cannot attest is not made.
        if (auto recorded = audit_->Record({actor, "template.deleted", "template", id.value, AuditDetail(*current)});
            !recorded) {
            return recorded;
        }
    }
    auto deleted = store_.Delete(actor.tenant, id);
    DropCache(actor.tenant);
    return deleted;
}

Result<SolutionTemplate> TemplateService::Usable(const workflow::Actor& actor, TemplateId id) {
    if (auto ok = Require(MayUse(actor.role), "this role does not use solution templates"); !ok) {
        return tl::unexpected(ok.error());
    }
    return store_.Get(actor.tenant, id);
}

Result<RenderedTemplate> TemplateService::Render(const workflow::Actor& actor, TemplateId id, ComplaintId complaint,
                                                 const std::optional<std::string>& language) {
    if (language && *language != "zh" && *language != "en") {
        return Fail(ErrorCode::kInvalidArgument, "language must be zh or en", "language");
    }
    auto t = Usable(actor, id);
    if (!t) return tl::unexpected(t.error());
    auto found = complaints_.Get(actor, complaint);
    if (!found) return tl::unexpected(found.error());
    std::string lang = language.value_or(LanguageOf(*found));
    auto values = resolution::PlaceholderValues(*found, actor.name, lang);
    return RenderedTemplate{*t, resolution::Render(*t, lang, values)};
}

Result<AppliedTemplate> TemplateService::Apply(const workflow::Actor& actor, TemplateId id, ComplaintId complaint,
                                               resolution::UseKind kind, const std::optional<std::string>& text,
                                               std::optional<std::int64_t> expected_version) {
    auto rendered = Render(actor, id, complaint, std::nullopt);
    if (!rendered) return tl::unexpected(rendered.error());
    if (!rendered->item.active) {
        return Fail(ErrorCode::kFailedPrecondition, "the template is inactive", "template_id");
    }
    resolution::Rendered sent = rendered->rendered;
    if (text) {
        sent.text = *text;
        sent.missing.clear();
    } else if (!sent.missing.empty()) {
        std::string names;
        for (const auto& name : sent.missing) names += (names.empty() ? "{" : ", {") + name + "}";
        return Fail(ErrorCode::kInvalidArgument,
                    "the complaint has no value for " + names + "; edit the text and send it as `text`", "text");
    }
    if (sent.text.find_first_not_of(" \t\r\n") == std::string::npos || !IsValidUtf8(sent.text)) {
        return Fail(ErrorCode::kInvalidArgument, "the text is empty or not valid UTF-8", "text");
    }
    auto use = store_.AddUse({0, actor.tenant, id, complaint, kind, actor.name, clock_.Now()});
    if (!use) return tl::unexpected(use.error());
    AppliedTemplate applied{*use, sent, {}, {}};
    Result<void> done;
    if (kind == resolution::UseKind::kReply) {
        auto message = complaints_.AddMessage(actor, complaint, complaint::Direction::kOutbound, sent.text);
        if (message) {
            applied.message = std::move(*message);
            auto after = complaints_.Get(actor, complaint);
            if (after) applied.complaint = std::move(*after);
        } else {
            done = tl::unexpected(message.error());
        }
    } else {
        workflow::TransitionInput input;
        input.resolution_summary = sent.text;
        input.reason = "resolved with template " + std::to_string(id.value) + " (" + rendered->item.name + ")";
        auto moved = complaints_.Transition(actor, complaint, expected_version, workflow::Status::kResolved, input);
        if (moved) {
            applied.complaint = std::move(*moved);
        } else {
            done = tl::unexpected(moved.error());
        }
    }
    if (!done) {
        (void)store_.RemoveUse(actor.tenant, use->id);
        return tl::unexpected(done.error());
    }
    DropCache(actor.tenant);
    return applied;
}

}  // namespace heed::core::services
