#pragma once
// Early warning (SPEC §8): surges of intake per category and per product beyond a seasonal baseline, negative-
// sentiment drift per category, and clusters of near-duplicate complaints, each with the complaints behind it.
// Definitions and tuning in docs/metrics.md ("Early warning"); the detection delay and false-alarm rate on the real
// CFPB series are in BENCHMARKS.md.
//
// Surge model. The tenant's intake over the last `baseline_weeks` (up to the start of the window) gives a profile
// of the 168 hours of the week (holidays count as Sundays), normalised to mean 1; a key's (category's, product's)
// expected count in a window is its mean hourly rate over the same span × the profile of the window's hours. A
// window [now − w, now) raises an alert when its observed count is at least `min_count`, at least `min_ratio` ×
// expected, and the Poisson probability of that many or more is below `p_threshold`.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/analytics/facts.hpp"
#include "core/analytics/kpi.hpp"

namespace heed::core::analytics {

enum class AlertKind { kSurge, kSentimentDrift, kDuplicateCluster };
inline constexpr EnumNames<AlertKind, 3> kAlertKindNames{{{AlertKind::kSurge, "surge"},
                                                          {AlertKind::kSentimentDrift, "sentiment_drift"},
                                                          {AlertKind::kDuplicateCluster, "duplicate_cluster"}}};

struct Alert {
    AlertKind kind = AlertKind::kSurge;
    std::string dimension;  // category or product (cluster for near-duplicates)
    std::string key;        // its value
    Instant raised_at{};    // the evaluation that raised it
    Period window;          // the complaints counted
    std::int64_t observed = 0;
    double expected = 0;           // surges: the baseline's count for the window; drift: baseline mean sentiment
    double score = 0;              // surges: Poisson upper-tail probability; drift: the window's mean sentiment
    std::vector<std::int64_t> complaint_ids;  // newest first, at most 200
    std::vector<std::string> numbers;
};

struct AlertOptions {
    std::vector<std::chrono::minutes> windows{std::chrono::minutes(30), std::chrono::minutes(120)};
    int baseline_weeks = 8;
    std::int64_t min_count = 5;
    double min_ratio = 3.0;
    double p_threshold = 1e-6;  // tuned on the CFPB series (BENCHMARKS.md "Early warning")
    std::chrono::minutes utc_offset{0};              // local time for the weekly profile and holidays
    std::vector<std::chrono::sys_days> holidays;     // local dates that count as Sundays
    std::chrono::hours cooldown{6};                  // a key alerts again only this long after its last alert
    // Negative-sentiment drift per category: the last `drift_window` against the `baseline_weeks` before it.
    std::chrono::hours drift_window{24};
    std::int64_t drift_min_n = 10;
    double drift_min_drop = 0.2;  // on the −1 … 1 scale
    double drift_z = 3.0;
    // Near-duplicate clusters (triage's incident clusters): at least this many complaints in `cluster_window`.
    std::chrono::hours cluster_window{24};
    std::int64_t cluster_min = 3;
};

// P(X ≥ k) for X ~ Poisson(lambda).
double PoissonUpperTail(std::int64_t k, double lambda);

// Indexes the rows received in [from − baseline − longest window, to) once, then evaluates any instant in [from, to]
// in microseconds (replays over a month evaluate every few minutes).
class SurgeDetector {
public:
    SurgeDetector(const FactsRows& rows, const Period& span, AlertOptions options);

    // Surges (category and product), sentiment drift and duplicate clusters as of `now`; no cooldown applied.
    std::vector<Alert> At(Instant now) const;

    // Evaluates every `step` from span.from to span.to and keeps the alerts a monitor would have raised (one per
    // kind and key within the cooldown), oldest first.
    std::vector<Alert> Replay(std::chrono::minutes step) const;

private:
    struct Keyed {
        std::vector<Instant> times;  // sorted
        std::vector<const ComplaintFacts*> rows;  // same order
    };
    const std::vector<double>& Profile(Instant from, Instant to) const;  // cached by (from, to)
    int HourOfWeek(Instant hour_start) const;
    void Surges(Instant now, const std::map<std::string, Keyed>& keys, const char* dimension,
                std::vector<Alert>& out) const;

    AlertOptions options_;
    Period span_;
    Instant origin_{};                  // first hour indexed
    std::vector<std::int64_t> hourly_;  // the tenant's intake per hour from origin_
    std::map<std::string, Keyed> categories_, products_, clusters_;
    // Rows with a cluster in order of receipt, each with its cluster: an evaluation looks only at the clusters of
    // its window's rows instead of every cluster of the weeks indexed.
    std::vector<std::pair<Instant, const std::pair<const std::string, Keyed>*>> clustered_;
    // Per category, the rows with a sentiment in order of receipt and running sums of their sentiment and its
    // square (sums[i] = over the first i rows): an evaluation takes the moments of its baseline and window as
    // differences of two sums, instead of re-reading the weeks of the baseline.
    struct Sentiments {
        std::vector<Instant> times;
        std::vector<const ComplaintFacts*> rows;
        std::vector<double> sums{0.0}, squares{0.0};
    };
    std::map<std::string, Sentiments> sentiments_;
    // Profiles by their hour-aligned baseline: evaluations every few minutes share them. Not thread-safe, like
    // the detector itself (one per evaluation or replay).
    mutable std::map<std::pair<std::int64_t, std::int64_t>, std::vector<double>> profiles_;
};

}  // namespace heed::core::analytics
