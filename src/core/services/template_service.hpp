#pragma once
// Solution templates (SPEC §5): a tenant's prepared answers, rendered for a complaint in the customer's language, used
// to reply or to resolve, with statistics of how often each was used and how satisfied the customers were whose
// complaints it resolved.
//
// Roles: agents, team leads, managers, directors, department handlers and admins read and use templates; analysts
// read them (with statistics); team leads, managers, directors and admins create, change and delete them — each
// change is an audit record (template.created / template.updated / template.deleted). Customers see none.
//
// Using a template (Apply) records the use first, then replies (an outbound message) or resolves the complaint
// through ComplaintService, so the workflow, SLA and notifications apply as to any reply or resolution; when that
// fails the use is removed again, so statistics count only what happened.
//
// Thread-safety: safe to call from many threads. List and Get read statistics as they are; suggestions read them
// from a per-tenant cache at most a minute old, dropped by a change to the tenant's templates or a use.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/template_store.hpp"
#include "core/resolution/solution_template.hpp"
#include "core/services/complaint_service.hpp"

namespace heed::core::services {

struct TemplateWithStats {
    resolution::SolutionTemplate item;
    resolution::TemplateStats stats;
};

struct RenderedTemplate {
    resolution::SolutionTemplate item;
    resolution::Rendered rendered;
};

struct AppliedTemplate {
    resolution::TemplateUse use;
    resolution::Rendered rendered;  // text as sent (the agent's edited text when one was given)
    complaint::Complaint complaint;
    std::optional<complaint::Message> message;  // the reply
};

class TemplateService {
public:
    // Every reference must outlive the service; `audit` is optional.
    TemplateService(ComplaintService& complaints, ports::TemplateStore& store, const ports::Clock& clock,
                    ports::AuditLog* audit = nullptr);

    // Templates of the tenant, with `category` (and those for any category) when given; inactive ones only with
    // `include_inactive`. Sorted by category, then name. Statistics as they are now, or cached (`fresh_stats` false).
    Result<std::vector<TemplateWithStats>> List(const workflow::Actor& actor, const std::optional<std::string>& category,
                                                bool include_inactive, bool fresh_stats = true);
    Result<TemplateWithStats> Get(const workflow::Actor& actor, resolution::TemplateId id);
    // Errors: kPermissionDenied, kInvalidArgument (with the field; an unknown placeholder names itself and the known
    // ones), kResourceExhausted (more than kMaxTemplatesPerTenant).
    Result<resolution::SolutionTemplate> Create(const workflow::Actor& actor, resolution::SolutionTemplate draft);
    // Replaces name, category, bodies and active. kConflict when `expected_version` is stale.
    Result<resolution::SolutionTemplate> Update(const workflow::Actor& actor, resolution::TemplateId id,
                                                std::int64_t expected_version, resolution::SolutionTemplate draft);
    Result<void> Delete(const workflow::Actor& actor, resolution::TemplateId id);

    // The template rendered for a complaint the actor sees, in the complaint's language (LanguageOf) unless
    // `language` ("zh" / "en") is given. Records nothing.
    Result<RenderedTemplate> Render(const workflow::Actor& actor, resolution::TemplateId id, ComplaintId complaint,
                                    const std::optional<std::string>& language);

    // Replies to the complaint with the template (kind kReply) or resolves it with the template as the resolution
    // summary (kResolution), and records the use. `text` replaces the rendered text (the agent edited it); without
    // it, a placeholder the complaint has no value for is kInvalidArgument (field "text") rather than a gap in what
    // the customer reads. Errors of the reply or the transition are passed on.
    Result<AppliedTemplate> Apply(const workflow::Actor& actor, resolution::TemplateId id, ComplaintId complaint,
                                  resolution::UseKind kind, const std::optional<std::string>& text,
                                  std::optional<std::int64_t> expected_version);

    // Statistics of the tenant's templates: read now (`fresh`), or from the cache (suggestions; see above).
    Result<std::map<resolution::TemplateId, resolution::TemplateStats>> Stats(TenantId tenant, bool fresh);

private:
    Result<resolution::SolutionTemplate> Usable(const workflow::Actor& actor, resolution::TemplateId id);
    void DropCache(TenantId tenant);

    ComplaintService& complaints_;
    ports::TemplateStore& store_;
    const ports::Clock& clock_;
    ports::AuditLog* audit_;
    struct CachedStats {
        std::chrono::steady_clock::time_point at;
        std::map<resolution::TemplateId, resolution::TemplateStats> stats;
    };
    std::mutex mutex_;
    std::map<TenantId, CachedStats> cache_;  // GUARDED_BY(mutex_)
};

}  // namespace heed::core::services
