#include "storage/sqlite/write_queue.hpp"

#include <pthread.h>

namespace heed::storage::sqlite {

WriteQueue::WriteQueue(std::unique_ptr<Connection> writer, std::size_t max_batch,
                       std::function<void(Connection&)> after_commit, BatchHooks hooks)
    : writer_(std::move(writer)),
      max_batch_(max_batch),
      after_commit_(std::move(after_commit)),
      hooks_(std::move(hooks)),
      thread_([this] { Loop(); }) {}

WriteQueue::~WriteQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void WriteQueue::Enqueue(Job job) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
}

WriteQueue::Stats WriteQueue::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void WriteQueue::Loop() {
    // Named so that profilers and /proc/<pid>/task/*/comm tell the single writer apart (bench/intake_cpu.sh).
    pthread_setname_np(pthread_self(), "heed-writer");
    std::deque<Job> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and everything queued has been written
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
            ++stats_.transactions;
            stats_.jobs += batch.size();
        }
        RunBatch(batch);
        batch.clear();
    }
}

void WriteQueue::RunBatch(std::deque<Job>& batch) {
    Connection& db = *writer_;
    std::optional<core::Error> failure;
    if (auto begun = db.Run("BEGIN IMMEDIATE"); !begun) failure = begun.error();
    if (!failure && hooks_.begin) hooks_.begin(db);
    if (!failure) {
        for (Job& job : batch) {
            if (job.own_savepoints) {
                // Its pieces were each released or rolled back to their own savepoints. Failing means it could not
                // undo a piece: nothing of the batch may then be committed.
                if (!job.run(db)) {
                    failure = core::Error{core::ErrorCode::kInternal, "a bulk write could not undo a failed piece"};
                    break;
                }
                continue;
            }
            if (auto saved = db.Run("SAVEPOINT job"); !saved) {
                failure = saved.error();
                break;
            }
            bool ok = job.run(db);
            if (!ok) (void)db.Run("ROLLBACK TO job");
            (void)db.Run("RELEASE job");
        }
    }
    if (!failure && hooks_.before_commit) {
        if (auto ready = hooks_.before_commit(db); !ready) failure = ready.error();
    }
    if (!failure) {
        if (auto committed = db.Run("COMMIT"); !committed) failure = committed.error();
    }
    if (failure) {
        (void)db.Execute("ROLLBACK");
        failure->code = core::ErrorCode::kUnavailable;
        failure->message = "the database could not commit: " + failure->message;
    }
    if (hooks_.end) hooks_.end(!failure);
    for (Job& job : batch) job.finish(failure);
    if (!failure && after_commit_) after_commit_(db);
}

}  // namespace heed::storage::sqlite
