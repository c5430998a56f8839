#pragma once
// Numbered schema migrations (DESIGN §4; rule in docs/formats/schema.md). Each backend keeps an
// ordered table of migrations; ApplyMigrations runs the ones a database lacks, in order, exactly
// once, inside one write transaction, and records each in `schema_migrations`. A crash midway
// leaves the database at its previous version, never half-migrated.

#include <cstdint>
#include <span>
#include <string_view>

#include "base/error.h"
#include "storage/sql/driver.h"

namespace skerry::storage::sql {

struct Migration {
  int version;            // 1, 2, 3, ... with no gaps; never renumbered once released
  std::string_view name;  // short description, stored for operators
  std::string_view sql;   // one or more statements in the backend's dialect
};

struct MigrationResult {
  int applied = 0;         // migrations run by this call
  int schema_version = 0;  // version after the call
};

// REQUIRES: no transaction open on `conn`.
// Fails with kFailedPrecondition when the database is newer than the table (a downgrade), and
// with kInternal when the table itself is not numbered 1..n.
Result<MigrationResult> ApplyMigrations(Connection& conn, std::span<const Migration> migrations,
                                        std::int64_t now_unix);

}  // namespace skerry::storage::sql
