#include "storage/memory/memory_store.hpp"

#include "core/complaint/pii.hpp"

#include <algorithm>
#include <tuple>

#include "core/ports/query_matching.hpp"

namespace heed::storage::memory {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::complaint::Complaint;
namespace ports = core::ports;

Result<Complaint> MemoryComplaintStore::CreateLocked(ports::NewComplaint input) {
    Complaint& c = input.complaint;
    if (!c.source_ref.empty()) {
        for (const auto& [id, existing] : complaints_) {
            if (existing.tenant == c.tenant && existing.source_ref == c.source_ref) {
                return Fail(ErrorCode::kConflict, "source_ref " + c.source_ref + " already exists", "source_ref");
            }
        }
    }
    int month = core::YearMonth(c.milestones.received_at);
    std::int64_t sequence = ++sequences_[{c.tenant.value, month}];
    c.id = core::ComplaintId{next_id_++};
    c.number = core::complaint::FormatComplaintNumber(month, sequence);
    c.version = 1;
    std::vector<std::int64_t> message_ids;
    for (auto& message : input.messages) {
        message.id = core::MessageId{next_message_id_++};
        message.complaint = c.id;
        message.tenant = c.tenant;
        message_ids.push_back(message.id.value);
        messages_[c.id].push_back(message);
    }
    auto& events = events_[c.id];
    std::size_t linked = 0;
    for (auto& event : input.events) {
        event.id = core::EventId{next_event_id_++};
        event.complaint = c.id;
        event.tenant = c.tenant;
        if (event.kind == core::workflow::EventKind::kCreated) event.after = c.number;
        if (event.kind == core::workflow::EventKind::kMessageAdded && linked < message_ids.size()) {
            event.after = std::to_string(message_ids[linked++]);
        }
        events.push_back(std::move(event));
    }
    complaints_[c.id] = c;
    return c;
}

Result<Complaint> MemoryComplaintStore::Create(ports::NewComplaint complaint) {
    std::lock_guard lock(mutex_);
    return CreateLocked(std::move(complaint));
}

std::vector<Result<Complaint>> MemoryComplaintStore::CreateMany(std::vector<ports::NewComplaint> complaints) {
    std::lock_guard lock(mutex_);
    std::vector<Result<Complaint>> results;
    results.reserve(complaints.size());
    for (auto& complaint : complaints) results.push_back(CreateLocked(std::move(complaint)));
    return results;
}

Result<Complaint> MemoryComplaintStore::Get(core::TenantId tenant, core::ComplaintId id) {
    std::lock_guard lock(mutex_);
    auto it = complaints_.find(id);
    if (it == complaints_.end() || it->second.tenant != tenant) {
        return Fail(ErrorCode::kNotFound, "complaint not found");
    }
    return it->second;
}

Result<Complaint> MemoryComplaintStore::GetByNumber(core::TenantId tenant, const std::string& number) {
    std::lock_guard lock(mutex_);
    for (const auto& [id, c] : complaints_) {
        if (c.tenant == tenant && c.number == number) return c;
    }
    return Fail(ErrorCode::kNotFound, "complaint not found");
}

Result<ports::UpdateResult> MemoryComplaintStore::Update(ports::ComplaintUpdate update) {
    std::lock_guard lock(mutex_);
    return UpdateLocked(std::move(update));
}

Result<std::vector<ports::UpdateResult>> MemoryComplaintStore::UpdateAll(std::vector<ports::ComplaintUpdate> updates) {
    std::lock_guard lock(mutex_);
    // Checked before anything is applied, so a failure leaves everything as it was.
    std::map<core::ComplaintId, std::int64_t> versions;
    for (const auto& update : updates) {
        auto it = complaints_.find(update.complaint.id);
        if (it == complaints_.end() || it->second.tenant != update.complaint.tenant) {
            return Fail(ErrorCode::kNotFound, "complaint not found");
        }
        auto [seen, fresh] = versions.emplace(update.complaint.id, it->second.version);
        if (seen->second != update.expected_version) {
            return Fail(ErrorCode::kConflict, "complaint was changed by someone else (version " +
                                                  std::to_string(seen->second) + "); reload and retry", "version");
        }
        seen->second = update.expected_version + 1;
    }
    std::vector<ports::UpdateResult> results;
    for (auto& update : updates) {
        auto done = UpdateLocked(std::move(update));
        if (!done) return tl::unexpected(done.error());  // unreachable: checked above
        results.push_back(std::move(*done));
    }
    return results;
}

std::vector<Result<Complaint>> MemoryComplaintStore::SetSlaValues(std::vector<ports::SlaValuesUpdate> updates) {
    std::lock_guard lock(mutex_);
    std::vector<Result<Complaint>> results;
    results.reserve(updates.size());
    for (const auto& update : updates) {
        const Complaint& next = update.complaint;
        auto it = complaints_.find(next.id);
        auto category = core::workflow::CategoryOf(next.status);
        if (category != core::workflow::StatusCategory::kOpen && category != core::workflow::StatusCategory::kPaused) {
            results.push_back(Fail(ErrorCode::kInvalidArgument,
                                   "SLA values alone are set only for open or waiting complaints", "status"));
        } else if (it == complaints_.end() || it->second.tenant != next.tenant) {
            results.push_back(Fail(ErrorCode::kNotFound, "complaint not found"));
        } else if (it->second.status != next.status) {
            results.push_back(Fail(ErrorCode::kConflict, "complaint was changed by someone else (version " +
                                                             std::to_string(it->second.version) + "); reload and retry",
                                   "version"));
        } else if (it->second.version != update.expected_version) {
            results.push_back(Fail(ErrorCode::kConflict, "complaint was changed by someone else (version " +
                                                             std::to_string(it->second.version) + "); reload and retry",
                                   "version"));
        } else {
            ports::CopySlaValues(next, it->second);
            results.push_back(it->second);
        }
    }
    return results;
}

Result<ports::UpdateResult> MemoryComplaintStore::UpdateLocked(ports::ComplaintUpdate update) {
    Complaint& next = update.complaint;
    auto it = complaints_.find(next.id);
    if (it == complaints_.end() || it->second.tenant != next.tenant) {
        return Fail(ErrorCode::kNotFound, "complaint not found");
    }
    if (it->second.version != update.expected_version) {
        return Fail(ErrorCode::kConflict, "complaint was changed by someone else (version " +
                                              std::to_string(it->second.version) + "); reload and retry", "version");
    }
    if (update.sla_only) {
        const Complaint& stored = it->second;
        if (next.status != stored.status || next.channel != stored.channel ||
            next.service_type != stored.service_type ||
            next.classification.category != stored.classification.category || next.subject != stored.subject ||
            next.description != stored.description) {
            return Fail(ErrorCode::kInvalidArgument,
                        "an SLA-only update may change only the SLA's fields and the owner (not the status, channel, "
                        "service type, category, subject or description)");
        }
    }
    next.version = update.expected_version + 1;
    next.number = it->second.number;
    it->second = next;
    if (update.erase_messages) {
        for (auto& m : messages_[next.id]) m.body = core::complaint::kErasedText;
    }
    auto& events = events_[next.id];
    std::optional<core::complaint::Message> message = std::move(update.message);
    if (message) {
        message->id = core::MessageId{next_message_id_++};
        messages_[next.id].push_back(*message);
    }
    for (auto& label : update.labels) {
        label.id = labels_.empty() ? 1 : labels_.back().id + 1;
        label.complaint = next.id;
        label.tenant = next.tenant;
        labels_.push_back(label);
    }
    for (auto& event : update.events) {
        event.id = core::EventId{next_event_id_++};
        event.complaint = next.id;
        event.tenant = next.tenant;
        if (message && event.kind == core::workflow::EventKind::kMessageAdded) {
            event.after = std::to_string(message->id.value);
        }
        events.push_back(std::move(event));
    }
    return ports::UpdateResult{next, std::move(message)};
}

Result<void> MemoryComplaintStore::Delete(core::TenantId tenant, core::ComplaintId id, const core::workflow::Actor&) {
    std::lock_guard lock(mutex_);
    auto it = complaints_.find(id);
    if (it == complaints_.end() || it->second.tenant != tenant) return Fail(ErrorCode::kNotFound, "complaint not found");
    complaints_.erase(it);
    events_.erase(id);
    messages_.erase(id);
    std::erase_if(labels_, [id](const auto& label) { return label.complaint == id; });
    return {};
}

Result<ports::ComplaintPage> MemoryComplaintStore::List(core::TenantId tenant, const ports::ComplaintQuery& query) {
    std::lock_guard lock(mutex_);
    bool by_id = !query.text.empty();
    struct Row {
        std::int64_t key;
        core::ComplaintId id;
        const Complaint* complaint;
    };
    std::vector<Row> rows;
    for (const auto& [id, c] : complaints_) {
        if (c.tenant != tenant || !ports::MatchesFilters(c, query)) continue;
        if (by_id && !ports::MatchesText(c, query.text)) continue;
        std::int64_t key = by_id ? id.value : ports::SortKey(c, query.sort);
        ports::SortOrder order = by_id ? ports::SortOrder::kReceivedDesc : query.sort;
        if (query.after && !ports::IsAfter(key, id, *query.after, order)) continue;
        rows.push_back({key, id, &c});
    }
    bool descending = by_id || query.sort == ports::SortOrder::kReceivedDesc;
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
        if (a.key != b.key) return descending ? a.key > b.key : a.key < b.key;
        return descending ? a.id > b.id : a.id < b.id;
    });
    ports::ComplaintPage page;
    for (const Row& row : rows) {
        if (static_cast<int>(page.items.size()) == query.limit) {
            const Row& last = rows[page.items.size() - 1];
            page.next = ports::Cursor{last.key, last.id};
            break;
        }
        page.items.push_back(*row.complaint);
    }
    return page;
}

