#pragma once
// Automatic triage inside intake (SPEC §3). ComplaintService calls Triage on every new complaint before it is
// stored (API, public form, imports, demo) and Corrections on every edit. Triage fills, in this order:
//   1. the text models (ports::TextClassifier, optional): category, subcategory, urgency, severity, service stage,
//      sentiment, each with its confidence;
//   2. the built-in risk lexicon: risk flags, and urgency urgent at once;
//   3. the tenant's rules, in priority order (see triage/rule.hpp);
//   4. repeats (same customer + same category within 30 days → links.repeat_of, repeat_count), duplicates (the
//      same customer's near-identical text → links.duplicate_of) and incident clusters (near-identical text from
//      different customers → links.incident_cluster; mass_incident once it touches three customers);
//   5. a fraud / malicious score with its reasons, for human review only.
// A field a person sent is never changed (its source stays person). Each field set records its source (model, rule)
// in field_sources and a `triaged` event; links record `linked` events; a rule's escalation records an `escalated`
// event. Fields left without a value, or set by a model below the tenant's threshold, are listed in
// triage.review_fields: the complaint waits in the triage queue until a person confirms or corrects them, and each
// correction becomes a label for the next training (Corrections).
//
// Triage never makes intake fail: when a lookup fails, that step is skipped and noted in the review fields
// ("repeat_check" / "duplicate_check") so a person looks instead.
//
// Thread-safety: safe to call from many threads. Rules and thresholds are cached per tenant for a few seconds and
// dropped at once by Invalidate (RuleService calls it on every change).

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/complaint/complaint.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/ports/pattern_engine.hpp"
#include "core/ports/text_classifier.hpp"
#include "core/ports/triage_store.hpp"
#include "core/triage/rule.hpp"
#include "core/workflow/actor.hpp"
#include "core/workflow/event.hpp"

namespace heed::core::services {

struct TriageOptions {
    std::chrono::hours repeat_window{24 * 30};
    std::chrono::hours cluster_window{24 * 14};
    std::chrono::hours history_window{24 * 365};  // compensation-seeking history
    int mass_incident_customers = 3;
    std::chrono::milliseconds cache_ttl{10000};
};

// The optional parts triage works with; each may be null.
struct TriageParts {
    const ports::TextClassifier* classifier = nullptr;  // none: model fields stay for people to fill
    const ports::PatternEngine* patterns = nullptr;     // none: rules with a regex are refused
};

// The thresholds a tenant starts with (docs/triage.md); a tenant setting overrides each.
const ports::TriageThresholds& DefaultTriageThresholds();

class TriageService {
public:
    // The stores, clock and parts must outlive the service.
    TriageService(ports::ComplaintStore& complaints, ports::TriageStore& store, const ports::Clock& clock,
                  TriageParts parts = {}, TriageOptions options = {});

    // Intake: fills `draft` (validated, not yet stored) and appends the events of what it did to `events`.
    void Triage(complaint::Complaint& draft, std::vector<workflow::Event>& events);

    // An edit by `actor` changed `after` from `before` with `events` (field_changed …). Returns one label per
    // triage field a person changed, and takes those fields off the review list. With `reviewed`, the person
    // confirms the remaining review fields as they are: labels for them, the list is cleared, and an event says so.
    std::vector<triage::TriageLabel> Corrections(const workflow::Actor& actor, const complaint::Complaint& before,
                                                 complaint::Complaint& after, std::vector<workflow::Event>& events,
                                                 bool reviewed);

    // Drops the cached rules and thresholds of the tenant.
    void Invalidate(TenantId tenant);

    ports::TriageStore& store() { return store_; }
    const ports::PatternEngine* patterns() const { return parts_.patterns; }

private:
    struct TenantConfig {
        std::vector<triage::CompiledRule> rules;
        ports::TriageThresholds thresholds;
        std::chrono::steady_clock::time_point loaded_at;
    };

    std::shared_ptr<const TenantConfig> ConfigFor(TenantId tenant);
    void DetectRepeats(complaint::Complaint& draft, std::vector<workflow::Event>& events);
    void DetectDuplicates(complaint::Complaint& draft, std::vector<workflow::Event>& events);
    std::string JoinCluster(const complaint::Complaint& draft, const std::vector<const ports::TextMatch*>& others);

    ports::ComplaintStore& complaints_;
    ports::TriageStore& store_;
    const ports::Clock& clock_;
    TriageParts parts_;
    TriageOptions options_;
    std::mutex mutex_;
    std::map<TenantId, std::shared_ptr<const TenantConfig>> configs_;  // GUARDED_BY(mutex_)
};

}  // namespace heed::core::services
