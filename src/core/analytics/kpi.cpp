#include "core/analytics/kpi.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/analytics/business_clock.hpp"

namespace heed::core::analytics {
namespace {

bool In(const std::optional<Instant>& t, const Period& p) { return t && *t >= p.from && *t < p.to; }
bool In(Instant t, const Period& p) { return t >= p.from && t < p.to; }

// Whether `f` is in the population of `kpi` for the period, and whether it counts in the numerator.
struct Membership {
    bool in = false;
    bool counted = false;
};

Membership Member(const ComplaintFacts& f, const Period& p, Kpi kpi) {
    switch (kpi) {
        case Kpi::kFirstResponseTime: return {In(f.received, p) && f.first_response.has_value(), true};
        case Kpi::kHandlingTime: return {In(f.resolved, p), true};
        case Kpi::kSlaFirstResponse: {
            bool decided = f.sla_first_response == SlaOutcome::kMet || f.sla_first_response == SlaOutcome::kBreached;
            return {In(f.received, p) && decided, f.sla_first_response == SlaOutcome::kMet};
        }
        case Kpi::kSlaResolution: {
            bool decided = f.sla_resolution == SlaOutcome::kMet || f.sla_resolution == SlaOutcome::kBreached;
            return {In(f.received, p) && decided, f.sla_resolution == SlaOutcome::kMet};
        }
        case Kpi::kResolutionRate: return {In(f.closed, p), f.resolved.has_value() && !f.reopened_after_day3};
        case Kpi::kFirstContactResolution:
            return {In(f.first_resolved, p), !f.reopened && !f.escalated && f.handoffs <= 1};
        case Kpi::kRepeatRate: return {In(f.received, p), f.repeat};
        case Kpi::kEscalationRate: return {In(f.received, p), f.escalated};
        case Kpi::kReopenRate: return {In(f.first_resolved, p), f.reopened};
        case Kpi::kCsat: return {In(f.answered_at, p) && f.csat.has_value(), f.csat.value_or(0) >= 4};
        case Kpi::kNps: return {In(f.answered_at, p) && f.nps.has_value(), f.nps.value_or(0) >= 9};
        case Kpi::kCompensation: return {In(f.received, p), f.compensations_approved > 0};
    }
    return {};
}

void Summarise(std::vector<double>& hours, Durations& out) {
    out.n = static_cast<std::int64_t>(hours.size());
    if (hours.empty()) return;
    auto at = [&hours](double q) {  // nearest-rank percentile
        auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(hours.size())));
        auto index = std::max<std::size_t>(rank, 1) - 1;
        std::nth_element(hours.begin(), hours.begin() + static_cast<std::ptrdiff_t>(index), hours.end());
        return hours[index];
    };
    out.median_hours = at(0.5);
    out.p90_hours = at(0.9);
}

struct Accumulator {
    KpiSet set;
    std::vector<double> first_response_hours, handling_hours;
    std::vector<double> first_response_business_hours, handling_business_hours;
    BusinessClock* business = nullptr;  // shared by the accumulators of one query; none: no business figures

    void Add(const ComplaintFacts& f, const Period& p) {
        constexpr double kHour = 3'600'000.0;
        if (In(f.received, p)) {
            ++set.received;
            if (f.first_response) {
                first_response_hours.push_back((ToMillis(*f.first_response) - ToMillis(f.received)) / kHour);
                if (business) {
                    first_response_business_hours.push_back(
                        static_cast<double>(business->Between(f.received, *f.first_response).count()) / kHour);
                }
            }
        }
        if (In(f.resolved, p)) {
            handling_hours.push_back(
                (ToMillis(*f.resolved) - ToMillis(f.received) - f.PausedBeforeResolvedMs()) / kHour);
            if (business) {
                auto worked = business->Between(f.received, *f.resolved);
                for (const auto& [from, to] : f.pauses_before_resolved()) worked -= business->Between(from, to);
                handling_business_hours.push_back(static_cast<double>(worked.count()) / kHour);
            }
        }
        auto rate = [&](Kpi kpi, Rate& r) {
            auto m = Member(f, p, kpi);
            if (!m.in) return;
            ++r.denominator;
            if (m.counted) ++r.numerator;
        };
        rate(Kpi::kSlaFirstResponse, set.sla_first_response);
        rate(Kpi::kSlaResolution, set.sla_resolution);
        rate(Kpi::kResolutionRate, set.resolution);
        rate(Kpi::kFirstContactResolution, set.first_contact_resolution);
        rate(Kpi::kRepeatRate, set.repeat);
        rate(Kpi::kEscalationRate, set.escalation);
        rate(Kpi::kReopenRate, set.reopen);
        for (Instant sent : f.surveys_sent()) {
            if (In(sent, p)) ++set.csat.sent;
        }
        if (In(f.answered_at, p)) {
            if (f.csat) {
                ++set.csat.n;
                set.csat.sum += *f.csat;
                if (*f.csat >= 4) ++set.csat.satisfied;
            }
            if (f.nps) {
                ++set.nps.n;
                if (*f.nps >= 9) ++set.nps.promoters;
                if (*f.nps <= 6) ++set.nps.detractors;
            }
        }
        if (In(f.received, p) && f.compensations_approved > 0) {
            ++set.compensated_complaints;
            set.compensations_approved += f.compensations_approved;
        }
    }

