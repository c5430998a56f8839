#include "storage/sql/counters.h"

#include <fmt/format.h>

#include "storage/sql/query.h"

namespace skerry::storage::sql {

Result<std::uint64_t> TakeNextValue(Connection& conn, std::string_view name) {
  // UPDATE then SELECT rather than UPDATE ... RETURNING: SQLite runs a RETURNING statement in a
  // statement journal, a copy of each page it touches. The row lock the UPDATE takes keeps the
  // pair atomic on an engine with concurrent writers.
  auto bump =
      SKERRY_TRY(Query::Prepare(conn, "UPDATE counters SET value = value + 1 WHERE name = ?"));
  if (SKERRY_TRY(bump.Bind(name).Run()) != 1) {
    return MakeError(ErrorCode::kCorrupt, fmt::format("counter {} is missing", name));
  }
  auto q = SKERRY_TRY(Query::Prepare(conn, "SELECT value FROM counters WHERE name = ?"));
  SKERRY_TRY(q.Bind(name).StepExpectRow(fmt::format("counter {}", name)));
  auto value = q.U64(0);
  SKERRY_TRY(q.CheckDecoded());
  return value;
}

}  // namespace skerry::storage::sql
