#pragma once
// Group commit: one writer thread owns the only read-write connection. Requests queue their work; the writer takes
// everything queued (up to a batch limit), runs each piece inside its own SAVEPOINT of one transaction, commits
// once — one WAL sync for the whole batch — and only then wakes the callers. A piece that fails is rolled back to
// its savepoint alone; a failed COMMIT fails the whole batch, and no caller is told success for uncommitted work.
//
// Thread-safety: Submit may be called from any number of threads.

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/common/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

// Optional steps of every transaction, on the writer thread: `begin` right after BEGIN, `before_commit` after the
// jobs (a failure fails the whole batch), `end` after COMMIT or ROLLBACK and before any caller is woken (true when
// committed) — so what `end` publishes is visible to a caller as soon as its write returns.
struct BatchHooks {
    std::function<void(Connection&)> begin;
    std::function<core::Result<void>(Connection&)> before_commit;
    std::function<void(bool committed)> end;
};

class WriteQueue {
public:
    // `after_commit` (optional) runs on the writer thread after each successful commit.
    WriteQueue(std::unique_ptr<Connection> writer, std::size_t max_batch,
               std::function<void(Connection&)> after_commit = {}, BatchHooks hooks = {});
    ~WriteQueue();  // drains what is queued, then stops the writer

    // Runs `work` on the writer connection inside a transaction; once that transaction is committed (or failed),
    // calls `done` with the result, on the writer thread — so `done` must be quick (hand off, don't compute).
    // `work` must not BEGIN/COMMIT itself.
    template <typename T>
    void SubmitAsync(std::function<core::Result<T>(Connection&)> work, std::function<void(core::Result<T>)> done,
                     bool own_savepoints = false) {
        auto slot = std::make_shared<std::optional<core::Result<T>>>();
        Enqueue(Job{
            [slot, work = std::move(work)](Connection& connection) {
                *slot = work(connection);
                return slot->value().has_value();
            },
            [slot, done = std::move(done)](const std::optional<core::Error>& commit_error) {
                if (commit_error && slot->has_value() && slot->value().has_value()) {
                    *slot = tl::unexpected(*commit_error);
                }
                if (!slot->has_value()) *slot = tl::unexpected(commit_error.value_or(core::Error{}));
                done(std::move(slot->value()));
            },
            own_savepoints});
    }

    // Like SubmitAsync, blocking the caller until the transaction is committed (or failed).
    template <typename T>
    core::Result<T> Submit(std::function<core::Result<T>(Connection&)> work) {
        auto done = std::make_shared<std::promise<core::Result<T>>>();
        auto finished = done->get_future();
        SubmitAsync<T>(std::move(work), [done](core::Result<T> result) { done->set_value(std::move(result)); });
        return finished.get();
    }

    // Like Submit for work made of many pieces that each stand alone (bulk inserts and updates): the work puts every
    // piece in its own SAVEPOINT and rolls back a failed piece itself, and is not wrapped in a savepoint of its own —
    // a savepoint nested in a long one makes SQLite trim its in-memory statement journal from the start on every
    // RELEASE, which grows with everything written before it (quadratic in the number of pieces). The work must
    // report a failed piece in its result; it fails as a whole only when it could not undo a piece, and then the
    // whole transaction is rolled back and every job of it fails.
    template <typename T>
    core::Result<T> SubmitPieces(std::function<core::Result<T>(Connection&)> work) {
        auto done = std::make_shared<std::promise<core::Result<T>>>();
        auto finished = done->get_future();
        SubmitAsync<T>(
            std::move(work), [done](core::Result<T> result) { done->set_value(std::move(result)); }, true);
        return finished.get();
    }

    struct Stats {
        std::uint64_t transactions = 0;
        std::uint64_t jobs = 0;
    };
    Stats stats() const;

private:
    struct Job {
        std::function<bool(Connection&)> run;                                // true when the piece succeeded
        std::function<void(const std::optional<core::Error>&)> finish;       // called after COMMIT
        bool own_savepoints = false;  // run outside a savepoint of its own (SubmitPieces)
    };

    void Enqueue(Job job);
    void Loop();
    void RunBatch(std::deque<Job>& batch);

    std::unique_ptr<Connection> writer_;  // used only by the writer thread
    const std::size_t max_batch_;
    std::function<void(Connection&)> after_commit_;
    BatchHooks hooks_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;   // GUARDED_BY(mutex_)
    bool stopping_ = false;   // GUARDED_BY(mutex_)
    Stats stats_;             // GUARDED_BY(mutex_)
    std::thread thread_;
};

}  // namespace heed::storage::sqlite