    KpiSet Finish() {
        Summarise(first_response_hours, set.first_response);
        Summarise(handling_hours, set.handling);
        Summarise(first_response_business_hours, set.first_response_business);
        Summarise(handling_business_hours, set.handling_business);
        return set;
    }
};

}  // namespace

std::optional<double> Nps::value() const {
    if (!n) return std::nullopt;
    return 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(n);
}

std::optional<std::pair<double, double>> Nps::interval95() const {
    if (!n) return std::nullopt;
    double p = static_cast<double>(promoters) / n, d = static_cast<double>(detractors) / n;
    double variance = (p + d - (p - d) * (p - d)) / n;
    double half = 1.96 * std::sqrt(variance) * 100;
    double v = *value();
    return std::pair{std::max(-100.0, v - half), std::min(100.0, v + half)};
}

KpiReport ComputeKpis(const FactsRows& facts, const Period& period,
                      std::optional<Dimension> group_by, const sla::BusinessCalendar* calendar) {
    std::unique_ptr<BusinessClock> business = calendar ? std::make_unique<BusinessClock>(*calendar) : nullptr;
    Accumulator total;
    total.business = business.get();
    std::map<std::string, Accumulator> groups;
    for (const ComplaintFacts* f : facts) {
        if (f->received >= period.to || f->last_activity < period.from) continue;  // nothing of it in the period
        total.Add(*f, period);
        if (group_by) {
            auto& group = groups[f->dimensions[static_cast<std::size_t>(*group_by)]];
            group.business = business.get();
            group.Add(*f, period);
        }
    }
    KpiReport report{total.Finish(), {}};
    for (auto& [name, accumulator] : groups) {
        KpiSet set = accumulator.Finish();
        if (set == KpiSet{}) continue;  // nothing of this group falls in the period
        report.groups.emplace(name, std::move(set));
    }
    return report;
}

std::vector<KpiSet> ComputeKpiSeries(const FactsRows& facts, const std::vector<Period>& periods,
                                     const std::function<bool(const ComplaintFacts&)>& keep,
                                     const sla::BusinessCalendar* calendar) {
    std::unique_ptr<BusinessClock> business = calendar ? std::make_unique<BusinessClock>(*calendar) : nullptr;
    std::vector<Accumulator> accumulators(periods.size());
    for (auto& a : accumulators) a.business = business.get();
    std::vector<KpiSet> out;
    if (periods.empty()) return out;
    const Instant first = periods.front().from, last = periods.back().to;
    auto index_of = [&](Instant t) -> std::ptrdiff_t {
        if (t < first || t >= last) return -1;
        auto it = std::upper_bound(periods.begin(), periods.end(), t,
                                   [](Instant value, const Period& p) { return value < p.from; });
        return (it - periods.begin()) - 1;
    };
    std::vector<std::ptrdiff_t> touched;
    for (const ComplaintFacts* f : facts) {
        if (f->received >= last || f->last_activity < first) continue;
        if (keep && !keep(*f)) continue;
        touched.clear();
        auto touch = [&](Instant t) {
            auto i = index_of(t);
            if (i >= 0 && std::find(touched.begin(), touched.end(), i) == touched.end()) touched.push_back(i);
        };
        // Every instant Accumulator::Add tests a period against (first response and compensation go by received).
        touch(f->received);
        for (const auto& t : {f->resolved, f->first_resolved, f->closed, f->answered_at}) {
            if (t) touch(*t);
        }
        for (Instant sent : f->surveys_sent()) touch(sent);
        for (auto i : touched) accumulators[static_cast<std::size_t>(i)].Add(*f, periods[static_cast<std::size_t>(i)]);
    }
    out.reserve(periods.size());
    for (auto& a : accumulators) out.push_back(a.Finish());
    return out;
}

DrillResult Drill(const FactsRows& facts, const Period& period, Kpi kpi,
                  std::optional<Dimension> group_by, const std::string& group, int limit) {
    DrillResult result;
    std::vector<const ComplaintFacts*> matched;
    for (const ComplaintFacts* f : facts) {
        if (f->received >= period.to || f->last_activity < period.from) continue;
        if (group_by && f->dimensions[static_cast<std::size_t>(*group_by)] != group) continue;
        auto m = Member(*f, period, kpi);
        if (!m.in) continue;
        ++result.total;
        matched.push_back(f);
    }
    std::sort(matched.begin(), matched.end(), [](auto* a, auto* b) { return a->id > b->id; });
    for (const ComplaintFacts* f : matched) {
        if (static_cast<int>(result.items.size()) >= limit) break;
        result.items.push_back({f->id, f->number.str(), Member(*f, period, kpi).counted});
    }
    return result;
}

}  // namespace heed::core::analytics
