#pragma once
// The KPIs of SPEC §8 over a period, optionally grouped by one dimension, from ComplaintFacts. Definitions (and which
// date puts a complaint in the period) are in docs/metrics.md; each figure carries its sample size, and Drill lists
// the complaints behind any figure.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/analytics/facts.hpp"
#include "core/common/result.hpp"
#include "core/sla/calendar.hpp"

namespace heed::core::analytics {

enum class Kpi {
    kFirstResponseTime,
    kHandlingTime,
    kSlaFirstResponse,
    kSlaResolution,
    kResolutionRate,
    kFirstContactResolution,
    kRepeatRate,
    kEscalationRate,
    kReopenRate,
    kCsat,
    kNps,
    kCompensation,
};
inline constexpr EnumNames<Kpi, 12> kKpiNames{{{Kpi::kFirstResponseTime, "first_response_time"},
                                               {Kpi::kHandlingTime, "handling_time"},
                                               {Kpi::kSlaFirstResponse, "sla_first_response"},
                                               {Kpi::kSlaResolution, "sla_resolution"},
                                               {Kpi::kResolutionRate, "resolution_rate"},
                                               {Kpi::kFirstContactResolution, "first_contact_resolution"},
                                               {Kpi::kRepeatRate, "repeat_rate"},
                                               {Kpi::kEscalationRate, "escalation_rate"},
                                               {Kpi::kReopenRate, "reopen_rate"},
                                               {Kpi::kCsat, "csat"},
                                               {Kpi::kNps, "nps"},
                                               {Kpi::kCompensation, "compensation"}}};

struct Period {
    Instant from{};  // inclusive
    Instant to{};    // exclusive
};

struct Rate {
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    std::optional<double> value() const {
        return denominator ? std::optional<double>(static_cast<double>(numerator) / denominator) : std::nullopt;
    }
    bool operator==(const Rate&) const = default;
};

struct Durations {
    std::int64_t n = 0;
    std::optional<double> median_hours;
    std::optional<double> p90_hours;
    bool operator==(const Durations&) const = default;
};

struct Csat {
    std::int64_t n = 0;      // answers with a CSAT score in the period
    std::int64_t sent = 0;   // surveys sent in the period
    std::int64_t sum = 0;
    std::int64_t satisfied = 0;  // scores 4–5
    std::optional<double> mean() const { return n ? std::optional<double>(static_cast<double>(sum) / n) : std::nullopt; }
    bool operator==(const Csat&) const = default;
};

struct Nps {
    std::int64_t n = 0, promoters = 0, detractors = 0;
    std::optional<double> value() const;  // % promoters − % detractors, −100 … 100
    // 95 % interval by the normal approximation of the difference of two shares of one multinomial sample.
    std::optional<std::pair<double, double>> interval95() const;
    bool operator==(const Nps&) const = default;
};

struct KpiSet {
    std::int64_t received = 0;
    Durations first_response;  // first human response − received
    Durations handling;        // resolved − received − paused time
    // The same two in working time on a business calendar (working hours, holidays, time zone); empty (n = 0) when
    // the KPIs were computed without a calendar.
    Durations first_response_business, handling_business;
    Rate sla_first_response, sla_resolution;
    Rate resolution, first_contact_resolution, repeat, escalation, reopen;
    Csat csat;
    Nps nps;
    std::int64_t compensated_complaints = 0, compensations_approved = 0;
    bool operator==(const KpiSet&) const = default;
};

struct Targets {
    double csat = 4.2;
    double resolution_rate = 0.95;
    double repeat_rate = 0.05;
    double nps = 40;
    double sla_compliance = 0.95;
};

struct KpiReport {
    KpiSet total;
    std::map<std::string, KpiSet> groups;  // empty without a grouping
};

// With a calendar (REQUIRES sla::ValidateCalendar), the durations are also measured in its working time.
KpiReport ComputeKpis(const FactsRows& facts, const Period& period,
                      std::optional<Dimension> group_by = std::nullopt,
                      const sla::BusinessCalendar* calendar = nullptr);

// KPI sets of consecutive periods (sorted, each ending where the next begins) in one scan: a row is added to the
// periods its instants fall in, so each set equals ComputeKpis over its period. Rows failing `keep` are left out.
std::vector<KpiSet> ComputeKpiSeries(const FactsRows& facts, const std::vector<Period>& periods,
                                     const std::function<bool(const ComplaintFacts&)>& keep = nullptr,
                                     const sla::BusinessCalendar* calendar = nullptr);

struct DrillItem {
    std::int64_t id = 0;
    std::string number;
    bool counted = false;  // in the numerator (for times: always true)
};

// The complaints in the figure's population (denominator) for the period, in the group when given, newest first,
// at most `limit`; `total` is the population size.
struct DrillResult {
    std::vector<DrillItem> items;
    std::int64_t total = 0;
};
DrillResult Drill(const FactsRows& facts, const Period& period, Kpi kpi,
                  std::optional<Dimension> group_by, const std::string& group, int limit);

}  // namespace heed::core::analytics
