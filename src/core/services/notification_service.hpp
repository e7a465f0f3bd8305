#pragma once
// Notifications to customers through the durable outbox (SPEC §5). Notify renders the message in the customer's
// language and stores it in the outbox (which records the complaint it is about); the dispatcher thread hands
// due messages to the mail server and marks each sent once the server has accepted it, retrying failures with
// exponential back-off. With no mail server configured the outbox keeps everything.
//
// Delivery is at-least-once: a crash after the server's 250 and before the message is marked sent sends it again
// on the next start, with the same Message-ID (receivers drop duplicates by it).
//
// Thread-safety: safe to call from many threads.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/common/result.hpp"
#include "core/notify/notification.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/ports/outbox.hpp"

namespace heed::core::services {

struct NotificationOptions {
    std::string public_url;  // prefix of links in messages, e.g. https://complaints.example.com
    std::chrono::milliseconds retry_base{std::chrono::seconds(60)};
    std::chrono::milliseconds retry_cap{std::chrono::hours(1)};
    std::chrono::milliseconds poll{std::chrono::seconds(1)};
    int batch = 50;
    std::function<void(const std::string&)> log_error;
};

class NotificationService {
public:
    // `sender` may be null: nothing is sent and the outbox keeps every message.
    NotificationService(ports::ComplaintStore& store, ports::Outbox& outbox, ports::MailSender* sender,
                        const ports::Clock& clock, NotificationOptions options = {});
    ~NotificationService();

    // Stores the message for the complaint's customer (nullopt when there is no usable e-mail address). "link"
    // values that are paths get the public URL in front.
    Result<std::optional<notify::OutboxMessage>> Notify(const complaint::Complaint& complaint, notify::NotificationKind kind,
                                                        std::map<std::string, std::string> values = {});
    // Notify later on the dispatcher thread (for callers that must not block, such as the intake observer).
    void Submit(const complaint::Complaint& complaint, notify::NotificationKind kind,
                std::map<std::string, std::string> values = {});

    // One pass: handles submitted notifications, then sends every due message. Returns how many were sent.
    int DispatchOnce();
    void Start();  // the dispatcher thread
    void Stop();

    bool sending() const { return sender_ != nullptr; }
    Result<std::vector<notify::OutboxMessage>> List(TenantId tenant, std::optional<notify::OutboxStatus> status,
                                                    std::optional<ComplaintId> complaint, int limit) {
        return outbox_.List(tenant, status, complaint, limit);
    }

private:
    void Log(const std::string& text) const;

    ports::ComplaintStore& store_;
    ports::Outbox& outbox_;
    ports::MailSender* sender_;
    const ports::Clock& clock_;
    NotificationOptions options_;

    struct Submitted {
        complaint::Complaint complaint;
        notify::NotificationKind kind;
        std::map<std::string, std::string> values;
    };
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Submitted> submitted_;  // GUARDED_BY(mutex_)
    bool stopping_ = false;            // GUARDED_BY(mutex_)
    bool kicked_ = false;              // GUARDED_BY(mutex_): a message was stored, send it now
    std::thread thread_;
};

}  // namespace heed::core::services
