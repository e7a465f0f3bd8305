#pragma once
// The durable outbox of messages to customers and the mail server that delivers them. Implementations:
// storage/sqlite/outbox_store (a table in the same database) and notify/smtp_sender (libcurl).
// Thread-safety: implementations are safe to call from many threads.

#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/notify/notification.hpp"

namespace heed::core::ports {

class Outbox {
public:
    virtual ~Outbox() = default;
    virtual Result<notify::OutboxMessage> Enqueue(notify::OutboxMessage message) = 0;  // id assigned
    // Pending messages whose next attempt is due at `now`, oldest first.
    virtual Result<std::vector<notify::OutboxMessage>> Due(Instant now, int limit) = 0;
    // Accepted by the mail server: sent, never tried again.
    virtual Result<void> MarkSent(std::int64_t id, Instant at) = 0;
    // A failed attempt: counted, with the error; retried at `next_attempt_at`, or given up (`permanent`: failed).
    virtual Result<void> MarkFailed(std::int64_t id, Instant next_attempt_at, const std::string& error, bool permanent) = 0;
    virtual Result<std::vector<notify::OutboxMessage>> List(TenantId tenant, std::optional<notify::OutboxStatus> status,
                                                           std::optional<ComplaintId> complaint, int limit) = 0;
};

struct SendFailure {
    std::string message;
    bool permanent = false;  // the server refused this message (5xx): retrying cannot help
};

class MailSender {
public:
    virtual ~MailSender() = default;
    // Returns once the server has accepted the message (250 after DATA), or the failure.
    virtual tl::expected<void, SendFailure> Send(const notify::OutboxMessage& message) = 0;
};

}  // namespace heed::core::ports
