#include "storage/sqlite/list_query.hpp"

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

ListSql BuildListSql(core::TenantId tenant, const ports::ComplaintQuery& query) {
    ListSql sql;
    sql.by_id = !query.text.empty();
    auto param = [&sql](auto value) {
        sql.parameters.emplace_back(std::move(value));
        return "?" + std::to_string(sql.parameters.size());
    };
    std::string where;
    if (sql.by_id) {
        sql.text = std::string("SELECT ") + kComplaintColumns +
                   " FROM complaints_fts f JOIN complaints c ON c.id = f.rowid WHERE f.complaints_fts MATCH " +
                   param(ToFtsQuery(query.text));
        where = " AND c.tenant_id = " + param(tenant.value);
    } else {
        sql.text = std::string("SELECT ") + kComplaintColumns + " FROM complaints c";
        where = " WHERE c.tenant_id = " + param(tenant.value);
    }
    if (!query.statuses.empty()) {
        where += " AND c.status IN (";
        bool open_only = true;
        for (std::size_t i = 0; i < query.statuses.size(); ++i) {
            if (i) where += ", ";
            where += param(std::string(core::workflow::ToString(query.statuses[i])));
            open_only = open_only && core::workflow::CategoryOf(query.statuses[i]) !=
                                         core::workflow::StatusCategory::kEnded;
        }
        where += ")";
        // Repeats the partial index's own condition word for word, so the planner may use complaints_open_due.
        if (open_only) where += " AND status NOT IN ('closed', 'merged', 'rejected')";
    }
    if (query.category) where += " AND c.category = " + param(*query.category);
    if (query.assignee) where += " AND c.assignee = " + param(*query.assignee);
    if (query.channel) where += " AND c.channel = " + param(std::string(core::complaint::ToString(*query.channel)));
    if (query.received_from) where += " AND c.received_at >= " + param(core::ToMillis(*query.received_from));
    if (query.received_to) where += " AND c.received_at < " + param(core::ToMillis(*query.received_to));

    std::string key_column;
    std::string direction;
    if (sql.by_id) {
        key_column = "c.id";
        direction = "DESC";
    } else if (query.sort == ports::SortOrder::kDueAsc) {
        key_column = "c.due_key";
        direction = "ASC";
    } else {
        key_column = "c.received_at";
        direction = query.sort == ports::SortOrder::kReceivedAsc ? "ASC" : "DESC";
    }
    if (query.after) {
        std::string op = direction == "DESC" ? "<" : ">";
        if (sql.by_id) {
            where += " AND f.rowid " + op + " " + param(query.after->id.value);
        } else {
            where += " AND (" + key_column + ", c.id) " + op + " (" + param(query.after->key) + ", " +
                     param(query.after->id.value) + ")";
        }
    }
    sql.text += where;
    if (sql.by_id) {
        sql.text += " ORDER BY f.rowid DESC";
    } else {
        sql.text += " ORDER BY " + key_column + " " + direction + ", c.id " + direction;
    }
    sql.text += " LIMIT " + param(static_cast<std::int64_t>(query.limit) + 1);
    return sql;
}

}  // namespace heed::storage::sqlite
