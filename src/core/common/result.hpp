#pragma once
// Expected failures as values: every fallible operation in Heed returns Result<T>. Adapters map ErrorCode once
// (HTTP status in http/, exit code in cli/); the message is for the client, never a stack trace or SQL.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace heed::core {

enum class ErrorCode {
    kInvalidArgument,     // the request is malformed or a field is invalid; `field` names it
    kNotFound,            // no such object in this tenant
    kConflict,            // stale version (optimistic concurrency) or duplicate
    kIllegalTransition,   // the workflow does not allow this step; `allowed` lists what does
    kPermissionDenied,    // the actor's role may not do this
    kUnauthenticated,     // no or bad credentials
    kPayloadTooLarge,     // a documented size limit was exceeded
    kResourceExhausted,   // rate limit or capacity
    kUnavailable,         // the store is shutting down or busy beyond its timeout
    kFailedPrecondition,  // the system is not in a state to do this (e.g. database newer than the binary)
    kInternal,            // a bug or an unexpected driver failure; details only in the log
};

std::string_view ToString(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;
    std::string field;                 // the offending input field, when there is one
    std::vector<std::string> allowed;  // for kIllegalTransition: the statuses that are allowed from here
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message, std::string field = {}) {
    return tl::unexpected<Error>(Error{code, std::move(message), std::move(field), {}});
}

}  // namespace heed::core
