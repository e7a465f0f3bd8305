#include "storage/sqlite/list_query.hpp"

#include <algorithm>
#include <optional>

#include "core/sla/clock.hpp"
#include "core/workflow/status.hpp"
#include "storage/sqlite/due_order.hpp"
#include "storage/sqlite/row_codec.hpp"

namespace heed::storage::sqlite {

namespace ports = core::ports;

void ListSql::BindTo(Statement& statement) const {
    int index = 1;
    for (const auto& parameter : parameters) {
        if (const auto* number = std::get_if<std::int64_t>(&parameter)) {
            statement.Bind(index++, *number);
        } else {
            statement.Bind(index++, std::get<std::string>(parameter));
        }
    }
}

std::string ToFtsQuery(std::string_view text) {
    std::string query;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t start = text.find_first_not_of(" \t\r\n", pos);
        if (start == std::string_view::npos) break;
        std::size_t end = text.find_first_of(" \t\r\n", start);
        if (end == std::string_view::npos) end = text.size();
        if (!query.empty()) query += ' ';
        query += '"';
        for (char c : text.substr(start, end - start)) {
            if (c == '"') query += '"';
            query += c;
        }
        query += '"';
        pos = end;
    }
    return query;
}

namespace {

// A status as an SQL literal (the names are fixed words): the planner can then see that a query of solved or ended
// statuses implies the condition of the partial due-time indexes (complaints_closed_due, migration 19).
std::string StatusLiteral(core::workflow::Status status) {
    return "'" + std::string(core::workflow::ToString(status)) + "'";
}

std::string StatusIn(const std::vector<core::workflow::Status>& statuses) {
    std::string in = "c.status IN (";
    for (std::size_t i = 0; i < statuses.size(); ++i) in += (i ? ", " : "") + StatusLiteral(statuses[i]);
    return in + ")";
}

struct Order {
    std::string key_column;  // e.g. c.due_key
    std::string result_column;  // the same column's name in the result, e.g. due_key
    std::string direction;   // ASC or DESC
};

// Whether the statuses asked for (all when none) include open or waiting ones: only those can have SLA values beside
// their row (complaint_sla), so only their terms need the values as they stand (kEffectiveDueKey, kEffectiveSlaState).
bool MayBeOpen(const std::vector<core::workflow::Status>& statuses) {
    return statuses.empty() || std::any_of(statuses.begin(), statuses.end(), DueOrder::Holds);
}

Order OrderFor(const ports::ComplaintQuery& query, bool open) {
    if (!query.text.empty()) return {"c.id", "id", "DESC"};
    if (query.sort == ports::SortOrder::kDueAsc) return {open ? kEffectiveDueKey : "c.due_key", "due_key", "ASC"};
    return {"c.received_at", "received_at", query.sort == ports::SortOrder::kReceivedAsc ? "ASC" : "DESC"};
}

// WHERE terms shared by every shape of the query, except status and full text. `param` binds a value.
template <typename Param>
std::string CommonTerms(core::TenantId tenant, const ports::ComplaintQuery& query, const Order& order, bool open,
                        Param& param) {
    std::string where = "c.tenant_id = " + param(tenant.value);
    const std::string sla_state = open ? kEffectiveSlaState : "c.sla_state";
    // The SLA state is a column. A single state is written as a literal, so that the planner can see the query of
    // solved or ended statuses implies the partial index of the states in warning or breached
    // (complaints_closed_sla_due: those queues in due order are an index range). Only the known states are
    // literals; anything else is a bound value.
    if (!query.sla_states.empty()) {
        auto value = [&param](const std::string& state) {
            bool known = core::ValueOf(core::sla::kClockStateNames, state).has_value();
            return known ? "'" + state + "'" : param(state);
        };
        if (query.sla_states.size() == 1) {
            where += " AND " + sla_state + " = " + value(query.sla_states[0]);
        } else {
            where += " AND " + sla_state + " IN (";
            for (std::size_t i = 0; i < query.sla_states.size(); ++i) {
                where += (i ? ", " : "") + value(query.sla_states[i]);
            }
            where += ")";
        }
    }
    if (const auto& scope = query.scope) {
        std::string visible = "0";
        if (scope->team) {
            visible += " OR coalesce(json_extract(c.doc, '$.team'), '') IN (" + param(*scope->team) + ", '')";
        }
        if (scope->department) {
            visible += " OR json_extract(c.doc, '$.department') = " + param(*scope->department);
        }
        if (!scope->user.empty()) visible += " OR c.assignee = " + param(scope->user);
        where += " AND (" + visible + ")";
    }
    // The tenant's number index (complaints_number) finds the one row whatever else is asked.
    if (query.number) where += " AND c.number = " + param(*query.number);
    if (query.category) where += " AND c.category = " + param(*query.category);
    if (query.assignee) where += " AND c.assignee = " + param(*query.assignee);
    if (query.channel) where += " AND c.channel = " + param(std::string(core::complaint::ToString(*query.channel)));
    if (query.received_from) where += " AND c.received_at >= " + param(core::ToMillis(*query.received_from));
    if (query.received_to) where += " AND c.received_at < " + param(core::ToMillis(*query.received_to));
    if (query.triage_queue) {
        // The queue is small and indexed (complaint_triage_queue): its ids drive, not a scan of the tenant.
        where += " AND c.id IN (SELECT complaint_id FROM complaint_triage WHERE tenant_id = " + param(tenant.value) +
                 " AND in_queue = 1)";
    }
    if (query.after) {
        std::string op = order.direction == "DESC" ? "<" : ">";
        if (!query.text.empty()) {
            where += " AND f.rowid " + op + " " + param(query.after->id.value);
        } else {
            where += " AND (" + order.key_column + ", c.id) " + op + " (" + param(query.after->key) + ", " +
                     param(query.after->id.value) + ")";
        }
    }
    return where;
}

}  // namespace

