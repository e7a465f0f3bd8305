#include "core/services/notification_service.hpp"

#include "core/services/feedback_service.hpp"

namespace heed::core::services {

using notify::NotificationKind;
using notify::OutboxMessage;

NotificationService::NotificationService(ports::ComplaintStore& store, ports::Outbox& outbox,
                                         ports::MailSender* sender, const ports::Clock& clock,
                                         NotificationOptions options)
    : store_(store), outbox_(outbox), sender_(sender), clock_(clock), options_(std::move(options)) {}

NotificationService::~NotificationService() { Stop(); }

void NotificationService::Log(const std::string& text) const {
    if (options_.log_error) options_.log_error(text);
}

Result<std::optional<OutboxMessage>> NotificationService::Notify(const complaint::Complaint& c, NotificationKind kind,
                                                                 std::map<std::string, std::string> values) {
    // Staff messages go to the address given in "to"; everything else to the customer.
    const bool to_staff = kind == NotificationKind::kEscalation;
    const std::string to = to_staff ? values["to"] : c.customer.email;
    if (!notify::IsPlainEmailAddress(to)) return std::optional<OutboxMessage>();
    if (auto link = values.find("link"); link != values.end() && link->second.rfind("/", 0) == 0) {
        link->second = options_.public_url + link->second;
    }
    std::string language = LanguageOf(c);
    auto rendered = notify::RenderNotification(kind, language, c, values);
    Instant now = clock_.Now();
    OutboxMessage message;
    message.tenant = c.tenant;
    message.complaint = c.id;
    message.kind = kind;
    message.to = to;
    message.language = language;
    message.subject = std::move(rendered.subject);
    message.body = std::move(rendered.body);
    message.created_at = now;
    message.next_attempt_at = now;
    auto stored = outbox_.Enqueue(std::move(message));
    if (!stored) return tl::unexpected(stored.error());
    // No event on the complaint: a notification happens after the action that caused it, and a new complaint
    // version then would make the caller's version stale. The outbox row (with the complaint id) is the record.
    {
        std::lock_guard lock(mutex_);
        kicked_ = true;
    }
    wake_.notify_one();
    return std::optional<OutboxMessage>(*stored);
}

void NotificationService::Submit(const complaint::Complaint& c, NotificationKind kind,
                                 std::map<std::string, std::string> values) {
    // Nothing to send without an address (Notify would drop it): no copy of the complaint is queued.
    auto to = values.find("to");
    if (!notify::IsPlainEmailAddress(kind == NotificationKind::kEscalation ? (to == values.end() ? "" : to->second)
                                                                           : c.customer.email)) {
        return;
    }
    {
        std::lock_guard lock(mutex_);
        submitted_.push_back({c, kind, std::move(values)});
    }
    wake_.notify_one();
}

int NotificationService::DispatchOnce() {
    std::deque<Submitted> work;
    {
        std::lock_guard lock(mutex_);
        work.swap(submitted_);
    }
    for (auto& item : work) {
        if (auto done = Notify(item.complaint, item.kind, std::move(item.values)); !done) {
            Log("notification for " + item.complaint.number + ": " + done.error().message);
        }
    }
    if (!sender_) return 0;
    auto due = outbox_.Due(clock_.Now(), options_.batch);
    if (!due) {
        Log("outbox: " + due.error().message);
        return 0;
    }
    int sent = 0;
    for (const auto& message : *due) {
        auto result = sender_->Send(message);
        Instant now = clock_.Now();
        if (result) {
            if (auto marked = outbox_.MarkSent(message.id, now); !marked) {
                Log("outbox: message " + std::to_string(message.id) + " sent but not marked: " + marked.error().message);
            }
            ++sent;
            continue;
        }
        auto delay = notify::Backoff(message.attempts + 1, options_.retry_base, options_.retry_cap);
        Log("outbox: message " + std::to_string(message.id) + " to " + message.to + " failed (attempt " +
            std::to_string(message.attempts + 1) + "): " + result.error().message);
        (void)outbox_.MarkFailed(message.id, now + std::chrono::duration_cast<std::chrono::milliseconds>(delay),
                                 result.error().message, result.error().permanent);
    }
    return sent;
}

void NotificationService::Start() {
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            DispatchOnce();
            lock.lock();
            if (stopping_) break;
            wake_.wait_for(lock, options_.poll, [this] { return stopping_ || kicked_ || !submitted_.empty(); });
            kicked_ = false;
        }
    });
}

void NotificationService::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace heed::core::services
