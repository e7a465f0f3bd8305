#include "core/analytics/alerts.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace heed::core::analytics {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

Instant FloorHour(Instant t) { return std::chrono::floor<hours>(t); }

std::int64_t CountIn(const std::vector<Instant>& times, Instant from, Instant to) {
    return std::lower_bound(times.begin(), times.end(), to) - std::lower_bound(times.begin(), times.end(), from);
}

}  // namespace

double PoissonUpperTail(std::int64_t k, double lambda) {
    if (k <= 0) return 1.0;
    if (lambda <= 0) return 0.0;
    if (static_cast<double>(k) <= lambda) {  // the lower tail is the small one: 1 − P(X < k)
        double sum = 0, log_term = -lambda;
        for (std::int64_t i = 0; i < k; ++i) {
            if (i > 0) log_term += std::log(lambda) - std::log(static_cast<double>(i));
            sum += std::exp(log_term);
        }
        return std::max(0.0, 1.0 - sum);
    }
    double log_term = -lambda + static_cast<double>(k) * std::log(lambda) - std::lgamma(static_cast<double>(k) + 1);
    double sum = 0;
    for (std::int64_t i = k; i < k + 100000; ++i) {
        if (i > k) log_term += std::log(lambda) - std::log(static_cast<double>(i));
        double term = std::exp(log_term);
        sum += term;
        if (term < sum * 1e-15) break;
    }
    return std::min(1.0, sum);
}

SurgeDetector::SurgeDetector(const FactsRows& rows, const Period& span, AlertOptions options)
    : options_(std::move(options)), span_(span) {
    minutes longest{0};
    for (auto w : options_.windows) longest = std::max(longest, w);
    longest = std::max<minutes>(longest, options_.drift_window);
    longest = std::max<minutes>(longest, options_.cluster_window);
    origin_ = FloorHour(span.from - longest - days(7 * options_.baseline_weeks) - hours(1));
    const Instant end = span.to;
    hourly_.assign(static_cast<std::size_t>(std::chrono::ceil<hours>(end - origin_).count()) + 1, 0);
    std::vector<const ComplaintFacts*> kept;
    for (const auto* f : rows) {
        if (f->received < origin_ || f->received >= end) continue;
        kept.push_back(f);
    }
    std::sort(kept.begin(), kept.end(), [](auto* a, auto* b) {
        return a->received != b->received ? a->received < b->received : a->id < b->id;
    });
    for (const auto* f : kept) {
        ++hourly_[static_cast<std::size_t>(std::chrono::floor<hours>(f->received - origin_).count())];
        auto add = [f](Keyed& k) {
            k.times.push_back(f->received);
            k.rows.push_back(f);
        };
        add(categories_[f->dimensions[static_cast<std::size_t>(Dimension::kCategory)]]);
        // A complaint that names no product is no product's: those together are not a product that surges.
        if (const auto& product = f->dimensions[static_cast<std::size_t>(Dimension::kProduct)]; !product.empty()) {
            add(products_[product]);
        }
        if (!f->cluster.empty()) {
            auto& cluster = *clusters_.try_emplace(f->cluster).first;  // map nodes stay where they are
            add(cluster.second);
            clustered_.emplace_back(f->received, &cluster);
        }
        if (f->sentiment) {
            auto& s = sentiments_[f->dimensions[static_cast<std::size_t>(Dimension::kCategory)]];
            s.times.push_back(f->received);
            s.rows.push_back(f);
            s.sums.push_back(s.sums.back() + *f->sentiment);
            s.squares.push_back(s.squares.back() + *f->sentiment * *f->sentiment);
        }
    }
}

int SurgeDetector::HourOfWeek(Instant hour_start) const {
    auto local = hour_start + options_.utc_offset;
    auto day = std::chrono::floor<days>(local);
    unsigned weekday = std::chrono::weekday(day).iso_encoding() - 1;  // Monday 0 … Sunday 6
    if (std::find(options_.holidays.begin(), options_.holidays.end(), day) != options_.holidays.end()) weekday = 6;
    return static_cast<int>(weekday * 24 + static_cast<unsigned>(std::chrono::floor<hours>(local - day).count()));
}

