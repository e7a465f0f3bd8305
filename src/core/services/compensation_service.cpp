#include "core/services/compensation_service.hpp"

#include <algorithm>
#include <charconv>

#include "core/common/utf8.hpp"
#include "core/ports/query_matching.hpp"

namespace heed::core::services {

using compensation::ApprovalLimits;
using compensation::Compensation;
using compensation::Status;
using workflow::Role;

namespace {

constexpr int kWriteRetries = 8;
constexpr int kPage = 200;

bool MayRequest(Role role) {
    return role == Role::kAgent || role == Role::kTeamLead || role == Role::kManager || role == Role::kDirector ||
           role == Role::kDepartment || role == Role::kAdmin;
}

// "1234.50 CNY" from minor units (two decimals: the display of every currency Heed's demo and seeds use).
std::string FormatMoney(const complaint::Money& money) {
    std::int64_t units = money.minor_units;
    std::string cents = std::to_string(units % 100);
    return std::to_string(units / 100) + "." + (cents.size() < 2 ? "0" : "") + cents + " " + money.currency;
}

std::optional<std::int64_t> ParseAmount(const std::string& text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

Result<void> CheckReason(const std::string& reason) {
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Fail(ErrorCode::kInvalidArgument, "a reason is required", "reason");
    }
    if (reason.size() > compensation::kMaxReasonBytes) {
        return Fail(ErrorCode::kInvalidArgument,
                    "reason is longer than " + std::to_string(compensation::kMaxReasonBytes) + " bytes", "reason");
    }
    if (!IsValidUtf8(reason)) return Fail(ErrorCode::kInvalidArgument, "reason is not valid UTF-8", "reason");
    return {};
}

}  // namespace

CompensationService::CompensationService(ports::ComplaintStore& complaints, ports::CompensationStore& compensations,
                                         ports::IdentityStore& settings, const ports::Clock& clock,
                                         ports::AuditLog* audit)
    : complaints_(complaints), compensations_(compensations), settings_(settings), clock_(clock), audit_(audit) {}

// ---- the authority matrix ----

Result<ApprovalLimits> CompensationService::LimitsOf(TenantId tenant) {
    ApprovalLimits limits;
    auto currency = settings_.Setting(tenant, "approval.currency");
    auto lead = settings_.Setting(tenant, "approval.team_lead_max");
    auto manager = settings_.Setting(tenant, "approval.manager_max");
    if (!currency) return tl::unexpected(currency.error());
    if (!lead) return tl::unexpected(lead.error());
    if (!manager) return tl::unexpected(manager.error());
    if (!currency->empty()) limits.currency = *currency;
    if (auto value = ParseAmount(*lead)) limits.team_lead_max = *value;
    if (auto value = ParseAmount(*manager)) limits.manager_max = *value;
    return limits;
}

Result<ApprovalLimits> CompensationService::Limits(const workflow::Actor& actor) {
    if (actor.role == Role::kCustomer)
        return Fail(ErrorCode::kPermissionDenied, "customers do not see approval limits");
    return LimitsOf(actor.tenant);
}

Result<ApprovalLimits> CompensationService::SetLimits(const workflow::Actor& actor, const ApprovalLimits& limits) {
    if (actor.role != Role::kAdmin && actor.role != Role::kDirector) {
        return Fail(ErrorCode::kPermissionDenied, "only admins and directors set approval limits");
    }
    if (auto valid = compensation::ValidateLimits(limits); !valid) return tl::unexpected(valid.error());
    if (audit_) {
        auto recorded = audit_->Record({actor, "settings.changed", "settings", 0,
                                        "approval.currency=" + limits.currency +
                                            " approval.team_lead_max=" + std::to_string(limits.team_lead_max) +
                                            " approval.manager_max=" + std::to_string(limits.manager_max)});
        if (!recorded) return tl::unexpected(recorded.error());
    }
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"approval.currency", limits.currency},
                                     {"approval.team_lead_max", std::to_string(limits.team_lead_max)},
                                     {"approval.manager_max", std::to_string(limits.manager_max)}}) {
        if (auto stored = settings_.SetSetting(actor.tenant, key, value); !stored)
            return tl::unexpected(stored.error());
    }
    return limits;
}

// ---- requests and decisions ----

