#include "core/services/triage_service.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string_view>

#include "core/triage/fingerprint.hpp"
#include "core/triage/index_entries.hpp"
#include "core/triage/risk_lexicon.hpp"
#include "core/triage/text_match.hpp"

namespace heed::core::services {

using complaint::Complaint;
using complaint::FieldSource;
using workflow::Event;
using workflow::EventKind;

namespace {

// The fields triage is responsible for: those a person is asked to confirm when triage could not set them.
constexpr std::array<const char*, 4> kReviewedFields{"category", "urgency", "severity", "service_stage"};
// Candidates read per fingerprint lookup (newest first): enough to find the cluster and count its customers nearby.
constexpr int kFingerprintCandidates = 20;
// Fields whose change by a person is a label for training.
const std::set<std::string> kLabelledFields{"category",   "subcategory", "urgency",    "severity", "service_stage",
                                            "difficulty", "nature",      "risk_flags", "sentiment"};

std::string Percent(double confidence) {
    char text[16];
    std::snprintf(text, sizeof text, "%.2f", confidence);
    return text;
}

bool IsSet(const Complaint& c, const std::string& field) {
    const auto& k = c.classification;
    if (field == "category") return !k.category.empty();
    if (field == "subcategory") return !k.subcategory.empty();
    if (field == "nature") return !k.nature.empty();
    if (field == "urgency") return k.urgency.has_value();
    if (field == "difficulty") return k.difficulty.has_value();
    if (field == "severity") return k.severity.has_value();
    if (field == "service_stage") return k.service_stage.has_value();
    if (field == "sentiment") return k.sentiment_score.has_value();
    return false;
}

std::string ValueText(const Complaint& c, const std::string& field) {
    const auto& k = c.classification;
    if (field == "category") return k.category;
    if (field == "subcategory") return k.subcategory;
    if (field == "nature") return k.nature;
    if (field == "urgency") return k.urgency ? std::string(complaint::ToString(*k.urgency)) : "";
    if (field == "difficulty") return k.difficulty ? std::string(complaint::ToString(*k.difficulty)) : "";
    if (field == "severity") return k.severity ? std::to_string(*k.severity) : "";
    if (field == "service_stage") return k.service_stage ? std::string(complaint::ToString(*k.service_stage)) : "";
    if (field == "sentiment") return k.sentiment_score ? Percent(*k.sentiment_score) : "";
    if (field == "risk_flags") {
        std::string text;
        for (auto flag : k.risk_flags) text += (text.empty() ? "" : ",") + std::string(complaint::ToString(flag));
        return text;
    }
    return "";
}

// Sets `field` from its wire value; false when the value is not one of the field's (a model's unknown label).
bool SetValue(Complaint& c, const std::string& field, const std::string& value) {
    auto& k = c.classification;
    if (field == "category")
        k.category = value;
    else if (field == "subcategory")
        k.subcategory = value;
    else if (field == "nature")
        k.nature = value;
    else if (field == "urgency") {
        auto v = ValueOf(complaint::kUrgencyNames, value);
        if (!v) return false;
        k.urgency = v;
    } else if (field == "difficulty") {
        auto v = ValueOf(complaint::kDifficultyNames, value);
        if (!v) return false;
        k.difficulty = v;
    } else if (field == "service_stage") {
        auto v = ValueOf(complaint::kServiceStageNames, value);
        if (!v) return false;
        k.service_stage = v;
    } else if (field == "severity") {
        if (value.size() != 1 || value[0] < '1' || value[0] > '5') return false;
        k.severity = value[0] - '0';
    } else {
        return false;
    }
    return true;
}

// Sentiment labels of the models as a score in −1 … 1.
std::optional<double> SentimentScore(const ports::FieldPrediction& p) {
    if (p.label == "negative") return -p.confidence;
    if (p.label == "positive") return p.confidence;
    if (p.label == "neutral") return 0.0;
    return std::nullopt;
}

bool IsPerson(const Complaint& c, const std::string& field) {
    auto it = c.classification.field_sources.find(field);
    return it != c.classification.field_sources.end() && it->second == FieldSource::kPerson;
}

void AddRiskFlag(Complaint& c, complaint::RiskFlag flag) {
    auto& flags = c.classification.risk_flags;
    if (std::find(flags.begin(), flags.end(), flag) == flags.end()) flags.push_back(flag);
}

void AddUnique(std::vector<std::string>& list, const std::string& value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

Event TriageEvent(const Complaint& c, EventKind kind, std::string field, std::string after, std::string note) {
    return Event{{},   c.tenant,         {}, c.milestones.received_at, "triage",       workflow::Role::kSystem,
                 kind, std::move(field), {}, std::move(after),         std::move(note)};
}

}  // namespace

const ports::TriageThresholds& DefaultTriageThresholds() {
    static const ports::TriageThresholds kDefaults{{"category", 0.6}, {"subcategory", 0.5},   {"urgency", 0.6},
                                                   {"severity", 0.5}, {"service_stage", 0.6}, {"sentiment", 0.5}};
    return kDefaults;
}

TriageService::TriageService(ports::ComplaintStore& complaints, ports::TriageStore& store, const ports::Clock& clock,
                             TriageParts parts, TriageOptions options)
    : complaints_(complaints), store_(store), clock_(clock), parts_(parts), options_(options) {}

void TriageService::Invalidate(TenantId tenant) {
    std::lock_guard lock(mutex_);
    configs_.erase(tenant);
}

std::shared_ptr<const TriageService::TenantConfig> TriageService::ConfigFor(TenantId tenant) {
    auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        auto it = configs_.find(tenant);
        if (it != configs_.end() && now - it->second->loaded_at < options_.cache_ttl) return it->second;
    }
    auto config = std::make_shared<TenantConfig>();
    config->loaded_at = now;
    config->thresholds = DefaultTriageThresholds();
    if (auto rules = store_.Rules(tenant)) {
        for (auto& rule : *rules) {
            // Stored rules were validated when saved; one that no longer is (an older Heed) is skipped, not run.
            if (rule.enabled && ValidateRule(rule, parts_.patterns)) {
                config->rules.push_back(triage::CompileRule(std::move(rule), parts_.patterns));
            }
        }
    }
    if (auto thresholds = store_.Thresholds(tenant)) {
        for (const auto& [field, value] : *thresholds) config->thresholds[field] = value;
    }
    std::lock_guard lock(mutex_);
    configs_[tenant] = config;
    return config;
}

void TriageService::Triage(Complaint& c, std::vector<Event>& events) {
    auto& k = c.classification;
    // What arrived already filled in was given by a person (the API caller, an import's source).
    for (const char* field :
         {"category", "subcategory", "nature", "urgency", "difficulty", "severity", "service_stage", "sentiment"}) {
        if (IsSet(c, field) && !k.field_sources.count(field)) k.field_sources[field] = FieldSource::kPerson;
    }
    if (!k.risk_flags.empty() && !k.field_sources.count("risk_flags"))
        k.field_sources["risk_flags"] = FieldSource::kPerson;
    const std::string text = triage::NormaliseForMatching(c.subject + "\n" + c.description);
    auto config = ConfigFor(c.tenant);

    // 1. The models.
    if (const auto* classifier = parts_.classifier) {
        std::string language;
        if (auto it = c.attributes.find("language"); it != c.attributes.end()) language = it->second;
        auto predictions = classifier->Classify(c.tenant, c.subject + "\n" + c.description, language);
        for (const auto& [field, prediction] : predictions) {
            if (IsSet(c, field) || IsPerson(c, field)) continue;
            bool set = false;
            if (field == "sentiment") {
                if (auto score = SentimentScore(prediction)) {
                    k.sentiment_score = score;
                    k.emotion_intensity = std::abs(*score);
                    set = true;
                }
            } else {
                set = SetValue(c, field, prediction.label);
            }
            if (!set) continue;
            k.field_sources[field] = FieldSource::kModel;
            c.triage.confidences[field] = prediction.confidence;
            events.push_back(TriageEvent(c, EventKind::kTriaged, field, prediction.label,
                                         "model, confidence " + Percent(prediction.confidence)));
        }
        if (!c.triage.confidences.empty()) {
            auto category = c.triage.confidences.find("category");
            double lowest = 1.0;
            for (const auto& [field, confidence] : c.triage.confidences) lowest = std::min(lowest, confidence);
            k.confidence = category != c.triage.confidences.end() ? category->second : lowest;
        }
    }

    // 1b. No model gave a sentiment: the sentiment lexicons' reading, as a rule (no calibrated confidence).
    if (const auto* classifier = parts_.classifier; classifier && !IsSet(c, "sentiment") && !IsPerson(c, "sentiment")) {
        if (auto reading = classifier->ReadSentiment(c.subject + "\n" + c.description)) {
            k.sentiment_score = reading->score;
            k.emotion_intensity = std::abs(reading->score);
            k.field_sources["sentiment"] = FieldSource::kRule;
            std::string terms;
            for (const auto& term : reading->terms) terms += (terms.empty() ? "" : ", ") + term;
            events.push_back(TriageEvent(c, EventKind::kTriaged, "sentiment", ValueText(c, "sentiment"),
                                         "sentiment lexicon: " + terms));
        }
    }

    // 2. The risk lexicon: flags, and urgent at once.
    auto hits = triage::FindRiskTerms(text);
    if (c.customer.tier == complaint::CustomerTier::kVip) hits.push_back({complaint::RiskFlag::kVip, "vip"});
    if (!hits.empty()) {
        std::string terms;
        for (const auto& hit : hits) {
            AddRiskFlag(c, hit.flag);
            if (hit.term != "vip") AddUnique(c.triage.risk_terms, hit.term);
            terms += (terms.empty() ? "" : ", ") + hit.term;
        }
        if (!IsPerson(c, "risk_flags")) k.field_sources["risk_flags"] = FieldSource::kRule;
        events.push_back(
            TriageEvent(c, EventKind::kTriaged, "risk_flags", ValueText(c, "risk_flags"), "risk lexicon: " + terms));
        bool risky = std::any_of(hits.begin(), hits.end(),
                                 [](const auto& hit) { return hit.flag != complaint::RiskFlag::kVip; });
        if (risky && !IsPerson(c, "urgency") && k.urgency != complaint::Urgency::kUrgent) {
            k.urgency = complaint::Urgency::kUrgent;
            k.field_sources["urgency"] = FieldSource::kRule;
            c.triage.confidences.erase("urgency");
            events.push_back(TriageEvent(c, EventKind::kTriaged, "urgency", "urgent", "risk lexicon: " + terms));
        }
    }

    // 3. The tenant's rules. A field set by a rule is not changed by a later rule, nor by a model (rules are the
    // tenant's explicit policy); a person's value is never changed.
    std::set<std::string> set_by_rule;
    for (const auto& compiled : config->rules) {
        if (!triage::RuleMatches(compiled, c, text)) continue;
        const auto& rule = compiled.rule;
        const auto& then = rule.then;
        const std::string note = "rule " + std::to_string(rule.id.value) + " " + rule.name;
        for (const auto& [field, value] : then.set) {
            if (IsPerson(c, field) || set_by_rule.count(field)) continue;
            if (!SetValue(c, field, value)) continue;
            set_by_rule.insert(field);
            k.field_sources[field] = FieldSource::kRule;
            c.triage.confidences.erase(field);
            events.push_back(TriageEvent(c, EventKind::kTriaged, field, value, note));
        }
        for (const auto& tag : then.add_tags) {
            if (k.tags.size() < complaint::kMaxTags && std::find(k.tags.begin(), k.tags.end(), tag) == k.tags.end()) {
                k.tags.push_back(tag);
                if (!IsPerson(c, "tags")) k.field_sources["tags"] = FieldSource::kRule;
                events.push_back(TriageEvent(c, EventKind::kTriaged, "tags", tag, note));
            }
        }
        if (!then.risk_flags.empty()) {
            for (auto flag : then.risk_flags) AddRiskFlag(c, flag);
            if (!IsPerson(c, "risk_flags")) k.field_sources["risk_flags"] = FieldSource::kRule;
            events.push_back(TriageEvent(c, EventKind::kTriaged, "risk_flags", ValueText(c, "risk_flags"), note));
        }
        if (then.escalate) {
            if (!IsPerson(c, "urgency") && k.urgency != complaint::Urgency::kUrgent) {
                k.urgency = complaint::Urgency::kUrgent;
                k.field_sources["urgency"] = FieldSource::kRule;
                c.triage.confidences.erase("urgency");
                events.push_back(TriageEvent(c, EventKind::kTriaged, "urgency", "urgent", note));
            }
            events.push_back(TriageEvent(c, EventKind::kEscalated, "request", "escalation requested", note));
        }
        if (!then.team.empty() && c.team.empty()) {
            c.team = then.team;
            events.push_back(TriageEvent(c, EventKind::kTriaged, "team", then.team, note));
        }
        if (!then.department.empty() && c.department.empty()) {
            c.department = then.department;
            events.push_back(TriageEvent(c, EventKind::kTriaged, "department", then.department, note));
        }
    }

    // 4. Repeats, duplicates and incident clusters; 5. the fraud score (both record into c.triage).
    DetectRepeats(c, events);
    DetectDuplicates(c, events);
    c.triage.fraud_score = std::min(1.0, c.triage.fraud_score);

    // What a person still has to look at.
    for (const char* field : kReviewedFields) {
        if (!IsSet(c, field)) {
            AddUnique(c.triage.review_fields, field);
            continue;
        }
        auto confidence = c.triage.confidences.find(field);
        auto threshold = config->thresholds.find(field);
        if (confidence != c.triage.confidences.end() && threshold != config->thresholds.end() &&
            confidence->second < threshold->second && k.field_sources[field] == FieldSource::kModel) {
            AddUnique(c.triage.review_fields, field);
        }
    }
    if (auto sentiment = c.triage.confidences.find("sentiment"); sentiment != c.triage.confidences.end()) {
        auto threshold = config->thresholds.find("sentiment");
        if (threshold != config->thresholds.end() && sentiment->second < threshold->second) {
            AddUnique(c.triage.review_fields, "sentiment");
        }
    }
}

void TriageService::DetectRepeats(Complaint& c, std::vector<Event>& events) {
    auto keys = triage::ContactKeys(c.customer);
    if (keys.empty()) return;
    const Instant received = c.milestones.received_at;
    auto found = store_.ByContact(c.tenant, keys, received - options_.history_window, 200);
    if (!found) {
        AddUnique(c.triage.review_fields, "repeat_check");
        return;
    }
    const ports::ContactMatch* repeat = nullptr;
    int last_day = 0, compensated = 0;
    for (const auto& match : *found) {
        if (match.received_at > received) continue;  // an import of older complaints after newer ones
        if (received - match.received_at <= std::chrono::hours(24)) ++last_day;
        if (match.compensated) ++compensated;
        if (!repeat && !c.classification.category.empty() && match.category == c.classification.category &&
            received - match.received_at <= options_.repeat_window) {
            repeat = &match;  // newest first: the latest one
        }
    }
    if (repeat) {
        c.links.repeat_of = repeat->id;
        c.triage.repeat_count = repeat->repeat_count + 1;
        std::string note = "same customer and category within 30 days (" + repeat->number + "); repeat " +
                           std::to_string(c.triage.repeat_count);
        if (c.triage.repeat_count >= 2) note += ": third complaint or more on this, for escalation";
        events.push_back(TriageEvent(c, EventKind::kLinked, "repeat_of", std::to_string(repeat->id.value), note));
    }
    if (last_day >= 2) {
        c.triage.fraud_score += 0.3;
        c.triage.fraud_reasons.push_back("burst: " + std::to_string(last_day + 1) +
                                         " complaints from this contact within 24 hours");
    }
    if (compensated >= 2) {
        c.triage.fraud_score += 0.3;
        c.triage.fraud_reasons.push_back("compensation history: " + std::to_string(compensated) +
                                         " earlier complaints with compensation or money in dispute within a year");
    }
}

void TriageService::DetectDuplicates(Complaint& c, std::vector<Event>& events) {
    auto hash = triage::TextFingerprint(c);
    if (!hash) return;
    const Instant received = c.milestones.received_at;
    auto found = store_.ByFingerprint(c.tenant, *hash, received - options_.cluster_window, kFingerprintCandidates);
    if (!found) {
        AddUnique(c.triage.review_fields, "duplicate_check");
        return;
    }
    const auto keys = triage::ContactKeys(c.customer);
    const std::string customer = keys.empty() ? std::string() : keys.front();  // as IndexEntriesFor names it
    // Near-identical text from other customers, newest first, pointing into `found`; the customer keys (or
    // numbers) are views into it too, counted after a sort: no copies or sets of strings on every intake.
    std::vector<const ports::TextMatch*> others;
    std::vector<std::string_view> identical_customers;
    const std::uint64_t digest = triage::TextDigest(c);
    for (const auto& match : *found) {
        if (match.received_at > received) continue;
        int distance = triage::HammingDistance(match.simhash, *hash);
        if (distance > triage::kNearDuplicateBits) continue;
        bool same_customer = !customer.empty() && match.customer == customer;
        if (same_customer) {
            if (!c.links.duplicate_of) {
                c.links.duplicate_of = match.id;
                events.push_back(TriageEvent(c, EventKind::kLinked, "duplicate_of", std::to_string(match.id.value),
                                             "near-identical text from the same customer (" + match.number + ")"));
            }
            continue;
        }
        others.push_back(&match);
        // Byte for byte the same words (a copy-paste campaign), not merely the same after normalisation.
        if (distance == 0 && match.text_digest == digest) {
            identical_customers.push_back(match.customer.empty() ? match.number : match.customer);
        }
    }
    auto count_distinct = [](std::vector<std::string_view>& keys) {
        std::sort(keys.begin(), keys.end());
        return static_cast<std::size_t>(std::unique(keys.begin(), keys.end()) - keys.begin());
    };
    if (std::size_t identical = count_distinct(identical_customers); identical >= 2) {
        c.triage.fraud_score += 0.5;
        c.triage.fraud_reasons.push_back("the same text from " + std::to_string(identical) +
                                         " other accounts within 14 days");
    }
    if (others.empty()) return;
    std::string cluster = JoinCluster(c, others);
    if (cluster.empty()) return;
    c.links.incident_cluster = cluster;
    // This complaint's customer ("self" without contact details, as no other customer is named so) and the others'.
    std::vector<std::string_view> touched{customer.empty() ? std::string_view("self") : std::string_view(customer)};
    for (const auto* match : others) touched.push_back(match->customer.empty() ? match->number : match->customer);
    const std::size_t customers = count_distinct(touched);
    events.push_back(TriageEvent(
        c, EventKind::kLinked, "incident_cluster", cluster,
        "near-identical text from " + std::to_string(customers - 1) + " other customers within 14 days"));
    if (static_cast<int>(customers) >= options_.mass_incident_customers) {
        AddRiskFlag(c, complaint::RiskFlag::kMassIncident);
        if (!IsPerson(c, "risk_flags")) c.classification.field_sources["risk_flags"] = FieldSource::kRule;
        events.push_back(
            TriageEvent(c, EventKind::kTriaged, "risk_flags", ValueText(c, "risk_flags"),
                        "incident cluster " + cluster + " touches " + std::to_string(customers) + " customers"));
    }
}

std::string TriageService::JoinCluster(const Complaint& c, const std::vector<const ports::TextMatch*>& others) {
    for (const auto* match : others) {
        if (!match->cluster.empty()) return match->cluster;
    }
    // A new cluster, named after its first complaint, which is linked to it too (an ordinary audited update).
    const ports::TextMatch& first = *others.back();
    std::string cluster = "IC-" + first.number;
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto founder = complaints_.Get(c.tenant, first.id);
        if (!founder) return {};
        if (!founder->links.incident_cluster.empty()) return founder->links.incident_cluster;
        Complaint next = *founder;
        next.links.incident_cluster = cluster;
        next.updated_at = clock_.Now();
        Event linked{{},
                     c.tenant,
                     founder->id,
                     next.updated_at,
                     "triage",
                     workflow::Role::kSystem,
                     EventKind::kLinked,
                     "incident_cluster",
                     {},
                     cluster,
                     "a complaint with near-identical text arrived from another customer"};
        auto stored = complaints_.Update({std::move(next), founder->version, {linked}, {}});
        if (stored) return cluster;
        if (stored.error().code != ErrorCode::kConflict) return {};
    }
    return {};
}

