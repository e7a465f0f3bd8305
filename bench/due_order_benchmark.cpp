// The in-memory due order of open complaints (storage/sqlite/due_order.hpp): its memory and the cost of its changes
// and walks at N open complaints.
//
// Usage: build/bench/due_order_benchmark [open complaints = 1000000]
// Fills the order in changes of 10 000 (as a rebuild does), reports the resident memory it added, then times moving
// every complaint to a new due time (what a recomputation after a policy change does to it) and the first page of the
// tenant's, one assignee's and the warning order.

#include <chrono>
#include <ctime>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "storage/sqlite/due_order.hpp"

#include "resident_memory.hpp"

namespace {

using heed::storage::sqlite::DueChange;
using heed::storage::sqlite::DueEntry;
using heed::storage::sqlite::DueFilter;
using heed::storage::sqlite::DueOrder;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// CPU seconds of this process (the machine may be shared: wall time then says little).
double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// One open complaint: 50 agents and a third unassigned, one in ten in warning.
DueEntry Entry(std::int64_t id, std::int64_t version, std::mt19937_64& random) {
    const auto status = id % 7 == 0 ? heed::core::workflow::Status::kWaitingCustomer
                                    : heed::core::workflow::Status::kInProgress;
    return {1,
            id,
            version,
            1700000000000LL + static_cast<std::int64_t>(random() % 30'000'000'000ULL),
            status,
            id % 3 ? "agent" + std::to_string(id % 50) : "",
            id % 10 == 0 ? "warning" : "running"};
}

}  // namespace

int main(int argc, char** argv) {
    const std::int64_t n = argc > 1 ? std::stoll(argv[1]) : 1000000;
    std::mt19937_64 random(7);
    DueOrder order;
    const double before = ResidentMiB();
    auto started = Clock::now();
    std::vector<DueChange> changes;
    for (std::int64_t id = 1; id <= n; ++id) {
        changes.push_back({Entry(id, 1, random), false});
        if (changes.size() == 10000) {
            order.Apply(changes);
            changes.clear();
        }
    }
    order.Apply(changes);
    changes.clear();
    changes.shrink_to_fit();
    std::printf("filled %zu open complaints in %.2f s; resident memory +%.1f MiB (%.0f bytes each)\n", order.size(),
                Seconds(started), ResidentMiB() - before, (ResidentMiB() - before) * 1048576.0 / static_cast<double>(n));
    started = Clock::now();
    double cpu = 0;
    for (std::int64_t id = 1; id <= n; ++id) {
        changes.push_back({Entry(id, 2, random), false});
        if (changes.size() == 20000) {
            const double cpu_started = CpuSeconds();
            order.Apply(changes);
            cpu += CpuSeconds() - cpu_started;
            changes.clear();
        }
    }
    const double cpu_started = CpuSeconds();
    order.Apply(changes);
    cpu += CpuSeconds() - cpu_started;
    const double moved = Seconds(started);
    std::printf("moved every due time: %.2f s of CPU in Apply (%.2f µs each), %.2f s wall with building the changes\n",
                cpu, cpu * 1e6 / static_cast<double>(n), moved);
    const DueFilter filters[] = {{}, {{}, std::string("agent7"), {}}, {{}, {}, {"warning"}}};
    const char* names[] = {"tenant", "one assignee", "warning"};
    for (int i = 0; i < 3; ++i) {
        started = Clock::now();
        constexpr int kRounds = 1000;
        std::size_t got = 0;
        for (int round = 0; round < kRounds; ++round) got += order.Next(1, filters[i], std::nullopt, 51, 8192).candidates.size();
        std::printf("first page (51) of the %s order: %.2f µs (%zu candidates)\n", names[i],
                    Seconds(started) * 1e6 / kRounds, got / kRounds);
    }
    return 0;
}
