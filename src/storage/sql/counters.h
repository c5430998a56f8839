#pragma once
// Named counters (the `counters` table): sequence numbers handed out in commit order, such as
// audit_log.seq and queue_entries.seq. A table rather than SQLite's AUTOINCREMENT or PostgreSQL's
// sequences, so the SQL stays the same on both and a rolled-back transaction takes no number.

#include <cstdint>
#include <string_view>

#include "base/error.h"
#include "storage/sql/driver.h"

namespace skerry::storage::sql {

// Advances counter `name` inside the caller's write transaction and returns its new value.
Result<std::uint64_t> TakeNextValue(Connection& conn, std::string_view name);

}  // namespace skerry::storage::sql
