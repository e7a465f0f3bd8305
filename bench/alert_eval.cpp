// Early-warning evaluation on the real CFPB daily series per product (../shared/data/cfpb/daily_volume_by_product.csv):
// the evaluator of `heed serve` (SurgeDetector, every 5 minutes, cooldown 6 h) replayed over the series as it is —
// every alert is a false alarm — and with one surge injected per week into a random product, measuring the delay from
// the surge's first complaint to the alert on that product and how many surges are caught within 30 minutes / 2 h.
//
// The daily counts are real; the CFPB publishes no time of day, so each day's complaints are given times drawn from
// a working-day profile (85 % between 08:00 and 20:00, the rest through the night). Injected surges: `size`
// complaints of one product spread evenly over 60 minutes, starting at a random minute between 09:00 and 17:00 of a
// random day of the week. usage: heed_alert_eval FILE [size=8] [seed=1] [p_threshold=1e-6, the default]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <optional>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/analytics/alerts.hpp"

using namespace heed::core;
using namespace heed::core::analytics;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

struct DayCount {
    std::chrono::sys_days day;
    std::string product;
    int count = 0;
};

std::vector<DayCount> Read(const char* path) {
    std::ifstream in(path);
    std::vector<DayCount> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        // date,product,count — the product may be quoted and contain commas
        auto first = line.find(',');
        auto last = line.rfind(',');
        if (first == std::string::npos || last == first) continue;
        auto parsed = ParseIso8601(line.substr(0, first));
        if (!parsed) continue;
        std::string product = line.substr(first + 1, last - first - 1);
        if (product.size() >= 2 && product.front() == '"') product = product.substr(1, product.size() - 2);
        out.push_back({std::chrono::floor<days>(*parsed), product, std::atoi(line.c_str() + last + 1)});
    }
    return out;
}

Instant At(std::chrono::sys_days day, std::int64_t minute_of_day) {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::sys_time<days>(day)) +
           minutes(minute_of_day);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: heed_alert_eval daily_volume_by_product.csv [size=8] [seed=1] [p=1e-6]\n");
        return 2;
    }
    auto series = Read(argv[1]);
    if (series.empty()) {
        std::fprintf(stderr, "no rows in %s\n", argv[1]);
        return 3;
    }
    const int size = argc > 2 ? std::atoi(argv[2]) : 8;
    std::mt19937_64 random(argc > 3 ? std::atoll(argv[3]) : 1);
    AlertOptions options;
    if (argc > 4) options.p_threshold = std::atof(argv[4]);

    std::deque<ComplaintFacts> rows;
    auto add = [&](Instant at, const std::string& product) {
        auto& f = rows.emplace_back();
        f.id = static_cast<std::int64_t>(rows.size());
        f.number = std::to_string(f.id);
        f.received = f.last_activity = at;
        f.dimensions[static_cast<std::size_t>(Dimension::kCategory)] = product;
        f.dimensions[static_cast<std::size_t>(Dimension::kProduct)] = product;
    };
    std::uniform_real_distribution<double> unit(0, 1);
    auto time_of_day = [&] {  // minutes since midnight
        if (unit(random) < 0.85) return static_cast<std::int64_t>(8 * 60 + unit(random) * 12 * 60);
        double night = unit(random) * 12 * 60;  // 20:00–08:00
        return static_cast<std::int64_t>(20 * 60 + night) % (24 * 60);
    };
    std::vector<std::string> products;
    for (const auto& d : series) {
        if (std::find(products.begin(), products.end(), d.product) == products.end()) products.push_back(d.product);
        for (int i = 0; i < d.count; ++i) add(At(d.day, time_of_day()), d.product);
    }
    const auto first_day = series.front().day, last_day = series.back().day + days(1);
    const std::size_t real_rows = rows.size();

    // Evaluated from the ninth week on (the baseline needs eight), every 5 minutes.
    const Instant from = At(first_day + days(56), 0), to = At(last_day, 0);
    const double weeks = std::chrono::duration<double>(to - from).count() / (7 * 86400.0);
    auto replay = [&](const std::deque<ComplaintFacts>& all) {
        std::vector<const ComplaintFacts*> pointers;
        for (const auto& r : all) pointers.push_back(&r);
        auto started = std::chrono::steady_clock::now();
        auto alerts = SurgeDetector(pointers, {from, to}, options).Replay(minutes(5));
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::vector<Alert> surges;
        for (auto& a : alerts) {
            if (a.kind == AlertKind::kSurge && a.dimension == "product") surges.push_back(std::move(a));
        }
        return std::pair{surges, seconds};
    };

    auto [plain, plain_seconds] = replay(rows);
    std::printf("series %zu complaints, %zu products, evaluated %.1f weeks every 5 minutes (%.1f s)\n", real_rows,
                products.size(), weeks, plain_seconds);
    std::printf("false alarms on the real series: %zu (%.2f per week)\n", plain.size(), plain.size() / weeks);

    // One surge a week into a random product.
    struct Surge {
        std::string product;
        Instant start;
    };
    std::vector<Surge> surges;
    for (Instant week = from; week + days(7) <= to; week += days(7)) {
        Surge s;
        s.product = products[random() % products.size()];
        auto day = std::chrono::floor<days>(week) + days(random() % 7);
        s.start = At(day, 9 * 60 + static_cast<std::int64_t>(random() % (8 * 60)));
        for (int i = 0; i < size; ++i) add(s.start + minutes(i * 60 / size), s.product);
        surges.push_back(s);
    }
    auto [injected, injected_seconds] = replay(rows);
    std::vector<double> delays;
    int within30 = 0, within120 = 0, missed = 0;
    std::vector<bool> used(injected.size(), false);
    for (const auto& s : surges) {
        std::optional<double> delay;
        for (std::size_t i = 0; i < injected.size(); ++i) {
            const auto& a = injected[i];
            if (a.key != s.product || a.raised_at < s.start || a.raised_at > s.start + hours(6)) continue;
            delay = std::chrono::duration<double>(a.raised_at - s.start).count() / 60;
            used[i] = true;
            break;
        }
        if (!delay) {
            ++missed;
            continue;
        }
        delays.push_back(*delay);
        within30 += *delay <= 30;
        within120 += *delay <= 120;
    }
    std::size_t other = std::count(used.begin(), used.end(), false);
    std::sort(delays.begin(), delays.end());
    double median = delays.empty() ? 0 : delays[delays.size() / 2];
    std::printf("injected %zu surges of %d complaints in 60 minutes: caught %zu (%d within 30 min, %d within 2 h, "
                "%d missed); median delay %.0f min, worst %.0f min; other alerts %zu (%.2f per week)\n",
                surges.size(), size, delays.size(), within30, within120, missed, median,
                delays.empty() ? 0 : delays.back(), other, other / weeks);
}