Result<complaint::Complaint> CompensationService::Visible(const workflow::Actor& actor, ComplaintId id) {
    auto found = complaints_.Get(actor.tenant, id);
    if (!found) return found;
    if (auto scope = ports::ScopeFor(actor); scope && !ports::InScope(*found, *scope)) {
        return Fail(ErrorCode::kNotFound, "complaint not found");
    }
    return found;
}

Result<void> CompensationService::WriteComplaint(const workflow::Actor& actor, ComplaintId id,
                                                 const std::string& currency,
                                                 const complaint::CompensationTotal& change, workflow::Event event) {
    for (int attempt = 0;; ++attempt) {
        auto current = complaints_.Get(actor.tenant, id);
        if (!current) return tl::unexpected(current.error());
        complaint::Complaint next = *current;
        Instant now = clock_.Now();
        auto& total = next.compensation_totals[currency];
        total.requested += change.requested;
        total.approved += change.approved;
        total.rejected += change.rejected;
        total.pending += change.pending;
        next.updated_at = now;
        event.tenant = actor.tenant;
        event.complaint = id;
        event.at = now;
        auto stored = complaints_.Update({std::move(next), current->version, {event}, {}});
        if (stored) return {};
        if (stored.error().code != ErrorCode::kConflict || attempt + 1 >= kWriteRetries) {
            return tl::unexpected(stored.error());
        }
    }
}

Result<Compensation> CompensationService::Request(const workflow::Actor& actor, ComplaintId id,
                                                  const CompensationRequest& request) {
    if (!MayRequest(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied,
                    "the " + std::string(workflow::ToString(actor.role)) + " role does not request compensation");
    }
    if (request.amount.minor_units <= 0 || request.amount.minor_units > compensation::kMaxAmount) {
        return Fail(ErrorCode::kInvalidArgument,
                    "amount must be between 1 and " + std::to_string(compensation::kMaxAmount) + " minor units",
                    "amount");
    }
    if (!compensation::IsCurrencyCode(request.amount.currency)) {
        return Fail(ErrorCode::kInvalidArgument, "currency must be an ISO 4217 code such as CNY", "currency");
    }
    if (auto ok = CheckReason(request.reason); !ok) return tl::unexpected(ok.error());
    auto complaint = Visible(actor, id);
    if (!complaint) return tl::unexpected(complaint.error());
    if (complaint->status == workflow::Status::kMerged || complaint->status == workflow::Status::kRejected) {
        return Fail(ErrorCode::kIllegalTransition,
                    "a " + std::string(workflow::ToString(complaint->status)) + " complaint gets no compensation",
                    "status");
    }
    auto limits = LimitsOf(actor.tenant);
    if (!limits) return tl::unexpected(limits.error());

    Compensation draft;
    draft.tenant = actor.tenant;
    draft.complaint = id;
    draft.complaint_number = complaint->number;
    draft.kind = request.kind;
    draft.amount = request.amount;
    draft.reason = request.reason;
    draft.required = compensation::RequiredApprover(*limits, request.amount);
    draft.requested_by = actor.name;
    draft.requested_role = actor.role;
    draft.requested_at = clock_.Now();
    auto stored = compensations_.Add(draft);
    if (!stored) return tl::unexpected(stored.error());

    std::string summary = std::string(compensation::ToString(stored->kind)) + " " + FormatMoney(stored->amount) +
                          ", needs a " + std::string(workflow::ToString(stored->required)) + ": " + stored->reason;
    workflow::Event event{{},
                          {},
                          {},
                          {},
                          actor.name,
                          actor.role,
                          workflow::EventKind::kCompensation,
                          "requested",
                          "",
                          std::to_string(stored->id.value),
                          summary};
    complaint::CompensationTotal change{stored->amount.minor_units, 0, 0, stored->amount.minor_units};
    if (auto written = WriteComplaint(actor, id, stored->amount.currency, change, event); !written) {
        (void)compensations_.Remove(actor.tenant, stored->id);  // the request never happened
        return tl::unexpected(written.error());
    }
    if (audit_) {
        auto recorded = audit_->Record(
            {actor, "compensation.requested", "compensation", stored->id.value,
             "complaint=" + stored->complaint_number + " kind=" + std::string(compensation::ToString(stored->kind)) +
                 " amount=" + std::to_string(stored->amount.minor_units) + " currency=" + stored->amount.currency +
                 " required=" + std::string(workflow::ToString(stored->required))});
        if (!recorded) return tl::unexpected(recorded.error());
    }
    return stored;
}

