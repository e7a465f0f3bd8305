#pragma once
// Copies the write-ahead log back into the database on a thread of its own. SQLite's automatic checkpoint runs inside
// the COMMIT of whichever transaction takes the log past 1 000 pages — on the store's single writer thread, which
// bounds intake throughput: ≈ 10 % of the server's CPU at intake, and a stall for the callers of that commit
// (BENCHMARKS.md, "Intake").
//
// The writer's automatic checkpoint is turned off and a WAL hook put in its place: after each commit that leaves
// `background_pages` more pages in the log than when it last asked, the hook wakes this thread, which runs a PASSIVE
// checkpoint on a connection of its own while the writer goes on. A passive checkpoint never waits for the writer
// and cannot keep up with one that never pauses, and SQLite starts the log again from its beginning only once every
// page of it has been copied; so when the log reaches `limit_pages` the writer checkpoints itself after its commit
// (only what the background has not copied yet), which lets the next transaction restart the log. The log thus stays
// under about `limit_pages` plus one transaction.
//
// Thread-safety: the hook runs on the writer thread; the rest is internal.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/common/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

class Checkpointer {
public:
    struct Stats {
        std::uint64_t background = 0;  // checkpoints run by this thread
        std::uint64_t on_writer = 0;   // checkpoints the writer ran at the limit
    };

    // Takes over the checkpoints of `writer`, which must not commit once this object is gone (it may be closed
    // before: the hook runs only on commits).
    static core::Result<std::unique_ptr<Checkpointer>> Start(const std::string& path, Connection& writer,
                                                            int background_pages, int limit_pages);
    ~Checkpointer();  // stops the thread

    Stats stats() const;

private:
    Checkpointer(std::unique_ptr<Connection> own, int background_pages, int limit_pages);
    static int OnCommit(void* self, sqlite3* db, const char* name, int pages);
    void Loop();

    std::unique_ptr<Connection> own_;
    const int background_pages_;
    const int limit_pages_;
    int asked_at_ = 0;  // writer thread only: the log's pages when the thread was last woken
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool requested_ = false;  // GUARDED_BY(mutex_)
    bool stopping_ = false;   // GUARDED_BY(mutex_)
    Stats stats_;             // GUARDED_BY(mutex_)
    std::thread thread_;
};

}  // namespace heed::storage::sqlite
