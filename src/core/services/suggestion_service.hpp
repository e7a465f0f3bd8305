#pragma once
// Suggestions for a complaint being worked (SPEC §5): the solution templates most likely to fit it, and the most
// similar complaints already resolved, with how they were resolved and how the customer rated it.
//
// Templates: active ones of the complaint's category first, then those for any category; within each, by the
// customers' satisfaction (mean CSAT of the complaints resolved with the template, pulled towards 3.5 while it has
// few answers) and then by how often it was used.
//
// Similar complaints: the newest `candidates` complaints of the same category that carry a resolution (one index
// range, never a scan), each weighed by text similarity (resolution/similarity.hpp) plus a bonus for the same
// product; the best are read whole and those the actor may see are returned. The candidates' text profiles are kept
// between calls while their complaints' versions stay the same (resolution/profile_cache.hpp), so a call reads the
// texts only of candidates it has not seen: the first call for a category reads them all. A similar complaint resolved long ago,
// behind more than `candidates` newer ones of its category, is not found: the window is the price of a bounded cost.
//
// Thread-safety: safe to call from many threads.

#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/ports/template_store.hpp"
#include "core/resolution/profile_cache.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/template_service.hpp"

namespace heed::core::services {

struct TemplateSuggestion {
    resolution::SolutionTemplate item;
    resolution::TemplateStats stats;
    double score = 0;
    bool same_category = false;  // false: a template for any category
};

struct SimilarComplaint {
    complaint::Complaint complaint;
    double similarity = 0;  // text, 0 … 1
    bool same_category = false;
    bool same_product = false;
    double score = 0;
};

struct Suggestions {
    std::vector<TemplateSuggestion> templates;
    std::vector<SimilarComplaint> similar;
    int candidates = 0;  // resolved complaints weighed
};

struct SuggestionOptions {
    int candidates = 2000;  // resolved complaints of the category weighed per call
    int templates = 3;
    int similar = 5;
    double min_similarity = 0.1;
    // Text profiles of candidates kept between calls (resolution/profile_cache.hpp), ≈ 400 bytes each: enough for
    // the candidate windows of 16 categories at the default `candidates`.
    int profile_cache = 32768;
};

class SuggestionService {
public:
    // Every reference must outlive the service.
    SuggestionService(ComplaintService& complaints, TemplateService& templates, ports::ResolvedComplaints& resolved,
                      SuggestionOptions options = {});

    // For a complaint the actor sees. Roles: those who use templates (kPermissionDenied otherwise).
    Result<Suggestions> Suggest(const workflow::Actor& actor, ComplaintId id);

private:
    Result<std::vector<TemplateSuggestion>> BestTemplates(const workflow::Actor& actor, const complaint::Complaint& c);
    Result<std::vector<SimilarComplaint>> SimilarResolved(const workflow::Actor& actor, const complaint::Complaint& c,
                                                          int& weighed);

    ComplaintService& complaints_;
    TemplateService& templates_;
    ports::ResolvedComplaints& resolved_;
    SuggestionOptions options_;
    resolution::ProfileCache profiles_;
};

}  // namespace heed::core::services
