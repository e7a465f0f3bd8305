#pragma once
// Messages to the customer (SPEC §5): acknowledgement, update, resolution, follow-up and survey e-mails in the
// customer's language, kept in a durable outbox until the mail server has accepted them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/common/enum_names.hpp"
#include "core/common/ids.hpp"
#include "core/common/time.hpp"
#include "core/complaint/complaint.hpp"

namespace heed::core::notify {

// kAlert: an early-warning alert to the tenant's managers (core/analytics/alert_monitor), not to a customer.
// kEscalation: to the member of staff a complaint was just escalated to (values "to", "owner", "level", "reason",
// "link"), not to the customer.
enum class NotificationKind { kAcknowledgement, kUpdate, kResolution, kFollowUp, kSurvey, kAlert, kEscalation };
inline constexpr EnumNames<NotificationKind, 7> kNotificationKindNames{{{NotificationKind::kAcknowledgement, "acknowledgement"},
                                                                       {NotificationKind::kUpdate, "update"},
                                                                       {NotificationKind::kResolution, "resolution"},
                                                                       {NotificationKind::kFollowUp, "follow_up"},
                                                                       {NotificationKind::kSurvey, "survey"},
                                                                       {NotificationKind::kAlert, "alert"},
                                                                       {NotificationKind::kEscalation, "escalation"}}};

enum class OutboxStatus { kPending, kSent, kFailed };
inline constexpr EnumNames<OutboxStatus, 3> kOutboxStatusNames{{{OutboxStatus::kPending, "pending"},
                                                               {OutboxStatus::kSent, "sent"},
                                                               {OutboxStatus::kFailed, "failed"}}};

struct OutboxMessage {
    std::int64_t id = 0;
    TenantId tenant;
    std::optional<ComplaintId> complaint;
    NotificationKind kind = NotificationKind::kAcknowledgement;
    std::string to;        // one e-mail address
    std::string language;  // zh or en
    std::string subject;   // UTF-8
    std::string body;      // UTF-8 plain text
    OutboxStatus status = OutboxStatus::kPending;
    int attempts = 0;
    Instant created_at{};
    Instant next_attempt_at{};
    std::optional<Instant> sent_at;
    std::string last_error;
};

struct RenderedMessage {
    std::string subject;
    std::string body;
};

// The message of `kind` for this complaint in `language` (zh or en). `values` fill the rest: "link" (survey, an
// absolute URL), "text" (update), "outcome" (follow-up).
RenderedMessage RenderNotification(NotificationKind kind, const std::string& language,
                                   const complaint::Complaint& complaint, const std::map<std::string, std::string>& values);

// A plain e-mail address: one @, no spaces, quotes, angle brackets or control characters, ≤ 254 bytes. Anything
// else could smuggle headers or recipients into the SMTP conversation.
bool IsPlainEmailAddress(const std::string& address);

// Retry delay after `attempts` failed attempts: base × 2^(attempts−1), at most `cap`.
std::chrono::milliseconds Backoff(int attempts, std::chrono::milliseconds base, std::chrono::milliseconds cap);

}  // namespace heed::core::notify
