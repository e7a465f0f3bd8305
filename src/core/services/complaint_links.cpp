// ComplaintService: links between related complaints and the primary's side of a merge. Both complaints change in
// one store transaction (ComplaintStore::UpdateAll), so a link is never on one side only.

#include <algorithm>

#include "core/common/utf8.hpp"
#include "core/services/complaint_service.hpp"

namespace heed::core::services {

using complaint::Complaint;
using workflow::Event;
using workflow::EventKind;
using workflow::Role;

namespace {

constexpr int kLinkRetries = 5;

Event LinkEvent(const workflow::Actor& actor, const Complaint& c, Instant now, std::string field, std::string before,
                std::string after, std::string note) {
    return Event{{}, c.tenant, c.id, now, actor.name, actor.role, EventKind::kLinked, std::move(field),
                 std::move(before), std::move(after), std::move(note)};
}

Result<void> CheckReason(const std::string& reason) {
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Fail(ErrorCode::kInvalidArgument, "a reason is required", "reason");
    }
    if (reason.size() > complaint::kMaxTextFieldBytes || !IsValidUtf8(reason)) {
        return Fail(ErrorCode::kInvalidArgument, "the reason must be valid UTF-8 of at most 2000 bytes", "reason");
    }
    return {};
}

bool Linked(const Complaint& c, ComplaintId other) {
    return std::any_of(c.links.related.begin(), c.links.related.end(),
                       [&](const complaint::RelatedLink& link) { return link.id == other; });
}

}  // namespace

Result<ports::UpdateResult> ComplaintService::StoreMerge(const workflow::Actor& actor, const Complaint& duplicate,
                                                         workflow::Change change, const Complaint& primary,
                                                         const std::string& reason, Instant now) {
    Complaint next_primary = primary;
    next_primary.links.merged_from.push_back(duplicate.id);
    next_primary.updated_at = now;
    std::string note = duplicate.number + (reason.empty() ? "" : ": " + reason);
    std::vector<Event> primary_events{
        LinkEvent(actor, primary, now, "merged_from", "", std::to_string(duplicate.id.value), note)};
    // The duplicate's side: its merged_into is a field event of the transition; a linked event names the primary.
    change.events.push_back(LinkEvent(actor, duplicate, now, "merged_into", "", std::to_string(primary.id.value),
                                      primary.number + (reason.empty() ? "" : ": " + reason)));
    std::vector<ports::ComplaintUpdate> updates;
    updates.push_back({std::move(change.complaint), duplicate.version, std::move(change.events), {}});
    updates.push_back({std::move(next_primary), primary.version, std::move(primary_events), {}});
    auto stored = store_.UpdateAll(std::move(updates));
    if (!stored) return tl::unexpected(stored.error());
    if (on_sla_check_) {
        for (const auto& result : *stored) {
            if (result.complaint.sla.check_at) on_sla_check_(*result.complaint.sla.check_at);
        }
    }
    return std::move(stored->front());
}

Result<Complaint> ComplaintService::Link(const workflow::Actor& actor, ComplaintId id, ComplaintId other,
                                         const std::string& reason) {
    if (actor.role == Role::kCustomer || actor.role == Role::kAnalyst) {
        return Fail(ErrorCode::kPermissionDenied, "this role does not link complaints");
    }
    if (id == other) return Fail(ErrorCode::kInvalidArgument, "a complaint cannot be linked to itself", "complaint_id");
    if (auto ok = CheckReason(reason); !ok) return tl::unexpected(ok.error());
    for (int attempt = 0;; ++attempt) {
        auto a = Get(actor, id);
        if (!a) return a;
        auto b = Get(actor, other);
        if (!b) return Fail(ErrorCode::kNotFound, "the complaint to link to was not found", "complaint_id");
        if (Linked(*a, other)) {
            return Fail(ErrorCode::kConflict, a->number + " and " + b->number + " are already linked", "complaint_id");
        }
        if (a->links.related.size() >= complaint::kMaxRelatedLinks ||
            b->links.related.size() >= complaint::kMaxRelatedLinks) {
            return Fail(ErrorCode::kResourceExhausted,
                        "a complaint has at most " + std::to_string(complaint::kMaxRelatedLinks) + " related links");
        }
        Instant now = clock_.Now();
        std::vector<ports::ComplaintUpdate> updates;
        for (auto [self, peer] : {std::pair{&*a, &*b}, std::pair{&*b, &*a}}) {
            Complaint next = *self;
            next.links.related.push_back({peer->id, reason, actor.name, now});
            next.updated_at = now;
            updates.push_back({std::move(next), self->version,
                               {LinkEvent(actor, *self, now, "related", "", std::to_string(peer->id.value),
                                          peer->number + ": " + reason)},
                               {}});
        }
        auto stored = store_.UpdateAll(std::move(updates));
        if (stored) return std::move(stored->front().complaint);
        if (stored.error().code != ErrorCode::kConflict || attempt + 1 >= kLinkRetries) {
            return tl::unexpected(stored.error());
        }
    }
}

Result<Complaint> ComplaintService::Unlink(const workflow::Actor& actor, ComplaintId id, ComplaintId other,
                                           const std::string& reason) {
    if (actor.role == Role::kCustomer || actor.role == Role::kAnalyst) {
        return Fail(ErrorCode::kPermissionDenied, "this role does not link complaints");
    }
    for (int attempt = 0;; ++attempt) {
        // Not found (another tenant, another team) comes before any check of the input, so it reveals nothing.
        auto a = Get(actor, id);
        if (!a) return a;
        if (auto ok = CheckReason(reason); !ok) return tl::unexpected(ok.error());
        auto b = Get(actor, other);
        if (!b || !Linked(*a, other)) {
            return Fail(ErrorCode::kNotFound, "the complaints are not linked", "complaint_id");
        }
        Instant now = clock_.Now();
        std::vector<ports::ComplaintUpdate> updates;
        for (auto [self, peer] : {std::pair{&*a, &*b}, std::pair{&*b, &*a}}) {
            Complaint next = *self;
            const ComplaintId peer_id = peer->id;  // clang 14 cannot capture a structured binding
            std::erase_if(next.links.related, [&](const complaint::RelatedLink& link) { return link.id == peer_id; });
            next.updated_at = now;
            updates.push_back({std::move(next), self->version,
                               {LinkEvent(actor, *self, now, "related", std::to_string(peer->id.value), "",
                                          "unlinked from " + peer->number + ": " + reason)},
                               {}});
        }
        auto stored = store_.UpdateAll(std::move(updates));
        if (stored) return std::move(stored->front().complaint);
        if (stored.error().code != ErrorCode::kConflict || attempt + 1 >= kLinkRetries) {
            return tl::unexpected(stored.error());
        }
    }
}

}  // namespace heed::core::services