const std::vector<double>& SurgeDetector::Profile(Instant from, Instant to) const {
    auto key = std::pair{ToMillis(from), ToMillis(to)};
    if (auto it = profiles_.find(key); it != profiles_.end()) return it->second;
    if (profiles_.size() > 64) profiles_.clear();
    auto& profile = profiles_[key];
    profile.assign(168, 1.0);
    std::vector<double> count(168, 0), hours_seen(168, 0);
    double total = 0, n = 0;
    for (Instant h = std::max(FloorHour(from), origin_); h < to; h += hours(1)) {
        auto index = static_cast<std::size_t>(std::chrono::floor<hours>(h - origin_).count());
        if (index >= hourly_.size()) break;
        int how = HourOfWeek(h);
        count[how] += static_cast<double>(hourly_[index]);
        hours_seen[how] += 1;
        total += static_cast<double>(hourly_[index]);
        n += 1;
    }
    if (total <= 0 || n <= 0) return profile;
    const double mean = total / n;
    double sum = 0;
    for (int h = 0; h < 168; ++h) {
        profile[h] = (count[h] + 2 * mean) / (hours_seen[h] + 2) / mean;  // two hours' worth of the mean as a prior
        sum += profile[h];
    }
    for (auto& p : profile) p *= 168 / sum;
    return profile;
}

void SurgeDetector::Surges(Instant now, const std::map<std::string, Keyed>& keys, const char* dimension,
                           std::vector<Alert>& out) const {
    struct Window {
        Instant from, baseline_from, baseline_to;
        std::vector<double> profile;
        double baseline_hours = 0;
    };
    std::vector<Window> windows;
    for (auto w : options_.windows) {
        Window window;
        window.from = now - w;
        window.baseline_to = FloorHour(window.from);
        window.baseline_from = std::max(window.baseline_to - days(7 * options_.baseline_weeks), origin_);
        window.baseline_hours = static_cast<double>(
            std::chrono::floor<hours>(window.baseline_to - window.baseline_from).count());
        if (window.baseline_hours < 24) continue;  // no history to judge by
        window.profile = Profile(window.baseline_from, window.baseline_to);
        windows.push_back(std::move(window));
    }
    for (const auto& [key, k] : keys) {
        std::optional<Alert> best;
        for (const auto& window : windows) {
            std::int64_t observed = CountIn(k.times, window.from, now);
            if (observed < options_.min_count) continue;
            double base = static_cast<double>(CountIn(k.times, window.baseline_from, window.baseline_to));
            double rate = std::max(base, 0.5) / window.baseline_hours;  // per hour, a new key gets half a complaint
            double expected = 0;
            for (Instant h = FloorHour(window.from); h < now; h += hours(1)) {
                Instant a = std::max(h, window.from), b = std::min(h + hours(1), now);
                double fraction = std::chrono::duration<double>(b - a).count() / 3600.0;
                expected += rate * window.profile[static_cast<std::size_t>(HourOfWeek(h))] * fraction;
            }
            if (static_cast<double>(observed) < options_.min_ratio * expected) continue;
            double p = PoissonUpperTail(observed, expected);
            if (p >= options_.p_threshold) continue;
            if (best && best->score <= p) continue;
            Alert alert;
            alert.kind = AlertKind::kSurge;
            alert.dimension = dimension;
            alert.key = key;
            alert.raised_at = now;
            alert.window = {window.from, now};
            alert.observed = observed;
            alert.expected = expected;
            alert.score = p;
            best = std::move(alert);
        }
        if (!best) continue;
        auto first = std::lower_bound(k.times.begin(), k.times.end(), best->window.from) - k.times.begin();
        auto last = std::lower_bound(k.times.begin(), k.times.end(), now) - k.times.begin();
        for (auto i = last; i > first && best->complaint_ids.size() < 200; --i) {
            best->complaint_ids.push_back(k.rows[static_cast<std::size_t>(i - 1)]->id);
            best->numbers.push_back(k.rows[static_cast<std::size_t>(i - 1)]->number.str());
        }
        out.push_back(std::move(*best));
    }
}

