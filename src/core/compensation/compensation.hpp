#pragma once
// Compensation and its approval (SPEC §4): what was offered to a customer, how much, who asked, who decided and why.
// The authority matrix says which level must approve an amount; the rules here are pure and tested as tables.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/enum_names.hpp"
#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/complaint/complaint.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::compensation {

using CompensationId = StrongId<struct CompensationTag>;

enum class Kind { kRefund, kReplacement, kCoupon, kRepair, kCash };
enum class Status { kPending, kApproved, kRejected };

inline constexpr EnumNames<Kind, 5> kKindNames{{{Kind::kRefund, "refund"},
                                                {Kind::kReplacement, "replacement"},
                                                {Kind::kCoupon, "coupon"},
                                                {Kind::kRepair, "repair"},
                                                {Kind::kCash, "cash"}}};
inline constexpr EnumNames<Status, 3> kStatusNames{
    {{Status::kPending, "pending"}, {Status::kApproved, "approved"}, {Status::kRejected, "rejected"}}};

inline std::string_view ToString(Kind v) {
    return NameOf(kKindNames, v);
}
inline std::string_view ToString(Status v) {
    return NameOf(kStatusNames, v);
}

struct Compensation {
    CompensationId id;
    TenantId tenant;
    ComplaintId complaint;
    std::string complaint_number;
    Kind kind = Kind::kRefund;
    complaint::Money amount;  // value to the customer (of the goods, coupon or repair too), minor units
    std::string reason;       // why it is offered
    workflow::Role required = workflow::Role::kTeamLead;  // the lowest level that may decide
    Status status = Status::kPending;
    std::string requested_by;
    workflow::Role requested_role = workflow::Role::kAgent;
    Instant requested_at{};
    std::string decided_by;
    workflow::Role decided_role = workflow::Role::kSystem;
    std::optional<Instant> decided_at;
    std::string decision_reason;
    auto operator<=>(const Compensation&) const = default;
};

// The tenant's authority matrix: up to team_lead_max (inclusive) a team lead decides, up to manager_max a manager,
// above that a director. Amounts in minor units of `currency`; an amount in another currency needs a director (Heed
// converts no currencies). Defaults: ≤ 1 000.00 → team lead, ≤ 10 000.00 → manager, above → director, in CNY.
struct ApprovalLimits {
    std::string currency = "CNY";
    std::int64_t team_lead_max = 100'000;
    std::int64_t manager_max = 1'000'000;
    auto operator<=>(const ApprovalLimits&) const = default;
};

inline constexpr std::int64_t kMaxAmount = 1'000'000'000'000;  // minor units, per compensation
inline constexpr std::size_t kMaxReasonBytes = 2000;

// The lowest role that may decide `amount` under `limits`.
workflow::Role RequiredApprover(const ApprovalLimits& limits, const complaint::Money& amount);

// How much authority a role carries: team lead 1, manager 2, director 3; every other role 0 (admins administer the
// system, they do not approve money).
int AuthorityOf(workflow::Role role);

// Whether `actor` may approve or reject `request` now. kPermissionDenied when the actor asked for it themself
// ("nobody approves their own request") or carries less authority than required; kConflict when it is decided.
Result<void> CheckDecider(const Compensation& request, const workflow::Actor& actor);

// kInvalidArgument naming the field when limits are inconsistent (negative, lead above manager, bad currency).
Result<void> ValidateLimits(const ApprovalLimits& limits);

// Three upper-case ASCII letters.
bool IsCurrencyCode(std::string_view code);

}  // namespace heed::core::compensation
