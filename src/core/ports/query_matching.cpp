#include "core/ports/query_matching.hpp"

#include <algorithm>
#include <cctype>

namespace heed::core::ports {
namespace {

std::string Lower(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

}  // namespace

std::int64_t SortKey(const complaint::Complaint& complaint, SortOrder sort) {
    if (sort == SortOrder::kDueAsc) {
        return complaint.resolution_due_at ? ToMillis(*complaint.resolution_due_at) : kNoDueKey;
    }
    return ToMillis(complaint.milestones.received_at);
}

std::optional<ComplaintQuery::Scope> ScopeFor(const workflow::Actor& actor) {
    using workflow::Role;
    switch (actor.role) {
        case Role::kAdmin:
        case Role::kManager:
        case Role::kDirector:
        case Role::kAnalyst:
        case Role::kSystem: return std::nullopt;
        case Role::kCustomer: return ComplaintQuery::Scope{};
        case Role::kAgent:
        case Role::kTeamLead:
            if (actor.team.empty()) return std::nullopt;
            return ComplaintQuery::Scope{actor.team, std::nullopt, actor.name};
        case Role::kDepartment:
            if (actor.team.empty()) return std::nullopt;
            return ComplaintQuery::Scope{std::nullopt, actor.team, actor.name};
    }
    return ComplaintQuery::Scope{};
}

bool InScope(const complaint::Complaint& c, const ComplaintQuery::Scope& scope) {
    if (scope.team && (c.team == *scope.team || c.team.empty())) return true;
    if (scope.department && c.department == *scope.department) return true;
    return !scope.user.empty() && c.assignee == scope.user;
}

bool MatchesFilters(const complaint::Complaint& c, const ComplaintQuery& q) {
    if (q.scope && !InScope(c, *q.scope)) return false;
    if (!q.statuses.empty() && std::find(q.statuses.begin(), q.statuses.end(), c.status) == q.statuses.end()) {
        return false;
    }
    if (q.number && c.number != *q.number) return false;
    if (q.category && c.classification.category != *q.category) return false;
    if (q.assignee && c.assignee != *q.assignee) return false;
    if (q.channel && c.channel != *q.channel) return false;
    if (q.received_from && c.milestones.received_at < *q.received_from) return false;
    if (q.received_to && c.milestones.received_at >= *q.received_to) return false;
    if (q.triage_queue && c.triage.review_fields.empty()) return false;
    if (!q.sla_states.empty() && std::find(q.sla_states.begin(), q.sla_states.end(),
                                           c.sla.state.empty() ? "inactive" : c.sla.state) == q.sla_states.end()) {
        return false;
    }
    return true;
}

bool MatchesText(const complaint::Complaint& c, std::string_view text) {
    std::string haystack = Lower(c.subject) + "\n" + Lower(c.description);
    std::string needle = Lower(text);
    std::size_t pos = 0;
    while (pos < needle.size()) {
        std::size_t start = needle.find_first_not_of(" \t\r\n\"", pos);
        if (start == std::string::npos) break;
        std::size_t end = needle.find_first_of(" \t\r\n\"", start);
        if (end == std::string::npos) end = needle.size();
        if (haystack.find(needle.substr(start, end - start)) == std::string::npos) return false;
        pos = end;
    }
    return true;
}

bool IsAfter(std::int64_t key, ComplaintId id, const Cursor& cursor, SortOrder sort) {
    if (sort == SortOrder::kReceivedDesc) return key < cursor.key || (key == cursor.key && id < cursor.id);
    return key > cursor.key || (key == cursor.key && id > cursor.id);
}

}  // namespace heed::core::ports
