#include "core/analytics/forecast.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace heed::core::analytics {
namespace {

using std::chrono::days;

int WeekdayIndex(Day day) {  // Monday 0 … Sunday 6
    return static_cast<int>(std::chrono::weekday(day).iso_encoding()) - 1;
}

std::vector<double> WeekdayFactors(const std::vector<double>& y, Day first, const ForecastOptions& o) {
    std::vector<double> factors(7, 1.0);
    const int n = static_cast<int>(y.size());
    if (n < 14) return factors;
    const int start = std::max(0, n - o.profile_weeks * 7);
    std::vector<std::vector<double>> ratios(7);
    for (int i = start; i < n; ++i) {
        int lo = std::max(0, i - 3);
        int hi = std::min(n, i + 4);
        if (hi - lo < 7) {  // at the ends, the nearest full week
            lo = std::max(0, hi - 7);
            hi = std::min(n, lo + 7);
        }
        double mean = std::accumulate(y.begin() + lo, y.begin() + hi, 0.0) / (hi - lo);
        ratios[WeekdayIndex(first + days(i))].push_back((y[i] + o.profile_pseudo_count) /
                                                        (mean + o.profile_pseudo_count));
    }
    for (int k = 0; k < 7; ++k) {
        auto& r = ratios[k];
        if (r.empty()) continue;
        std::sort(r.begin(), r.end());
        factors[k] = r.size() % 2 ? r[r.size() / 2] : (r[r.size() / 2 - 1] + r[r.size() / 2]) / 2;
    }
    double mean = std::accumulate(factors.begin(), factors.end(), 0.0) / 7;
    for (auto& factor : factors) factor = mean > 0 ? factor / mean : 1.0;
    return factors;
}

double WeightedMedian(std::vector<std::pair<double, double>> values) {
    std::sort(values.begin(), values.end());
    double total = 0;
    for (const auto& [value, weight] : values) total += weight;
    double running = 0;
    for (const auto& [value, weight] : values) {
        running += weight;
        if (running >= total / 2) return value;
    }
    return values.empty() ? 0 : values.back().first;
}

struct PointModel {
    std::vector<double> factors;
    double level = 0;
};

// The point model fitted to y[0, n).
PointModel Fit(const std::vector<double>& y, int n, Day first, const ForecastOptions& o) {
    std::vector<double> head(y.begin(), y.begin() + n);
    PointModel model{WeekdayFactors(head, first, o), 0};
    std::vector<std::pair<double, double>> deseasonalised;
    const int start = std::max(0, n - o.level_days);
    for (int i = start; i < n; ++i) {
        double factor = model.factors[WeekdayIndex(first + days(i))];
        double weight = std::pow(0.5, (n - 1 - i) / o.level_half_life_days);
        deseasonalised.emplace_back(factor > 0 ? y[i] / factor : y[i], weight);
    }
    model.level = WeightedMedian(std::move(deseasonalised));
    return model;
}

double Predict(const PointModel& model, Day day) { return model.level * model.factors[WeekdayIndex(day)]; }

double Quantile(std::vector<double> values, double q) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    double position = q * static_cast<double>(values.size() - 1);
    auto lo = static_cast<std::size_t>(std::floor(position));
    auto hi = std::min(values.size() - 1, lo + 1);
    return values[lo] + (values[hi] - values[lo]) * (position - static_cast<double>(lo));
}

// Smallest k with P(X <= k) >= q for X ~ Poisson(lambda).
double PoissonQuantile(double lambda, double q) {
    if (lambda <= 0) return 0;
    if (lambda > 500) {  // normal approximation; exp(-λ) would underflow
        double lo = -10, hi = 10;
        for (int i = 0; i < 60; ++i) {
            double mid = (lo + hi) / 2;
            (0.5 * std::erfc(-mid / std::sqrt(2.0)) < q ? lo : hi) = mid;
        }
        return std::max(0.0, std::round(lambda + lo * std::sqrt(lambda)));
    }
    double p = std::exp(-lambda), cumulative = p;
    int k = 0;
    while (cumulative < q && k < 1'000'000) {
        ++k;
        p *= lambda / k;
        cumulative += p;
    }
    return k;
}

}  // namespace