ListSql BuildListSql(core::TenantId tenant, const ports::ComplaintQuery& query) {
    ListSql sql;
    sql.by_id = !query.text.empty();
    auto param = [&sql](auto value) {
        sql.parameters.emplace_back(std::move(value));
        std::string placeholder = "?";  // appended, not `"?" + …`: GCC 12 warns falsely (-Wrestrict) on that form
        placeholder += std::to_string(sql.parameters.size());
        return placeholder;
    };
    const bool open = MayBeOpen(query.statuses);
    const Order order = OrderFor(query, open);
    const std::string limit = std::to_string(query.limit + 1);
    const std::string select = std::string("SELECT ") + kComplaintColumns;

    if (sql.by_id) {
        // The FTS index drives: it walks matches newest first, so the first page costs the same however many match.
        sql.text = select + " FROM complaints_fts f JOIN complaints c ON c.id = f.rowid WHERE f.complaints_fts MATCH " +
                   param(ToFtsQuery(query.text)) + " AND " + CommonTerms(tenant, query, order, open, param);
        if (!query.statuses.empty()) sql.text += " AND " + StatusIn(query.statuses);
        sql.text += " ORDER BY f.rowid DESC LIMIT " + limit;
        return sql;
    }

    auto order_by = [](const Order& o) {
        return " ORDER BY " + o.key_column + " " + o.direction + ", c.id " + o.direction;
    };
    // One person's (or nobody's) complaints in an open or paused status are a work queue: a few hundred at most. By
    // the assignee's index they are read and sorted directly; left to itself, SQLite walks the status's index in
    // the page's order and filters by assignee, which at 1 000 000 complaints reads thousands of other people's.
    // (Solved and ended statuses are not forced: one person can have tens of thousands of them.)
    auto from_for = [&](std::optional<core::workflow::Status> status) {
        bool queue = status && !query.number && query.assignee &&
                     (core::workflow::CategoryOf(*status) == core::workflow::StatusCategory::kOpen ||
                      core::workflow::CategoryOf(*status) == core::workflow::StatusCategory::kPaused);
        return std::string(queue ? " FROM complaints c INDEXED BY complaints_assignee_status WHERE "
                                 : " FROM complaints c WHERE ");
    };
    if (query.statuses.size() <= 1) {
        sql.text = select + from_for(query.statuses.empty() ? std::nullopt : std::optional(query.statuses[0])) +
                   CommonTerms(tenant, query, order, open, param);
        if (query.statuses.size() == 1) {
            sql.text += " AND c.status = " + StatusLiteral(query.statuses[0]);
        }
        sql.text += order_by(order) + " LIMIT " + limit;
        return sql;
    }
    // Several statuses: one ordered index range per status, each cut at the page size, merged. A queue page then
    // reads at most (statuses × page) rows, however many closed complaints sit between the open ones.
    for (std::size_t i = 0; i < query.statuses.size(); ++i) {
        if (i) sql.text += " UNION ALL ";
        const bool branch_open = DueOrder::Holds(query.statuses[i]);
        const Order branch = OrderFor(query, branch_open);
        sql.text += "SELECT * FROM (" + select + from_for(query.statuses[i]) +
                    CommonTerms(tenant, query, branch, branch_open, param) + " AND c.status = " +
                    StatusLiteral(query.statuses[i]) + order_by(branch) + " LIMIT " + limit + ")";
    }
    sql.text += " ORDER BY " + order.result_column + " " + order.direction + ", id " + order.direction + " LIMIT " + limit;
    return sql;
}

ListSql BuildCheckSql(core::TenantId tenant, const ports::ComplaintQuery& query,
                      const std::vector<core::workflow::Status>& statuses, const std::vector<std::int64_t>& ids) {
    ListSql sql;
    auto param = [&sql](auto value) {
        sql.parameters.emplace_back(std::move(value));
        std::string placeholder = "?";
        placeholder += std::to_string(sql.parameters.size());
        return placeholder;
    };
    ports::ComplaintQuery unpaged = query;
    unpaged.after.reset();  // the candidates come after the cursor already
    // The ids as one JSON array: one statement shape whatever their number.
    std::string list = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) list += (i ? "," : "") + std::to_string(ids[i]);
    list += "]";
    // CROSS JOIN keeps the ids outside: each is one lookup by primary key, whatever indexes the other terms could use.
    sql.text = std::string("SELECT ") + kComplaintColumns + " FROM json_each(" + param(std::move(list)) +
               ") AS j CROSS JOIN complaints c ON c.id = j.value WHERE " +
               CommonTerms(tenant, unpaged, OrderFor(unpaged, MayBeOpen(statuses)), MayBeOpen(statuses), param);
    if (!statuses.empty()) sql.text += " AND " + StatusIn(statuses);
    return sql;
}

}  // namespace heed::storage::sqlite
