#pragma once
// Daily volume forecast (SPEC §8): a robust weekly profile times a robust recent level, with prediction intervals
// taken from the model's own errors on the series' recent past. Pure: a series in, numbers out.
//
// The model, chosen because intake levels shift (campaigns, outages, a sample whose density changes by month) and
// a fitted trend would carry a shift forward for weeks:
//  - weekday factors: per weekday, the median over the last `profile_weeks` weeks of (count + c) / (centred 7-day
//    mean + c), c = `profile_pseudo_count` (keeps days of 0 or 1 complaints from swinging the ratio), normalised to
//    mean 1 (a median so one spike leaves the profile alone);
//  - level: the weighted median of the deseasonalised last `level_days` days, weights halving every
//    `level_half_life_days` (a median so one spike does not move it; short half-life so a level shift is followed
//    within days);
//  - forecast for day h: level × factor(weekday of h);
//  - interval: the model is re-run from every second day of the last `interval_weeks` weeks; the log-ratios
//    log((actual+1)/(forecast+1)) of those back-forecasts give the empirical quantiles, widened with the horizon by
//    (1 + 0.5·h/28) and never narrower than the Poisson quantiles of the forecast itself.
// Documented with its measured accuracy in docs/metrics.md and BENCHMARKS.md.

#include <chrono>
#include <string>
#include <vector>

#include "core/common/result.hpp"

namespace heed::core::analytics {

using Day = std::chrono::sys_days;

struct DailyCount {
    Day day;
    double count = 0;
};

struct ForecastOptions {
    int horizon = 28;         // days after the series ends, 1 … 366
    double coverage = 0.8;    // central prediction interval, 0.5 … 0.99
    int profile_weeks = 12;
    double profile_pseudo_count = 2;
    int level_days = 28;
    double level_half_life_days = 4;
    int interval_weeks = 8;
};

struct ForecastPoint {
    Day day;
    double forecast = 0;
    double lower = 0;
    double upper = 0;
};

struct Forecast {
    std::vector<ForecastPoint> points;
    std::vector<double> weekday_factors;  // Monday first, mean 1
    double level = 0;                     // deseasonalised daily level at the end of the series
};

// REQUIRES nothing; returns kInvalidArgument (field "series") when the series is empty, not consecutive days in
// order, or has a negative or non-finite count, and (field "horizon"/"coverage") for options out of range. Series
// shorter than two weeks get no weekly profile (all factors 1).
Result<Forecast> ForecastDaily(const std::vector<DailyCount>& series, const ForecastOptions& options = {});

// The weekly seasonal-naive forecast (the value seven days earlier, repeated), the baseline accuracy is measured
// against. REQUIRES series.size() >= 7.
std::vector<double> SeasonalNaive(const std::vector<DailyCount>& series, int horizon);

// Reads a `date,count` CSV (header optional, ISO dates, one row per day in order; days missing in between are
// filled with 0). kInvalidArgument naming the line on anything else.
Result<std::vector<DailyCount>> ParseDailyCsv(const std::string& text);

}  // namespace heed::core::analytics
