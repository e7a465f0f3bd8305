#include "core/services/privacy_service.hpp"

#include "core/complaint/pii.hpp"

#include <charconv>

namespace heed::core::services {

namespace {

std::string Digits(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (c >= '0' && c <= '9') digits += c;
    }
    return digits;
}

std::string Lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool AlreadyErased(const complaint::Complaint& c) {
    return c.customer.name == complaint::kErasedText && c.customer.phone.empty() && c.customer.email.empty() &&
           c.description == complaint::kErasedText;
}

}  // namespace

PrivacyService::PrivacyService(ports::ComplaintStore& store, ports::IdentityStore& settings,
                               const ports::Clock& clock, ports::AuditLog* audit)
    : store_(store), settings_(settings), clock_(clock), audit_(audit) {}

Result<RetentionPolicy> PrivacyService::Retention(TenantId tenant) {
    auto years = settings_.Setting(tenant, "retention.years");
    if (!years) return tl::unexpected(years.error());
    auto action = settings_.Setting(tenant, "retention.action");
    if (!action) return tl::unexpected(action.error());
    RetentionPolicy policy;
    if (!years->empty()) {
        auto [end, error] = std::from_chars(years->data(), years->data() + years->size(), policy.years);
        if (error != std::errc() || end != years->data() + years->size()) {
            return Fail(ErrorCode::kInternal, "stored retention.years is not a number: " + *years);
        }
    }
    policy.action = ValueOf(kRetentionActionNames, *action).value_or(RetentionAction::kAnonymise);
    return policy;
}

Result<RetentionPolicy> PrivacyService::SetRetention(const workflow::Actor& by, const RetentionPolicy& policy) {
    if (by.role != workflow::Role::kAdmin && by.role != workflow::Role::kSystem) {
        return Fail(ErrorCode::kPermissionDenied, "only admins set the retention policy");
    }
    if (policy.years < 0 || policy.years > 100) {
        return Fail(ErrorCode::kInvalidArgument, "retention years must be 0 (off) to 100", "years");
    }
    std::string action(NameOf(kRetentionActionNames, policy.action));
    if (auto ok = settings_.SetSetting(by.tenant, "retention.years", std::to_string(policy.years)); !ok) {
        return tl::unexpected(ok.error());
    }
    if (auto ok = settings_.SetSetting(by.tenant, "retention.action", action); !ok) return tl::unexpected(ok.error());
    if (audit_) {
        auto recorded = audit_->Record({by, "settings.changed", "settings", 0,
                                        "retention.years=" + std::to_string(policy.years) + " retention.action=" + action});
        if (!recorded) return tl::unexpected(recorded.error());
    }
    return policy;
}

Result<void> PrivacyService::Anonymise(const workflow::Actor& by, ComplaintId id, const std::string& reason) {
    for (int attempt = 0; attempt < 3; ++attempt) {  // a concurrent edit only means: reload and erase again
        auto current = store_.Get(by.tenant, id);
        if (!current) return tl::unexpected(current.error());
        if (AlreadyErased(*current)) return {};
        complaint::Complaint next = *current;
        complaint::Anonymise(next);
        Instant now = clock_.Now();
        next.updated_at = now;
        std::vector<workflow::Event> events{workflow::Event{{}, by.tenant, id, now, by.name, by.role,
                                                            workflow::EventKind::kErased, {}, {}, {}, reason}};
        auto stored = store_.Update({std::move(next), current->version, std::move(events), {}, true});
        if (stored) return {};
        if (stored.error().code != ErrorCode::kConflict) return tl::unexpected(stored.error());
    }
    return Fail(ErrorCode::kConflict, "the complaint kept changing while it was being erased; retry", "id");
}

Result<PrivacyReport> PrivacyService::EraseCustomer(const workflow::Actor& by, const std::string& contact,
                                                    const std::string& reason, bool dry_run) {
    if (by.role != workflow::Role::kAdmin && by.role != workflow::Role::kSystem) {
        return Fail(ErrorCode::kPermissionDenied, "only admins carry out erasure requests");
    }
    if (contact.empty()) return Fail(ErrorCode::kInvalidArgument, "name the customer's phone, e-mail or id", "contact");
    if (reason.empty()) return Fail(ErrorCode::kInvalidArgument, "an erasure needs a reason (e.g. the request)", "reason");
    std::string digits = Digits(contact);
    std::string email = Lower(contact);
    bool looks_like_phone = digits.size() >= 5 && contact.find('@') == std::string::npos;
    std::vector<std::pair<ComplaintId, std::string>> matches;
    auto scanned = store_.ForEach(by.tenant, [&](const complaint::Complaint& c) {
        const auto& customer = c.customer;
        bool match = (looks_like_phone && !customer.phone.empty() && Digits(customer.phone) == digits) ||
                     (!customer.email.empty() && Lower(customer.email) == email) ||
                     (!customer.external_id.empty() && customer.external_id == contact);
        if (match && !AlreadyErased(c)) matches.emplace_back(c.id, c.number);
        return true;
    });
    if (!scanned) return tl::unexpected(scanned.error());
    PrivacyReport report{dry_run, {}, 0};
    for (const auto& [id, number] : matches) {
        report.numbers.push_back(number);
        if (dry_run) continue;
        if (auto ok = Anonymise(by, id, "erasure request: " + reason); !ok) return tl::unexpected(ok.error());
        ++report.changed;
    }
    return report;
}

Result<PrivacyReport> PrivacyService::ApplyRetention(const workflow::Actor& by, const RetentionPolicy& policy,
                                                     bool dry_run) {
    if (by.role != workflow::Role::kAdmin && by.role != workflow::Role::kSystem) {
        return Fail(ErrorCode::kPermissionDenied, "only admins apply the retention policy");
    }
    PrivacyReport report{dry_run, {}, 0};
    if (policy.years <= 0) return report;
    Instant cutoff = clock_.Now() - std::chrono::days(policy.years * 365 + policy.years / 4);
    std::vector<std::pair<ComplaintId, std::string>> due;
    auto scanned = store_.ForEach(by.tenant, [&](const complaint::Complaint& c) {
        if (workflow::CategoryOf(c.status) != workflow::StatusCategory::kEnded) return true;
        Instant ended = c.milestones.closed_at.value_or(c.updated_at);
        if (ended >= cutoff) return true;
        if (policy.action == RetentionAction::kAnonymise && AlreadyErased(c)) return true;
        due.emplace_back(c.id, c.number);
        return true;
    });
    if (!scanned) return tl::unexpected(scanned.error());
    std::string reason = "retention: ended more than " + std::to_string(policy.years) + " years ago";
    for (const auto& [id, number] : due) {
        if (!dry_run) {
            // Re-read just before acting: a complaint reopened since the scan is no longer due.
            auto current = store_.Get(by.tenant, id);
            if (!current || workflow::CategoryOf(current->status) != workflow::StatusCategory::kEnded) continue;
        }
        report.numbers.push_back(number);
        if (dry_run) continue;
        auto done = policy.action == RetentionAction::kDelete ? store_.Delete(by.tenant, id, by)
                                                               : Anonymise(by, id, reason);
        if (!done) return tl::unexpected(done.error());
        ++report.changed;
    }
    return report;
}

}  // namespace heed::core::services
