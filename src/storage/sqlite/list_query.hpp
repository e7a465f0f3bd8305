#pragma once
// Builds the SQL for ComplaintQuery from fixed fragments; every value is a bound parameter (statuses and known SLA
// states are written as literals, for the partial indexes), so the statement cache holds one prepared statement per
// filter shape.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/ports/complaint_store.hpp"
#include "storage/sqlite/connection.hpp"

namespace heed::storage::sqlite {

struct ListSql {
    std::string text;
    std::vector<std::variant<std::int64_t, std::string>> parameters;
    bool by_id = false;  // full-text queries page by id, newest first

    void BindTo(Statement& statement) const;
};

// Turns free text into an FTS5 query: each whitespace-separated term becomes a quoted string (so operators and
// punctuation in user input are plain text) and all terms must match.
std::string ToFtsQuery(std::string_view text);

// Selects query.limit + 1 rows so the caller can tell whether another page follows.
ListSql BuildListSql(core::TenantId tenant, const core::ports::ComplaintQuery& query);

// The rows among `ids` that match every filter of `query` (its cursor aside) and have one of `statuses` (empty: any),
// in no particular order: the check of candidates taken from the in-memory due order (due_order.hpp).
ListSql BuildCheckSql(core::TenantId tenant, const core::ports::ComplaintQuery& query,
                      const std::vector<core::workflow::Status>& statuses, const std::vector<std::int64_t>& ids);

}  // namespace heed::storage::sqlite
