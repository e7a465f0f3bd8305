#pragma once
// Runs a storage step and turns an exception from it (SQLite text, allocation) into a plain kInternal error, so no
// exception leaves the store and the client message stays plain (the text is in the error for the log).

#include <exception>
#include <functional>
#include <string>

#include "core/common/result.hpp"

namespace heed::storage::sqlite {

template <typename T>
core::Result<T> Guarded(const std::function<core::Result<T>()>& body) {
    try {
        return body();
    } catch (const std::exception& e) {
        return core::Fail(core::ErrorCode::kInternal, std::string("storage failure: ") + e.what());
    }
}

}  // namespace heed::storage::sqlite
