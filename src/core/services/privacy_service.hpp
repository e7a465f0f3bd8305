#pragma once
// Personal data over time: a customer's erasure request (right to be forgotten) and each tenant's retention policy.
// Erasure anonymises (see complaint::Anonymise): the complaint stays in every count, rate and trend, but nothing in
// it identifies the customer any more, its messages are blanked, and an `erased` event says who did it and why.
// Retention applies to ended complaints (closed, rejected, merged) older than the policy's years: anonymise, or
// delete outright (which also removes them from statistics). Both have a dry run that lists what would change.
// Every change goes through the store, so it is in the audit log like any other.
// Thread-safety: safe to call from many threads.

#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/identity_store.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::services {

enum class RetentionAction { kAnonymise, kDelete };
inline constexpr EnumNames<RetentionAction, 2> kRetentionActionNames{
    {{RetentionAction::kAnonymise, "anonymise"}, {RetentionAction::kDelete, "delete"}}};

struct RetentionPolicy {
    int years = 0;  // 0: off (the default)
    RetentionAction action = RetentionAction::kAnonymise;
};

struct PrivacyReport {
    bool dry_run = true;
    std::vector<std::string> numbers;  // the complaints concerned
    std::int64_t changed = 0;          // 0 in a dry run
};

class PrivacyService {
public:
    // The tenant's retention policy lives in `settings`; changes to it are recorded in `audit` (optional).
    PrivacyService(ports::ComplaintStore& store, ports::IdentityStore& settings, const ports::Clock& clock,
                   ports::AuditLog* audit = nullptr);

    Result<RetentionPolicy> Retention(TenantId tenant);
    // Admins only; years 0 turns retention off, at most 100.
    Result<RetentionPolicy> SetRetention(const workflow::Actor& by, const RetentionPolicy& policy);

    // Every complaint of the actor's tenant whose customer has this phone number (digits compared), e-mail
    // (case-insensitive) or external id. kInvalidArgument for an empty contact or reason.
    Result<PrivacyReport> EraseCustomer(const workflow::Actor& by, const std::string& contact,
                                        const std::string& reason, bool dry_run);

    // Applies `policy` to the actor's tenant; nothing happens when it is off.
    Result<PrivacyReport> ApplyRetention(const workflow::Actor& by, const RetentionPolicy& policy, bool dry_run);

private:
    Result<void> Anonymise(const workflow::Actor& by, ComplaintId id, const std::string& reason);

    ports::ComplaintStore& store_;
    ports::IdentityStore& settings_;
    const ports::Clock& clock_;
    ports::AuditLog* audit_;
};

}  // namespace heed::core::services