Result<Forecast> ForecastDaily(const std::vector<DailyCount>& series, const ForecastOptions& o) {
    if (series.empty()) return Fail(ErrorCode::kInvalidArgument, "the series has no days", "series");
    if (o.horizon < 1 || o.horizon > 366) return Fail(ErrorCode::kInvalidArgument, "horizon must be 1 … 366", "horizon");
    if (!(o.coverage >= 0.5 && o.coverage <= 0.99)) {
        return Fail(ErrorCode::kInvalidArgument, "coverage must be 0.5 … 0.99", "coverage");
    }
    std::vector<double> y;
    y.reserve(series.size());
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (i > 0 && series[i].day != series[i - 1].day + days(1)) {
            return Fail(ErrorCode::kInvalidArgument, "the series must be consecutive days in order", "series");
        }
        if (!std::isfinite(series[i].count) || series[i].count < 0) {
            return Fail(ErrorCode::kInvalidArgument, "counts must be finite and not negative", "series");
        }
        y.push_back(series[i].count);
    }
    const Day first = series.front().day;
    const int n = static_cast<int>(y.size());
    PointModel model = Fit(y, n, first, o);

    // Errors of back-forecasts from recent origins (each fitted only on the days before it).
    std::vector<double> errors;
    for (int origin = std::max(14, n - o.interval_weeks * 7); origin < n; origin += 2) {
        PointModel past = Fit(y, origin, first, o);
        for (int i = origin; i < std::min(n, origin + o.horizon); ++i) {
            errors.push_back(std::log((y[i] + 1) / (Predict(past, first + days(i)) + 1)));
        }
    }
    const double tail = (1 - o.coverage) / 2;
    const double low_error = Quantile(errors, tail), high_error = Quantile(errors, 1 - tail);

    Forecast out;
    out.weekday_factors = model.factors;
    out.level = model.level;
    const Day last = series.back().day;
    for (int h = 1; h <= o.horizon; ++h) {
        Day day = last + days(h);
        double point = Predict(model, day);
        double widen = 1 + 0.5 * h / 28.0;
        double lower = std::max(0.0, (point + 1) * std::exp(low_error * widen) - 1);
        double upper = (point + 1) * std::exp(high_error * widen) - 1;
        lower = std::min(lower, PoissonQuantile(point, tail));
        upper = std::max(upper, PoissonQuantile(point, 1 - tail));
        out.points.push_back({day, point, lower, upper});
    }
    return out;
}

std::vector<double> SeasonalNaive(const std::vector<DailyCount>& series, int horizon) {
    std::vector<double> out;
    const std::size_t n = series.size();
    for (int h = 1; h <= horizon; ++h) out.push_back(series[n - 7 + static_cast<std::size_t>((h - 1) % 7)].count);
    return out;
}

Result<std::vector<DailyCount>> ParseDailyCsv(const std::string& text) {
    std::vector<DailyCount> out;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    auto bad = [&number](const std::string& why) {
        return Fail(ErrorCode::kInvalidArgument, "line " + std::to_string(number) + ": " + why, "series");
    };
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (number == 1 && line.size() >= 3 && static_cast<unsigned char>(line[0]) == 0xEF) line.erase(0, 3);  // BOM
        if (line.empty()) continue;
        auto comma = line.find(',');
        if (comma == std::string::npos) return bad("expected date,count");
        std::string date = line.substr(0, comma), count = line.substr(comma + 1);
        if (number == 1 && date == "date") continue;
        int year = 0;
        unsigned month = 0, day = 0;
        char dash1 = 0, dash2 = 0;
        std::istringstream date_in(date);
        date_in >> year >> dash1 >> month >> dash2 >> day;
        std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
        if (date.size() != 10 || !date_in || dash1 != '-' || dash2 != '-' || !ymd.ok()) {
            return bad("date must be YYYY-MM-DD");
        }
        char* end = nullptr;
        double value = std::strtod(count.c_str(), &end);
        if (count.empty() || end != count.c_str() + count.size() || !std::isfinite(value) || value < 0) {
            return bad("count must be a number >= 0");
        }
        Day d{ymd};
        if (!out.empty()) {
            if (d <= out.back().day) return bad("dates must increase");
            if (d - out.back().day > days(3660)) return bad("a gap of more than ten years");
            for (Day fill = out.back().day + days(1); fill < d; fill += days(1)) out.push_back({fill, 0});
        }
        out.push_back({d, value});
    }
    if (out.empty()) return Fail(ErrorCode::kInvalidArgument, "the series has no days", "series");
    return out;
}

}  // namespace heed::core::analytics
