#include "storage/sqlite/checkpointer.hpp"

#include <pthread.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace heed::storage::sqlite {

core::Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(const std::string& path, Connection& writer,
                                                                int background_pages, int limit_pages) {
    auto own = Connection::Open(path, false);
    if (!own) return tl::unexpected(own.error());
    if (auto ok = (*own)->Execute("PRAGMA wal_autocheckpoint=0"); !ok) return tl::unexpected(ok.error());
    std::unique_ptr<Checkpointer> checkpointer(
        new Checkpointer(std::move(*own), background_pages, limit_pages));
    // Replaces SQLite's automatic checkpoint on the writer (which is itself a WAL hook).
    sqlite3_wal_hook(writer.handle(), &Checkpointer::OnCommit, checkpointer.get());
    return checkpointer;
}

Checkpointer::Checkpointer(std::unique_ptr<Connection> own, int background_pages, int limit_pages)
    : own_(std::move(own)),
      background_pages_(background_pages),
      limit_pages_(limit_pages),
      thread_([this] { Loop(); }) {}

Checkpointer::~Checkpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

Checkpointer::Stats Checkpointer::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

int Checkpointer::OnCommit(void* self, sqlite3* db, const char* name, int pages) {
    auto& c = *static_cast<Checkpointer*>(self);
    if (pages >= c.limit_pages_) {
        // The background has not let the log start again: copy the rest here, so the next transaction can.
        if (sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) == SQLITE_OK) {
            std::lock_guard lock(c.mutex_);
            ++c.stats_.on_writer;
        }
        c.asked_at_ = 0;
        return SQLITE_OK;
    }
    if (pages < c.asked_at_) c.asked_at_ = 0;  // the log started again from its beginning
    if (pages - c.asked_at_ >= c.background_pages_) {
        c.asked_at_ = pages;
        {
            std::lock_guard lock(c.mutex_);
            c.requested_ = true;
        }
        c.wake_.notify_one();
    }
    return SQLITE_OK;
}

void Checkpointer::Loop() {
    pthread_setname_np(pthread_self(), "heed-checkpoint");
    // Behind the writer and the request threads for a CPU: the writer bounds intake throughput, and a checkpoint
    // that falls behind is caught up by the writer at the limit anyway. (Raising a thread's nice value needs no
    // privilege; failing to is harmless.)
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return requested_ || stopping_; });
        if (stopping_) return;
        requested_ = false;
        lock.unlock();
        // SQLITE_BUSY (the writer is checkpointing, or a reader holds an old snapshot) is no failure: later.
        int rc = sqlite3_wal_checkpoint_v2(own_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
        if (rc == SQLITE_OK) ++stats_.background;
    }
}

}  // namespace heed::storage::sqlite