std::vector<triage::TriageLabel> TriageService::Corrections(const workflow::Actor& actor, const Complaint& before,
                                                            Complaint& after, std::vector<Event>& events,
                                                            bool reviewed) {
    std::vector<triage::TriageLabel> labels;
    if (actor.role == workflow::Role::kCustomer || actor.role == workflow::Role::kSystem) return labels;
    auto previous_source = [&before](const std::string& field) -> std::string {
        auto it = before.classification.field_sources.find(field);
        return it == before.classification.field_sources.end() ? "" : std::string(complaint::ToString(it->second));
    };
    auto& review = after.triage.review_fields;
    for (const auto& event : events) {
        if (event.kind != EventKind::kFieldChanged || !kLabelledFields.count(event.field)) continue;
        labels.push_back({0,
                          after.tenant,
                          after.id,
                          event.field,
                          event.after,
                          event.before,
                          previous_source(event.field),
                          actor.name,
                          event.at,
                          {}});
        std::erase(review, event.field);
    }
    if (reviewed && !review.empty()) {
        std::string confirmed;
        for (const auto& field : review) {
            confirmed += (confirmed.empty() ? "" : ",") + field;
            if (!kLabelledFields.count(field) || !IsSet(after, field)) continue;
            std::string value = ValueText(after, field);
            labels.push_back(
                {0, after.tenant, after.id, field, value, value, previous_source(field), actor.name, clock_.Now(), {}});
        }
        review.clear();
        events.push_back(Event{{},
                               after.tenant,
                               after.id,
                               clock_.Now(),
                               actor.name,
                               actor.role,
                               EventKind::kTriaged,
                               "review_fields",
                               confirmed,
                               {},
                               "triage reviewed and confirmed by a person"});
    }
    return labels;
}

}  // namespace heed::core::services
