// What GET /api/v1/complaints/{id}/suggestions costs in the service (SuggestionService::Suggest: the category's
// templates with cached statistics, the candidate range of resolved complaints, text similarity, the best read
// whole), on a real SQLite database made by `heed demo --count 1000000`. Complaints are picked at random; each call is
// timed on its own and the median, p90, p95 and p99 printed: the service as `heed serve` runs it (candidates' text
// profiles kept between calls; the first call of each category reads them all), the same without kept profiles
// (every call reads and profiles every candidate's text: the cost of a cold start), and the candidate range alone.
// Usage: build/bench/suggestion_benchmark DB [queries=1000] [candidates=2000]. Reads only.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/ports/clock.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/suggestion_service.hpp"
#include "core/services/template_service.hpp"
#include "storage/sqlite/resolution_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

using namespace heed;
using Clock = std::chrono::steady_clock;

namespace {

struct Stats {
    std::vector<double> millis;
    void Add(Clock::duration d) { millis.push_back(std::chrono::duration<double, std::milli>(d).count()); }
    double At(double q) {
        std::sort(millis.begin(), millis.end());
        return millis[static_cast<std::size_t>(q * static_cast<double>(millis.size() - 1))];
    }
    void Print(const char* name) {
        std::printf("%-34s median %7.2f ms  p90 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  (n=%zu)\n", name, At(0.5),
                    At(0.9), At(0.95), At(0.99), millis.size());
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DB [queries] [candidates]\n", argv[0]);
        return 2;
    }
    std::string path = argv[1];
    int queries = argc > 2 ? std::atoi(argv[2]) : 1000;
    int candidates = argc > 3 ? std::atoi(argv[3]) : 2000;
    core::ports::SystemClock clock;
    // Nothing is written, so the audit chain's key is never used.
    auto store = storage::sqlite::SqliteComplaintStore::Open(
        path, {.readers = 2, .max_batch = 8, .mac = [](std::string_view) { return std::string(64, '0'); },
               .clock = &clock});
    if (!store) {
        std::fprintf(stderr, "open: %s\n", store.error().message.c_str());
        return 1;
    }
    auto resolution = storage::sqlite::SqliteResolutionStore::Open(path);
    if (!resolution) return 1;
    core::services::ComplaintService complaints(**store, clock);
    core::services::TemplateService templates(complaints, **resolution, clock);
    core::services::SuggestionService suggestions(complaints, templates, **resolution, {.candidates = candidates});
    core::services::SuggestionService uncached(complaints, templates, **resolution,
                                               {.candidates = candidates, .profile_cache = 0});
    auto total = (*store)->Count(core::kDefaultTenant);
    if (!total || *total == 0) return 1;
    std::printf("complaints: %lld, queries: %d, candidates per call: %d\n", static_cast<long long>(*total), queries,
                candidates);
    core::workflow::Actor manager{core::kDefaultTenant, "manager", core::workflow::Role::kManager, ""};
    std::mt19937_64 random(42);
    Stats suggest, cold, range;
    double weighed = 0, similar = 0, templates_found = 0;
    for (int i = 0; i < queries; ++i) {
        core::ComplaintId id{static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(*total)) + 1};
        auto found = complaints.Get(core::kDefaultTenant, id);
        if (!found) continue;
        auto start = Clock::now();
        auto result = suggestions.Suggest(manager, id);
        suggest.Add(Clock::now() - start);
        if (!result) {
            std::fprintf(stderr, "suggest %lld: %s\n", static_cast<long long>(id.value), result.error().message.c_str());
            return 1;
        }
        weighed += result->candidates;
        similar += static_cast<double>(result->similar.size());
        templates_found += static_cast<double>(result->templates.size());
        start = Clock::now();
        auto again = uncached.Suggest(manager, id);
        cold.Add(Clock::now() - start);
        if (!again || again->similar.size() != result->similar.size()) {
            std::fprintf(stderr, "suggest %lld without kept profiles differs\n", static_cast<long long>(id.value));
            return 1;
        }
        start = Clock::now();
        auto only = (*resolution)->Candidates(core::kDefaultTenant, found->classification.category, id, candidates);
        range.Add(Clock::now() - start);
        if (!only) return 1;
    }
    suggest.Print("Suggest (whole service call)");
    cold.Print("Suggest, no profiles kept");
    range.Print("candidate range alone (index)");
    std::printf("per call: %.0f candidates weighed, %.1f similar returned, %.1f templates\n", weighed / queries,
                similar / queries, templates_found / queries);
    return 0;
}
