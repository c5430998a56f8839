#include "storage/sql/migrator.h"

#include <fmt/format.h>

#include <set>

#include "storage/sql/query.h"

namespace skerry::storage::sql {
namespace {

Status CheckNumbering(std::span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return MakeError(ErrorCode::kInternal,
                       fmt::format("migration table entry {} has version {}, want {}", i,
                                   migrations[i].version, i + 1));
    }
  }
  return Ok();
}

Result<std::set<int>> AppliedVersions(Connection& conn) {
  std::set<int> versions;
  auto q = SKERRY_TRY(Query::Prepare(conn, "SELECT version FROM schema_migrations"));
  while (SKERRY_TRY(q.Step())) versions.insert(static_cast<int>(q.Int(0)));
  return versions;
}

Result<MigrationResult> ApplyInTxn(Connection& conn, std::span<const Migration> migrations,
                                   std::int64_t now_unix) {
  auto applied = SKERRY_TRY(AppliedVersions(conn));
  int newest = migrations.empty() ? 0 : migrations.back().version;
  if (!applied.empty() && *applied.rbegin() > newest) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     fmt::format("database {} has schema version {}, newer than this binary ({})",
                                 conn.Name(), *applied.rbegin(), newest));
  }
  MigrationResult result;
  for (const auto& m : migrations) {
    if (applied.contains(m.version)) continue;
    SKERRY_TRY(conn.Execute(m.sql));
    auto q = SKERRY_TRY(Query::Prepare(
        conn, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
    SKERRY_TRY(q.Bind(m.version, m.name, now_unix).Run());
    ++result.applied;
  }
  result.schema_version = newest;
  return result;
}

}  // namespace

Result<MigrationResult> ApplyMigrations(Connection& conn, std::span<const Migration> migrations,
                                        std::int64_t now_unix) {
  SKERRY_TRY(CheckNumbering(migrations));
  // The bookkeeping table is created outside the numbered set so that version 1 can be recorded.
  SKERRY_TRY(
      conn.Execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                   " version INTEGER NOT NULL PRIMARY KEY,"
                   " name TEXT NOT NULL,"
                   " applied_at BIGINT NOT NULL)"));
  // A write transaction up front: two processes opening the same database serialize here and
  // the second sees the first one's versions.
  SKERRY_TRY(conn.Begin(TxnMode::kWrite));
  auto result = ApplyInTxn(conn, migrations, now_unix);
  if (!result) {
    (void)conn.Rollback();  // the migration error is the one worth reporting
    return result;
  }
  SKERRY_TRY(conn.Commit());
  return result;
}

}  // namespace skerry::storage::sql
