#pragma once
// Pareto of problem types and time series of volume and KPIs (SPEC §8), over any period and filters, from the
// KPI roll-up (ComplaintFacts). Definitions in docs/metrics.md ("Pareto and trends").

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/analytics/kpi.hpp"

namespace heed::core::analytics {

// Only rows whose dimension equals the value, for every pair (an empty value matches rows without that dimension).
struct Filters {
    std::vector<std::pair<Dimension, std::string>> equal;
    bool Match(const ComplaintFacts& f) const;
};

struct ParetoItem {
    std::string name;  // the problem type ("" = unclassified)
    std::int64_t count = 0;
    double share = 0;             // of the period's complaints
    double cumulative_share = 0;  // this and every more frequent type
    std::int64_t customers = 0;   // distinct customers affected
    double mean_severity = 0;     // over complaints with a severity (1–5); 0 when none has one
    double priority = 0;          // customers × mean severity (a severity of 1 when none is known)
    bool operator==(const ParetoItem&) const = default;
};

struct Pareto {
    std::int64_t total = 0;         // complaints received in the period (after filters)
    std::vector<ParetoItem> items;  // most frequent first (ties by name)
    std::vector<ParetoItem> core;   // the top 3 core problems: highest priority first (ties by count, then name)
};

// Complaints received in the period, by `by` (category: the problem type; any dimension works).
Pareto ComputePareto(const FactsRows& rows, const Period& period, Dimension by,
                     const Filters& filters);

enum class Granularity { kDay, kWeek, kMonth };
inline constexpr EnumNames<Granularity, 3> kGranularityNames{
    {{Granularity::kDay, "day"}, {Granularity::kWeek, "week"}, {Granularity::kMonth, "month"}}};

struct TrendBucket {
    Period period;      // clipped to the query's period
    std::string label;  // local start date YYYY-MM-DD (weeks start on Monday)
    KpiSet kpis;        // kpis.received is the volume
};

struct Trends {
    std::vector<TrendBucket> buckets;
    // Complaints received in the period by local weekday ([0] = Monday … [6] = Sunday) and local hour.
    std::array<std::array<std::int64_t, 24>, 7> heat{};
};

// One cell of the hour × weekday heat map: a local weekday (0 = Monday … 6 = Sunday) and hour (0 … 23), local =
// UTC + utc_offset. Holds says whether an instant falls in it, as the heat map counts it.
struct HeatCell {
    int weekday = 0;
    int hour = 0;
    std::chrono::minutes utc_offset{0};
    static HeatCell Of(Instant at, std::chrono::minutes utc_offset);
    bool Holds(Instant at) const;
};

// Buckets of local days, ISO weeks or calendar months (local = UTC + utc_offset) covering the period; every KPI of
// each bucket is exactly ComputeKpis over the bucket's period. kInvalidArgument when more than `max_buckets`.
Result<Trends> ComputeTrends(const FactsRows& rows, const Period& period,
                             Granularity granularity, std::chrono::minutes utc_offset, const Filters& filters,
                             std::size_t max_buckets = 1500, const sla::BusinessCalendar* calendar = nullptr);

// The bucket boundaries ComputeTrends uses (exposed for tests).
std::vector<std::pair<Period, std::string>> TrendPeriods(const Period& period, Granularity granularity,
                                                         std::chrono::minutes utc_offset);

}  // namespace heed::core::analytics