Result<std::vector<core::workflow::Event>> MemoryComplaintStore::Events(core::TenantId tenant, core::ComplaintId id) {
    std::lock_guard lock(mutex_);
    auto it = complaints_.find(id);
    if (it == complaints_.end() || it->second.tenant != tenant) {
        return Fail(ErrorCode::kNotFound, "complaint not found");
    }
    return events_[id];
}

Result<std::vector<core::complaint::Message>> MemoryComplaintStore::Messages(core::TenantId tenant,
                                                                            core::ComplaintId id) {
    std::lock_guard lock(mutex_);
    auto it = complaints_.find(id);
    if (it == complaints_.end() || it->second.tenant != tenant) {
        return Fail(ErrorCode::kNotFound, "complaint not found");
    }
    return messages_[id];
}

Result<std::int64_t> MemoryComplaintStore::Count(core::TenantId tenant) {
    std::lock_guard lock(mutex_);
    return static_cast<std::int64_t>(std::count_if(complaints_.begin(), complaints_.end(),
                                                   [&](const auto& entry) { return entry.second.tenant == tenant; }));
}

Result<void> MemoryComplaintStore::ForEach(core::TenantId tenant, const std::function<bool(const Complaint&)>& visit) {
    std::vector<Complaint> snapshot;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, c] : complaints_) {
            if (c.tenant == tenant) snapshot.push_back(c);
        }
    }
    for (const auto& c : snapshot) {
        if (!visit(c)) break;
    }
    return {};
}

Result<std::vector<core::ports::SlaCheck>> MemoryComplaintStore::SlaChecksDue(core::Instant until, int limit) {
    std::vector<core::ports::SlaCheck> due;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, c] : complaints_) {
            if (c.sla.check_at && *c.sla.check_at <= until) due.push_back({c.tenant, c.id, *c.sla.check_at});
        }
    }
    std::sort(due.begin(), due.end(), [](const auto& a, const auto& b) { return std::tie(a.at, a.id) < std::tie(b.at, b.id); });
    if (static_cast<int>(due.size()) > limit) due.resize(static_cast<std::size_t>(std::max(limit, 0)));
    return due;
}

Result<std::optional<core::Instant>> MemoryComplaintStore::NextSlaCheck() {
    std::lock_guard lock(mutex_);
    std::optional<core::Instant> next;
    for (const auto& [id, c] : complaints_) {
        if (c.sla.check_at && (!next || *c.sla.check_at < *next)) next = c.sla.check_at;
    }
    return next;
}

}  // namespace heed::storage::memory
