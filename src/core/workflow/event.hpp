#pragma once
// Append-only events: every change to a complaint is one event (who, when, what, before → after). Events are the
// complaint's timeline and the input of every metric; they are never updated or deleted.

#include <string>
#include <string_view>

#include "core/common/enum_names.hpp"
#include "core/common/ids.hpp"
#include "core/common/time.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::workflow {

enum class EventKind {
    kCreated,         // intake; after = number
    kAcknowledged,    // the customer was told the number and how to track it
    kFieldChanged,    // field = name, before/after = values as text
    kStatusChanged,   // field = "status", before/after = status names, note = reason
    kMessageAdded,    // field = direction, after = message id
    kImported,        // created by an import; note = source
    kErased,          // personal data removed (erasure request or retention); note = reason
    kTriaged,         // automatic triage; field = what was set, after = value, note = source and confidence
    kLinked,          // field = repeat_of / duplicate_of / merged_into / incident_cluster, after = the other complaint
    kSlaWarning,      // field = clock (first_response / next_update / resolution), before = cycle start, after = due
    kSlaBreached,     // field = clock, after = the missed due time
    kEscalated,       // field = trigger key, before/after = level, note = reason and new owner
    kCompensation,    // field = requested / approved / rejected, after = compensation id, note = reason
    kFollowUp,        // field = day3 / day7, after = outcome, note = details
    kSurvey,          // field = sent / answered, after = survey id or scores
    kNotification,    // field = template, after = outbox id (a message to the customer went out)
    kAcceptance,      // field = proposed / accepted / rejected (the customer's answer to the resolution)
};

inline constexpr EnumNames<EventKind, 17> kEventKindNames{{{EventKind::kCreated, "created"},
                                                          {EventKind::kAcknowledged, "acknowledged"},
                                                          {EventKind::kFieldChanged, "field_changed"},
                                                          {EventKind::kStatusChanged, "status_changed"},
                                                          {EventKind::kMessageAdded, "message_added"},
                                                          {EventKind::kImported, "imported"},
                                                          {EventKind::kErased, "erased"},
                                                          {EventKind::kTriaged, "triaged"},
                                                          {EventKind::kLinked, "linked"},
                                                          {EventKind::kSlaWarning, "sla_warning"},
                                                          {EventKind::kSlaBreached, "sla_breached"},
                                                          {EventKind::kEscalated, "escalated"},
                                                          {EventKind::kCompensation, "compensation"},
                                                          {EventKind::kFollowUp, "follow_up"},
                                                          {EventKind::kSurvey, "survey"},
                                                          {EventKind::kNotification, "notification"},
                                                          {EventKind::kAcceptance, "acceptance"}}};

inline std::string_view ToString(EventKind kind) { return NameOf(kEventKindNames, kind); }

struct Event {
    EventId id;
    TenantId tenant;
    ComplaintId complaint;
    Instant at{};
    std::string actor;
    Role actor_role = Role::kSystem;
    EventKind kind = EventKind::kCreated;
    std::string field;
    std::string before;
    std::string after;
    std::string note;
};

}  // namespace heed::core::workflow
