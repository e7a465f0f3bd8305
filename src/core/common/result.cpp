#include "core/common/result.hpp"

namespace heed::core {

std::string_view ToString(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument: return "invalid_argument";
        case ErrorCode::kNotFound: return "not_found";
        case ErrorCode::kConflict: return "conflict";
        case ErrorCode::kIllegalTransition: return "illegal_transition";
        case ErrorCode::kPermissionDenied: return "permission_denied";
        case ErrorCode::kUnauthenticated: return "unauthenticated";
        case ErrorCode::kPayloadTooLarge: return "payload_too_large";
        case ErrorCode::kResourceExhausted: return "resource_exhausted";
        case ErrorCode::kUnavailable: return "unavailable";
        case ErrorCode::kFailedPrecondition: return "failed_precondition";
        case ErrorCode::kInternal: return "internal";
    }
    return "internal";
}

}  // namespace heed::core
