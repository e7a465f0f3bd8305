#include "core/common/compact.hpp"

#include <array>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

namespace heed::core {
namespace {

// The pool: values in fixed chunks that never move, so a reader finds a value from its id with two loads and no
// lock. An id is only ever learnt from a row written after the value was stored (and published with the row's own
// synchronisation), or from Intern under the mutex.
constexpr std::uint32_t kChunkBits = 12;
constexpr std::uint32_t kChunkSize = 1U << kChunkBits;
constexpr std::uint32_t kMaxChunks = 1U << 14;  // 67 million distinct values

struct Pool {
    std::array<std::atomic<std::string*>, kMaxChunks> chunks{};
    std::mutex mutex;
    std::unordered_map<std::string_view, std::uint32_t> ids;  // GUARDED_BY(mutex); views of the chunks' strings
    std::uint32_t next = 1;                                   // GUARDED_BY(mutex); 0 is ""

    Pool() { chunks[0].store(new std::string[kChunkSize], std::memory_order_release); }
};

Pool& ThePool() {
    static auto* pool = new Pool();  // never destroyed: values outlive every static row
    return *pool;
}

}  // namespace

std::uint32_t Interned::Intern(std::string_view value) {
    if (value.empty()) return 0;
    Pool& pool = ThePool();
    std::lock_guard lock(pool.mutex);
    if (auto it = pool.ids.find(value); it != pool.ids.end()) return it->second;
    std::uint32_t id = pool.next;
    std::uint32_t chunk = id >> kChunkBits;
    if (chunk >= kMaxChunks) std::abort();  // 67 million distinct values: a caller interning unique values
    std::string* slots = pool.chunks[chunk].load(std::memory_order_relaxed);
    if (!slots) {
        slots = new std::string[kChunkSize];
        pool.chunks[chunk].store(slots, std::memory_order_release);
    }
    std::string& stored = slots[id & (kChunkSize - 1)];
    stored.assign(value);
    pool.ids.emplace(stored, id);
    ++pool.next;
    return id;
}

const std::string& Interned::str() const {
    return ThePool().chunks[id_ >> kChunkBits].load(std::memory_order_acquire)[id_ & (kChunkSize - 1)];
}

std::size_t Interned::PoolSize() {
    Pool& pool = ThePool();
    std::lock_guard lock(pool.mutex);
    return pool.next;
}

}  // namespace heed::core