Result<Compensation> CompensationService::Decide(const workflow::Actor& actor, compensation::CompensationId id,
                                                 bool approve, const std::string& reason) {
    auto request = compensations_.Get(actor.tenant, id);
    if (!request) return tl::unexpected(request.error());
    if (auto complaint = Visible(actor, request->complaint); !complaint) {
        return Fail(ErrorCode::kNotFound, "no compensation " + std::to_string(id.value));
    }
    if (auto allowed = compensation::CheckDecider(*request, actor); !allowed) return tl::unexpected(allowed.error());
    if (auto ok = CheckReason(reason); !ok) return tl::unexpected(ok.error());

    Compensation decided = *request;
    decided.status = approve ? Status::kApproved : Status::kRejected;
    decided.decided_by = actor.name;
    decided.decided_role = actor.role;
    decided.decided_at = clock_.Now();
    decided.decision_reason = reason;
    if (auto stored = compensations_.Decide(decided); !stored) return tl::unexpected(stored.error());

    std::string field(compensation::ToString(decided.status));
    workflow::Event event{{},
                          {},
                          {},
                          {},
                          actor.name,
                          actor.role,
                          workflow::EventKind::kCompensation,
                          field,
                          "pending",
                          std::to_string(id.value),
                          reason};
    std::int64_t amount = decided.amount.minor_units;
    complaint::CompensationTotal change{0, approve ? amount : 0, approve ? 0 : amount, -amount};
    if (auto written = WriteComplaint(actor, decided.complaint, decided.amount.currency, change, event); !written) {
        (void)compensations_.Reopen(actor.tenant, id);  // the decision never happened
        return tl::unexpected(written.error());
    }
    if (audit_) {
        auto recorded =
            audit_->Record({actor, "compensation." + field, "compensation", id.value,
                            "complaint=" + decided.complaint_number + " amount=" + std::to_string(amount) +
                                " currency=" + decided.amount.currency + " requested_by=" + decided.requested_by});
        if (!recorded) return tl::unexpected(recorded.error());
    }
    return decided;
}

Result<ComplaintCompensations> CompensationService::ForComplaint(const workflow::Actor& actor, ComplaintId id) {
    if (actor.role == Role::kCustomer)
        return Fail(ErrorCode::kPermissionDenied, "customers do not see compensation requests");
    auto complaint = Visible(actor, id);
    if (!complaint) return tl::unexpected(complaint.error());
    auto items = compensations_.ForComplaint(actor.tenant, id);
    if (!items) return tl::unexpected(items.error());
    return ComplaintCompensations{std::move(*items), complaint->compensation_totals};
}

Result<std::vector<Compensation>> CompensationService::Approvals(const workflow::Actor& actor,
                                                                 std::optional<Status> status, int limit) {
    if (actor.role == Role::kCustomer) return Fail(ErrorCode::kPermissionDenied, "customers do not see approvals");
    if (limit < 1 || limit > 500) return Fail(ErrorCode::kInvalidArgument, "limit must be between 1 and 500", "limit");
    bool deciding = status == Status::kPending;
    std::vector<Compensation> out;
    if (deciding && compensation::AuthorityOf(actor.role) == 0) return out;
    auto scope = ports::ScopeFor(actor);
    compensation::CompensationId after{0};
    while (static_cast<int>(out.size()) < limit) {
        auto page = compensations_.List(actor.tenant, status, kPage, after);
        if (!page) return tl::unexpected(page.error());
        for (auto& c : *page) {
            after = c.id;
            if (deciding && !compensation::CheckDecider(c, actor)) continue;
            // The complaint must still exist (retention may have deleted it) and be one the actor sees.
            auto complaint = complaints_.Get(actor.tenant, c.complaint);
            if (!complaint || (scope && !ports::InScope(*complaint, *scope))) continue;
            out.push_back(std::move(c));
            if (static_cast<int>(out.size()) >= limit) break;
        }
        if (static_cast<int>(page->size()) < kPage) break;
    }
    return out;
}

}  // namespace heed::core::services
