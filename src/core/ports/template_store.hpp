#pragma once
// Storage of solution templates, their uses, and the read that suggestions need: recently resolved complaints of a
// category. Implementations: storage/memory (twin) and storage/sqlite (tables solution_templates and template_uses,
// in the complaints' database). Every method is scoped by tenant: another tenant's id is kNotFound.
// Thread-safety: safe to call from many threads.

#include <map>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/resolution/solution_template.hpp"

namespace heed::core::ports {

class TemplateStore {
public:
    virtual ~TemplateStore() = default;

    // Stores a new template (id assigned, version 1) and returns it as stored.
    virtual Result<resolution::SolutionTemplate> Add(resolution::SolutionTemplate t) = 0;
    virtual Result<resolution::SolutionTemplate> Get(TenantId tenant, resolution::TemplateId id) = 0;
    // The tenant's templates by id.
    virtual Result<std::vector<resolution::SolutionTemplate>> List(TenantId tenant) = 0;
    // Replaces the template if its stored version is `expected_version` (kConflict otherwise); returns it with the
    // version incremented.
    virtual Result<resolution::SolutionTemplate> Update(resolution::SolutionTemplate t,
                                                        std::int64_t expected_version) = 0;
    // Removes the template and its uses.
    virtual Result<void> Delete(TenantId tenant, resolution::TemplateId id) = 0;

    virtual Result<resolution::TemplateUse> AddUse(resolution::TemplateUse use) = 0;
    // Undoes AddUse when the action it recorded failed.
    virtual Result<void> RemoveUse(TenantId tenant, std::int64_t use_id) = 0;
    // Usage and satisfaction of every used template of the tenant (unused ones are absent). Satisfaction is read from
    // the complaints resolved with each template (their Complaint::feedback), so a survey answered later counts.
    virtual Result<std::map<resolution::TemplateId, resolution::TemplateStats>> Stats(TenantId tenant) = 0;
};

// A resolved complaint as suggestions weigh it.
struct ResolvedCandidate {
    ComplaintId id;
    std::int64_t version = 0;  // the complaint's version when product and text were read
    std::string product;
    std::string text;  // subject and description
};

// A candidate as the index names it: what was read of it before stays current while its version is the same.
struct CandidateKey {
    ComplaintId id;
    std::int64_t version = 0;
};

class ResolvedComplaints {
public:
    virtual ~ResolvedComplaints() = default;
    // The newest `limit` complaints of the tenant in `category` (every category when empty) whose status carries a
    // resolution (resolved, follow_up, closed), newest received first, without `exclude`: ids and versions only.
    // Served by an index range, never a scan of the tenant.
    virtual Result<std::vector<CandidateKey>> Candidates(TenantId tenant, const std::string& category,
                                                         ComplaintId exclude, int limit) = 0;
    // Product and text of these complaints of the tenant as they are now, in the order given; ids of other tenants
    // or no longer stored are left out.
    virtual Result<std::vector<ResolvedCandidate>> CandidateTexts(TenantId tenant,
                                                                  const std::vector<ComplaintId>& ids) = 0;
};

}  // namespace heed::core::ports
