#pragma once
// The workflow of SPEC §2 as one explicit table: each allowed (from → to) with the roles that may take it and the
// guard that must hold. ApplyTransition is pure: it returns the changed complaint and its events, stores nothing.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"
#include "core/workflow/actor.hpp"
#include "core/workflow/event.hpp"
#include "core/workflow/status.hpp"

namespace heed::core::workflow {

enum class Guard {
    kNone,
    kNeedsAssignee,    // someone must own the complaint (already assigned, or `assignee` given)
    kNeedsResolution,  // a resolution summary must exist or be given
    kNeedsReason,      // a human reason is required (rejection, reopening)
    kNeedsMergeTarget, // the complaint it merges into
};

struct TransitionRule {
    Status from;
    Status to;
    std::vector<Role> roles;
    Guard guard = Guard::kNone;
};

// The whole table; tests iterate it and docs/workflow.md shows it.
std::span<const TransitionRule> TransitionTable();

struct TransitionInput {
    std::string reason;
    std::string assignee;
    std::string resolution_summary;
    std::optional<ComplaintId> merge_target;
};

struct Change {
    complaint::Complaint complaint;
    std::vector<Event> events;
};

// Statuses reachable from `from` by `role` (guards not evaluated), in table order.
std::vector<Status> AllowedTargets(Status from, Role role);

// REQUIRES: current.tenant == actor.tenant. Errors: kIllegalTransition (with `allowed`), kPermissionDenied (the
// step exists but not for this role), kInvalidArgument (a guard failed; `field` names the missing input).
Result<Change> ApplyTransition(const complaint::Complaint& current, Status to, const TransitionInput& input,
                               const Actor& actor, Instant now);

}  // namespace heed::core::workflow
