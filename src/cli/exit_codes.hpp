#pragma once
// The CLI's exit code for each ErrorCode, mapped once (documented in docs/cli.md).

#include "core/common/result.hpp"

namespace heed::cli {

constexpr int ExitCodeFor(core::ErrorCode code) {
    switch (code) {
        case core::ErrorCode::kInvalidArgument: return 2;
        case core::ErrorCode::kNotFound: return 3;
        case core::ErrorCode::kConflict: return 4;
        case core::ErrorCode::kUnavailable: return 5;
        case core::ErrorCode::kFailedPrecondition: return 6;
        case core::ErrorCode::kPermissionDenied:
        case core::ErrorCode::kUnauthenticated: return 7;
        case core::ErrorCode::kIllegalTransition: return 8;
        case core::ErrorCode::kPayloadTooLarge:
        case core::ErrorCode::kResourceExhausted: return 9;
        case core::ErrorCode::kInternal: return 70;
    }
    return 1;
}

}  // namespace heed::cli