std::vector<Alert> SurgeDetector::At(Instant now) const {
    std::vector<Alert> out;
    Surges(now, categories_, "category", out);
    Surges(now, products_, "product", out);

    // Negative-sentiment drift per category.
    const Instant window_from = now - options_.drift_window;
    const Instant baseline_from = window_from - days(7 * options_.baseline_weeks);
    struct Moments {
        double n = 0, sum = 0, squares = 0;
    };
    for (const auto& entry : sentiments_) {
        const std::string& category = entry.first;
        const Sentiments& s = entry.second;  // named, not a structured binding: the lambdas below capture it
        auto at = [&s](Instant t) {
            return static_cast<std::size_t>(std::lower_bound(s.times.begin(), s.times.end(), t) - s.times.begin());
        };
        const std::size_t b0 = at(baseline_from), w0 = at(window_from), w1 = at(now);
        auto moments = [&s](std::size_t from, std::size_t to) {
            return Moments{static_cast<double>(to - from), s.sums[to] - s.sums[from], s.squares[to] - s.squares[from]};
        };
        const Moments base = moments(b0, w0), recent = moments(w0, w1);
        if (recent.n < static_cast<double>(options_.drift_min_n) || base.n < static_cast<double>(options_.drift_min_n)) {
            continue;
        }
        double base_mean = base.sum / base.n, mean = recent.sum / recent.n;
        double variance = std::max(base.squares / base.n - base_mean * base_mean, 0.01);
        double z = (base_mean - mean) / std::sqrt(variance / recent.n);
        if (base_mean - mean < options_.drift_min_drop || z < options_.drift_z) continue;
        Alert alert;
        alert.kind = AlertKind::kSentimentDrift;
        alert.dimension = "category";
        alert.key = category;
        alert.raised_at = now;
        alert.window = {window_from, now};
        alert.observed = static_cast<std::int64_t>(recent.n);
        alert.expected = base_mean;
        alert.score = mean;
        for (std::size_t i = w1; i > w0 && alert.complaint_ids.size() < 200; --i) {
            alert.complaint_ids.push_back(s.rows[i - 1]->id);
            alert.numbers.push_back(s.rows[i - 1]->number.str());
        }
        out.push_back(std::move(alert));
    }

    // Clusters of near-duplicates (triage links them into incident clusters) growing in the window.
    const Instant cluster_from = now - options_.cluster_window;
    auto by_time = [](const auto& entry, Instant t) { return entry.first < t; };
    std::vector<const std::pair<const std::string, Keyed>*> active;  // the clusters with a row in the window
    for (auto it = std::lower_bound(clustered_.begin(), clustered_.end(), cluster_from, by_time);
         it != clustered_.end() && it->first < now; ++it) {
        active.push_back(it->second);
    }
    std::sort(active.begin(), active.end(), [](auto* a, auto* b) { return a->first < b->first; });  // in key order
    active.erase(std::unique(active.begin(), active.end()), active.end());
    for (const auto* entry : active) {
        const auto& [cluster, k] = *entry;
        std::int64_t observed = CountIn(k.times, cluster_from, now);
        if (observed < options_.cluster_min) continue;
        Alert alert;
        alert.kind = AlertKind::kDuplicateCluster;
        alert.dimension = "cluster";
        alert.key = cluster;
        alert.raised_at = now;
        alert.window = {cluster_from, now};
        alert.observed = observed;
        auto first = std::lower_bound(k.times.begin(), k.times.end(), cluster_from) - k.times.begin();
        auto last = std::lower_bound(k.times.begin(), k.times.end(), now) - k.times.begin();
        for (auto i = last; i > first && alert.complaint_ids.size() < 200; --i) {
            alert.complaint_ids.push_back(k.rows[static_cast<std::size_t>(i - 1)]->id);
            alert.numbers.push_back(k.rows[static_cast<std::size_t>(i - 1)]->number.str());
        }
        out.push_back(std::move(alert));
    }
    return out;
}

std::vector<Alert> SurgeDetector::Replay(minutes step) const {
    std::vector<Alert> raised;
    std::map<std::tuple<AlertKind, std::string, std::string>, Instant> last;
    for (Instant now = span_.from; now <= span_.to; now += step) {
        for (auto& alert : At(now)) {
            auto key = std::tuple{alert.kind, alert.dimension, alert.key};
            auto it = last.find(key);
            if (it != last.end() && now - it->second < options_.cooldown) continue;
            last[key] = now;
            raised.push_back(std::move(alert));
        }
    }
    return raised;
}

}  // namespace heed::core::analytics
