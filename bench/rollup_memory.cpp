// What the KPI roll-up (FactsCache) of one tenant holds in memory, on a real database: its rows, the heap they take
// (bytes a row), the build's time and the process's resident memory before and after. Read only: nothing is written.
// Usage: build/bench/rollup_memory DB
//   e.g. heed demo --db /tmp/1m.db --count 1000000 && build/bench/rollup_memory /tmp/1m.db
// See BENCHMARKS.md, "At 1 000 000 complaints, memory".

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

#ifdef HEED_TCMALLOC
#include <gperftools/malloc_extension.h>
#else
#include <malloc.h>
#endif

#include "core/analytics/facts_cache.hpp"
#include "core/ports/clock.hpp"
#include "storage/sqlite/sqlite_store.hpp"

#include "resident_memory.hpp"

using namespace heed;

namespace {

double HeapMiB() {  // bytes the program holds from the allocator
#ifdef HEED_TCMALLOC
    MallocExtension::instance()->ReleaseFreeMemory();
    std::size_t bytes = 0;
    MallocExtension::instance()->GetNumericProperty("generic.current_allocated_bytes", &bytes);
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
#else
    malloc_trim(0);
    return static_cast<double>(mallinfo2().uordblks) / (1024.0 * 1024.0);
#endif
}

// The audit chain's MAC, never used: nothing is written.
std::string NoMac(std::string_view) { return {}; }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: rollup_memory DB\n");
        return 2;
    }
    const core::ports::SystemClock clock;
    auto store = storage::sqlite::SqliteComplaintStore::Open(argv[1], {.readers = 1, .mac = NoMac, .clock = &clock});
    if (!store) {
        std::fprintf(stderr, "cannot open %s: %s\n", argv[1], store.error().message.c_str());
        return 1;
    }
    double heap_before = HeapMiB(), rss_before = ResidentMiB();
    core::analytics::FactsCache facts(**store, clock);
    auto started = std::chrono::steady_clock::now();
    std::size_t rows = 0;
    auto read = facts.Read(core::kDefaultTenant, [&](const auto& view) { rows = view.size(); });
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!read) {
        std::fprintf(stderr, "roll-up: %s\n", read.error().message.c_str());
        return 1;
    }
    double heap = HeapMiB() - heap_before;
    std::printf(
        "rows %zu  sizeof(ComplaintFacts) %zu B  heap %.1f MiB (%.0f B a row)  build %.1f s  "
        "resident %.1f -> %.1f MiB\n",
        rows, sizeof(core::analytics::ComplaintFacts), heap,
        rows ? heap * 1024 * 1024 / static_cast<double>(rows) : 0.0, seconds, rss_before, ResidentMiB());
    return 0;
}
