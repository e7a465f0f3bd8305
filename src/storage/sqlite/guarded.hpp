#pragma once
// Runs a storage step and turns an exception from it (SQLite text, allocation) into a plain kInternal error, so no
// exception leaves the store and the client message stays plain (the text is in the error for the log).

#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

template <typename T>
core::Result<T> Guarded(const std::function<core::Result<T>()>& body) {
    try {
        return body();
    } catch (const std::exception& e) {
        return core::Fail(core::ErrorCode::kInternal, std::string("storage failure: ") + e.what());
    }
}

// Runs piece(0) … piece(n - 1) on the writer, each in its own savepoint (a job of WriteQueue::SubmitPieces): a failed
// piece is rolled back alone and reported in its slot, the others stand. When a savepoint cannot be opened, that piece
// and the rest fail unwritten. Fails as a whole only when a piece could not be undone or released.
template <typename T>
core::Result<std::vector<core::Result<T>>> EachInSavepoint(Connection& db, std::size_t n,
                                                           const std::function<core::Result<T>(std::size_t)>& piece) {
    std::vector<core::Result<T>> results;
    results.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (auto saved = db.Run("SAVEPOINT one"); !saved) {
            while (results.size() < n) results.push_back(tl::unexpected(saved.error()));
            return results;
        }
        results.push_back(Guarded<T>([&] { return piece(i); }));
        if (!results.back()) {
            if (auto undone = db.Run("ROLLBACK TO one"); !undone) return tl::unexpected(undone.error());
        }
        if (auto released = db.Run("RELEASE one"); !released) return tl::unexpected(released.error());
    }
    return results;
}

}  // namespace heed::storage::sqlite
