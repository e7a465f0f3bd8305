#pragma once
// The semantics of ComplaintQuery written once as plain functions, so the in-memory store and tests agree with the
// SQL implementation: which complaints match, their sort key, and full-text matching (every query term must occur).

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "core/complaint/complaint.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::ports {

inline constexpr std::int64_t kNoDueKey = std::numeric_limits<std::int64_t>::max();

// The value a complaint is ordered by under `sort` (milliseconds; kNoDueKey for "no due time").
std::int64_t SortKey(const complaint::Complaint& complaint, SortOrder sort);

// Who sees what within a tenant. Admins, managers, analysts and the system see every complaint; agents and team
// leads in a team see their team's complaints, those not yet given to a team and those assigned to them; department
// handlers see what was handed to their department (their team's name) and what is assigned to them; users in no
// team (and API tokens) are not restricted; customers list nothing (ComplaintService lets a customer signed in
// as "customer:<number>" reach that one complaint).
std::optional<ComplaintQuery::Scope> ScopeFor(const workflow::Actor& actor);
bool InScope(const complaint::Complaint& complaint, const ComplaintQuery::Scope& scope);

// Filters other than text (the scope included).
bool MatchesFilters(const complaint::Complaint& complaint, const ComplaintQuery& query);

// True when every whitespace-separated term of `text` occurs in subject or description, ASCII case-insensitively.
bool MatchesText(const complaint::Complaint& complaint, std::string_view text);

// True when (key, id) comes strictly after `cursor` in the order of `sort` (ties broken by id in the same direction).
bool IsAfter(std::int64_t key, ComplaintId id, const Cursor& cursor, SortOrder sort);

}  // namespace heed::core::ports
