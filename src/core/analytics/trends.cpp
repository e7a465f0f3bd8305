#include "core/analytics/trends.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

namespace heed::core::analytics {
namespace {

using std::chrono::days;

std::string DateText(std::chrono::sys_days day) {
    std::chrono::year_month_day ymd{day};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

Instant AtMidnight(std::chrono::sys_days day) {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::sys_time<days>(day));
}

}  // namespace

bool Filters::Match(const ComplaintFacts& f) const {
    for (const auto& [dimension, value] : equal) {
        if (f.dimensions[static_cast<std::size_t>(dimension)] != value) return false;
    }
    return true;
}

Pareto ComputePareto(const FactsRows& rows, const Period& period, Dimension by,
                     const Filters& filters) {
    struct Tally {
        std::int64_t count = 0, severity_sum = 0, severity_n = 0;
        std::vector<std::uint64_t> customers;  // CustomerKey; distinct counted after the scan
    };
    std::map<std::string, Tally> tallies;
    Pareto out;
    for (const ComplaintFacts* f : rows) {
        if (f->received < period.from || f->received >= period.to || !filters.Match(*f)) continue;
        auto& t = tallies[f->dimensions[static_cast<std::size_t>(by)]];
        ++t.count;
        ++out.total;
        t.customers.push_back(f->customer);
        if (f->severity > 0) {
            t.severity_sum += f->severity;
            ++t.severity_n;
        }
    }
    for (auto& [name, t] : tallies) {
        std::sort(t.customers.begin(), t.customers.end());
        auto customers = std::unique(t.customers.begin(), t.customers.end()) - t.customers.begin();
        double severity = t.severity_n ? static_cast<double>(t.severity_sum) / static_cast<double>(t.severity_n) : 0;
        out.items.push_back({name, t.count, static_cast<double>(t.count) / static_cast<double>(out.total), 0,
                             customers, severity, static_cast<double>(customers) * std::max(severity, 1.0)});
    }
    std::sort(out.items.begin(), out.items.end(), [](const ParetoItem& a, const ParetoItem& b) {
        return a.count != b.count ? a.count > b.count : a.name < b.name;
    });
    std::int64_t running = 0;
    for (auto& item : out.items) {
        running += item.count;
        item.cumulative_share = static_cast<double>(running) / static_cast<double>(out.total);
    }
    out.core = out.items;
    std::sort(out.core.begin(), out.core.end(), [](const ParetoItem& a, const ParetoItem& b) {
        if (a.priority != b.priority) return a.priority > b.priority;
        return a.count != b.count ? a.count > b.count : a.name < b.name;
    });
    if (out.core.size() > 3) out.core.resize(3);
    return out;
}

std::vector<std::pair<Period, std::string>> TrendPeriods(const Period& period, Granularity granularity,
                                                         std::chrono::minutes utc_offset) {
    std::vector<std::pair<Period, std::string>> out;
    if (period.to <= period.from) return out;
    auto local_day = std::chrono::floor<days>(period.from + utc_offset);
    std::chrono::sys_days start = local_day;
    if (granularity == Granularity::kWeek) {
        start = local_day - days(std::chrono::weekday(local_day).iso_encoding() - 1);
    } else if (granularity == Granularity::kMonth) {
        std::chrono::year_month_day ymd{local_day};
        start = std::chrono::sys_days(ymd.year() / ymd.month() / 1);
    }
    for (auto local = start;;) {
        std::chrono::sys_days next;
        if (granularity == Granularity::kDay) {
            next = local + days(1);
        } else if (granularity == Granularity::kWeek) {
            next = local + days(7);
        } else {
            std::chrono::year_month_day ymd{local};
            auto ym = std::chrono::year_month(ymd.year(), ymd.month()) + std::chrono::months(1);
            next = std::chrono::sys_days(ym / 1);
        }
        Instant from = AtMidnight(local) - utc_offset, to = AtMidnight(next) - utc_offset;
        if (from >= period.to) break;
        out.push_back({Period{std::max(from, period.from), std::min(to, period.to)}, DateText(local)});
        local = next;
    }
    return out;
}

Result<Trends> ComputeTrends(const FactsRows& rows, const Period& period,
                             Granularity granularity, std::chrono::minutes utc_offset, const Filters& filters,
                             std::size_t max_buckets, const sla::BusinessCalendar* calendar) {
    if (period.to <= period.from) return Fail(ErrorCode::kInvalidArgument, "to must be after from", "to");
    // Count the buckets before making them: a ten-year daily series is refused without building it.
    auto span_days = std::chrono::floor<days>(period.to - period.from).count() + 1;
    std::size_t estimate = granularity == Granularity::kDay    ? static_cast<std::size_t>(span_days)
                           : granularity == Granularity::kWeek ? static_cast<std::size_t>(span_days / 7)
                                                               : static_cast<std::size_t>(span_days / 31);
    if (estimate > max_buckets) {
        return Fail(ErrorCode::kInvalidArgument,
                    "too many " + std::string(NameOf(kGranularityNames, granularity)) + "s in the period (at most " +
                        std::to_string(max_buckets) + "); choose a coarser granularity",
                    "granularity");
    }
    Trends out;
    std::vector<Period> periods;
    for (auto& [p, label] : TrendPeriods(period, granularity, utc_offset)) {
        periods.push_back(p);
        out.buckets.push_back({p, std::move(label), {}});
    }
    std::function<bool(const ComplaintFacts&)> keep;
    if (!filters.equal.empty()) keep = [&filters](const ComplaintFacts& f) { return filters.Match(f); };
    auto sets = ComputeKpiSeries(rows, periods, keep, calendar);
    for (std::size_t i = 0; i < sets.size(); ++i) out.buckets[i].kpis = std::move(sets[i]);
    for (const ComplaintFacts* f : rows) {
        if (f->received < period.from || f->received >= period.to || !filters.Match(*f)) continue;
        auto cell = HeatCell::Of(f->received, utc_offset);
        ++out.heat[static_cast<std::size_t>(cell.weekday)][static_cast<std::size_t>(cell.hour)];
    }
    return out;
}

HeatCell HeatCell::Of(Instant at, std::chrono::minutes utc_offset) {
    auto local = at + utc_offset;
    auto day = std::chrono::floor<days>(local);
    return {static_cast<int>(std::chrono::weekday(day).iso_encoding()) - 1,
            static_cast<int>(std::chrono::floor<std::chrono::hours>(local - day).count()), utc_offset};
}

bool HeatCell::Holds(Instant at) const {
    auto cell = Of(at, utc_offset);
    return cell.weekday == weekday && cell.hour == hour;
}

}  // namespace heed::core::analytics
