#pragma once
// Compensation and approvals (SPEC §4): staff request a refund, replacement, coupon, repair or cash for a complaint;
// the tenant's authority matrix names the level that must decide; someone with at least that authority — never the
// person who asked — approves or rejects it with a reason.
//
// Every step writes, in this order: the compensation record (CompensationStore), then the complaint with its
// per-currency totals and a `compensation` event (field requested / approved / rejected, after = the id, note = the
// reason) in one transaction of the complaint store, then an audit record. When the complaint write fails, the
// compensation record is put back as it was, so a request or decision is either complete or absent.
//
// Roles: requests by agents, team leads, managers, directors, department handlers and admins who see the complaint;
// decisions by team leads (up to their limit), managers and directors who see it; limits are read by staff and set
// by admins and directors.
// Thread-safety: safe to call from many threads; concurrent decisions on one request: one wins, the other gets
// kConflict.

#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/compensation/compensation.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/compensation_store.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/ports/identity_store.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::services {

struct CompensationRequest {
    compensation::Kind kind = compensation::Kind::kRefund;
    complaint::Money amount;
    std::string reason;
};

struct ComplaintCompensations {
    std::vector<compensation::Compensation> items;  // oldest first
    std::map<std::string, complaint::CompensationTotal> totals;
};

class CompensationService {
public:
    // Every reference must outlive the service; `audit` is optional.
    CompensationService(ports::ComplaintStore& complaints, ports::CompensationStore& compensations,
                        ports::IdentityStore& settings, const ports::Clock& clock, ports::AuditLog* audit = nullptr);

    Result<compensation::ApprovalLimits> Limits(const workflow::Actor& actor);
    // Admins and directors.
    Result<compensation::ApprovalLimits> SetLimits(const workflow::Actor& actor,
                                                   const compensation::ApprovalLimits& limits);

    // A new pending request on complaint `id`. Errors: kInvalidArgument (amount ≤ 0 or too large, bad currency,
    // missing reason), kPermissionDenied, kNotFound, kIllegalTransition (the complaint was merged or rejected).
    Result<compensation::Compensation> Request(const workflow::Actor& actor, ComplaintId id,
                                               const CompensationRequest& request);

    // Approve (`approve` true) or reject a pending request, with a reason. Errors: kPermissionDenied (own request,
    // not enough authority), kConflict (already decided), kNotFound, kInvalidArgument (no reason).
    Result<compensation::Compensation> Decide(const workflow::Actor& actor, compensation::CompensationId id,
                                              bool approve, const std::string& reason);

    Result<ComplaintCompensations> ForComplaint(const workflow::Actor& actor, ComplaintId id);

    // With status pending (the default): the requests the actor may decide now (enough authority, not their own,
    // on complaints they see). Other statuses (or none: all): the requests on complaints the actor sees. Oldest first.
    Result<std::vector<compensation::Compensation>> Approvals(const workflow::Actor& actor,
                                                              std::optional<compensation::Status> status, int limit);

private:
    Result<complaint::Complaint> Visible(const workflow::Actor& actor, ComplaintId id);
    // Applies `change` to the complaint's totals and stores it with `event`, retrying on concurrent changes.
    Result<void> WriteComplaint(const workflow::Actor& actor, ComplaintId id, const std::string& currency,
                                const complaint::CompensationTotal& change, workflow::Event event);
    Result<compensation::ApprovalLimits> LimitsOf(TenantId tenant);

    ports::ComplaintStore& complaints_;
    ports::CompensationStore& compensations_;
    ports::IdentityStore& settings_;
    const ports::Clock& clock_;
    ports::AuditLog* audit_;
};

}  // namespace heed::core::services
