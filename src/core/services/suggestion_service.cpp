#include "core/services/suggestion_service.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/ports/query_matching.hpp"
#include "core/resolution/similarity.hpp"

namespace heed::core::services {

using workflow::Role;

namespace {

constexpr double kPriorCsat = 3.5;
constexpr double kPriorWeight = 3;
constexpr double kSameProductBonus = 0.1;
constexpr int kReadAtMostFactor = 4;  // best candidates read whole, per suggestion returned (some may be out of scope)

bool MayUse(Role role) {
    return role == Role::kAgent || role == Role::kTeamLead || role == Role::kManager || role == Role::kDirector ||
           role == Role::kDepartment || role == Role::kAdmin;
}

}  // namespace

SuggestionService::SuggestionService(ComplaintService& complaints, TemplateService& templates,
                                     ports::ResolvedComplaints& resolved, SuggestionOptions options)
    : complaints_(complaints),
      templates_(templates),
      resolved_(resolved),
      options_(options),
      profiles_(static_cast<std::size_t>(std::max(options.profile_cache, 0))) {}

Result<Suggestions> SuggestionService::Suggest(const workflow::Actor& actor, ComplaintId id) {
    if (!MayUse(actor.role)) return Fail(ErrorCode::kPermissionDenied, "this role does not use suggestions");
    auto found = complaints_.Get(actor, id);
    if (!found) return tl::unexpected(found.error());
    Suggestions out;
    auto best = BestTemplates(actor, *found);
    if (!best) return tl::unexpected(best.error());
    out.templates = std::move(*best);
    auto similar = SimilarResolved(actor, *found, out.candidates);
    if (!similar) return tl::unexpected(similar.error());
    out.similar = std::move(*similar);
    return out;
}

Result<std::vector<TemplateSuggestion>> SuggestionService::BestTemplates(const workflow::Actor& actor,
                                                                         const complaint::Complaint& c) {
    const std::string& category = c.classification.category;
    auto listed = templates_.List(actor, category.empty() ? std::nullopt : std::optional<std::string>(category), false,
                                  false);
    if (!listed) return tl::unexpected(listed.error());
    std::int64_t most_uses = 1;
    for (const auto& t : *listed) most_uses = std::max(most_uses, t.stats.uses);
    std::vector<TemplateSuggestion> ranked;
    for (auto& t : *listed) {
        bool same = !category.empty() && t.item.category == category;
        if (!same && !t.item.category.empty()) continue;  // another category's template
        double csat = (t.stats.csat_sum + kPriorCsat * kPriorWeight) / (static_cast<double>(t.stats.csat_n) + kPriorWeight);
        double usage = std::log1p(static_cast<double>(t.stats.uses)) / std::log1p(static_cast<double>(most_uses));
        double score = (same ? 2.0 : 1.0) + 0.2 * (csat - 1) / 4 + 0.05 * usage;
        ranked.push_back({std::move(t.item), t.stats, score, same});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    if (static_cast<int>(ranked.size()) > options_.templates) ranked.resize(options_.templates);
    return ranked;
}

Result<std::vector<SimilarComplaint>> SuggestionService::SimilarResolved(const workflow::Actor& actor,
                                                                         const complaint::Complaint& c, int& weighed) {
    auto candidates = resolved_.Candidates(actor.tenant, c.classification.category, c.id, options_.candidates);
    if (!candidates) return tl::unexpected(candidates.error());
    weighed = static_cast<int>(candidates->size());
    // Profiles of the candidates seen before at their current version; the others are read and profiled once.
    std::vector<resolution::ProfileCache::Key> keys;
    keys.reserve(candidates->size());
    for (const auto& k : *candidates) keys.push_back({actor.tenant, k.id, k.version});
    auto profiles = profiles_.Find(keys);
    std::vector<ComplaintId> missing;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (!profiles[i]) missing.push_back(keys[i].id);
    }
    if (!missing.empty()) {
        auto texts = resolved_.CandidateTexts(actor.tenant, missing);
        if (!texts) return tl::unexpected(texts.error());
        std::unordered_map<std::int64_t, std::shared_ptr<const resolution::ProfiledCandidate>> read;
        for (auto& t : *texts) {
            auto entry = std::make_shared<resolution::ProfiledCandidate>(
                resolution::ProfiledCandidate{t.version, std::move(t.product), resolution::ProfileOf(t.text)});
            profiles_.Put(actor.tenant, t.id, entry);
            read.emplace(t.id.value, std::move(entry));
        }
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (profiles[i]) continue;
            auto it = read.find(keys[i].id.value);
            if (it != read.end()) profiles[i] = it->second;  // absent: deleted meanwhile
        }
    }
    resolution::TextProfile mine = resolution::ProfileOf(c.subject + "\n" + c.description);
    struct Scored {
        std::size_t index;
        double similarity;
        double score;
    };
    std::vector<Scored> scored;
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        if (!profiles[i]) continue;
        double similarity = resolution::Similarity(mine, profiles[i]->profile);
        if (similarity < options_.min_similarity) continue;
        bool same_product = !c.product_ref.empty() && profiles[i]->product == c.product_ref;
        scored.push_back({i, similarity, similarity + (same_product ? kSameProductBonus : 0)});
    }
    std::size_t keep = static_cast<std::size_t>(options_.similar * kReadAtMostFactor);
    if (scored.size() > keep) {
        std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(),
                          [](const Scored& a, const Scored& b) { return a.score > b.score; });
        scored.resize(keep);
    } else {
        std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
    }
    std::vector<SimilarComplaint> out;
    auto scope = ports::ScopeFor(actor);
    for (const auto& s : scored) {
        if (static_cast<int>(out.size()) == options_.similar) break;
        auto full = complaints_.Get(actor.tenant, (*candidates)[s.index].id);
        if (!full) continue;  // deleted meanwhile
        if (scope && !ports::InScope(*full, *scope)) continue;
        if (full->resolution_summary.empty()) continue;
        bool same_category = !c.classification.category.empty() && full->classification.category == c.classification.category;
        bool same_product = !c.product_ref.empty() && full->product_ref == c.product_ref;
        out.push_back({std::move(*full), s.similarity, same_category, same_product, s.score});
    }
    return out;
}

}  // namespace heed::core::services
