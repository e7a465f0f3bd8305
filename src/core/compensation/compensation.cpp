#include "core/compensation/compensation.hpp"

namespace heed::core::compensation {

using workflow::Role;

Role RequiredApprover(const ApprovalLimits& limits, const complaint::Money& amount) {
    if (amount.currency != limits.currency) return Role::kDirector;
    if (amount.minor_units <= limits.team_lead_max) return Role::kTeamLead;
    if (amount.minor_units <= limits.manager_max) return Role::kManager;
    return Role::kDirector;
}

int AuthorityOf(Role role) {
    switch (role) {
        case Role::kTeamLead:
            return 1;
        case Role::kManager:
            return 2;
        case Role::kDirector:
            return 3;
        default:
            return 0;
    }
}

Result<void> CheckDecider(const Compensation& request, const workflow::Actor& actor) {
    if (request.status != Status::kPending) {
        return Fail(ErrorCode::kConflict,
                    "compensation " + std::to_string(request.id.value) + " was already " +
                        std::string(ToString(request.status)) + " by " + request.decided_by,
                    "status");
    }
    if (actor.name == request.requested_by) {
        return Fail(ErrorCode::kPermissionDenied,
                    "nobody approves or rejects their own request: " + actor.name +
                        " asked for this compensation, so another " +
                        std::string(workflow::ToString(request.required)) + " or above must decide",
                    "decided_by");
    }
    if (AuthorityOf(actor.role) < AuthorityOf(request.required)) {
        return Fail(ErrorCode::kPermissionDenied,
                    std::string(ToString(request.kind)) + " of " + std::to_string(request.amount.minor_units) + " " +
                        request.amount.currency + " (minor units) needs a " +
                        std::string(workflow::ToString(request.required)) + " or above; the " +
                        std::string(workflow::ToString(actor.role)) + " role does not have that authority",
                    "decided_by");
    }
    return {};
}

bool IsCurrencyCode(std::string_view code) {
    if (code.size() != 3) return false;
    for (char c : code) {
        if (c < 'A' || c > 'Z') return false;
    }
    return true;
}

Result<void> ValidateLimits(const ApprovalLimits& limits) {
    if (!IsCurrencyCode(limits.currency)) {
        return Fail(ErrorCode::kInvalidArgument, "currency must be an ISO 4217 code such as CNY", "currency");
    }
    if (limits.team_lead_max < 0 || limits.team_lead_max > kMaxAmount) {
        return Fail(ErrorCode::kInvalidArgument, "team_lead_max must be between 0 and " + std::to_string(kMaxAmount),
                    "team_lead_max");
    }
    if (limits.manager_max < limits.team_lead_max || limits.manager_max > kMaxAmount) {
        return Fail(ErrorCode::kInvalidArgument,
                    "manager_max must be at least team_lead_max and at most " + std::to_string(kMaxAmount),
                    "manager_max");
    }
    return {};
}

}  // namespace heed::core::compensation
