#pragma once
// Builds the SQL for ComplaintQuery from fixed fragments; every value is a bound parameter, so the statement cache
// holds one prepared statement per filter shape.

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

}  // namespace heed::storage::sqlite
