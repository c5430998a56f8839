#pragma once
// The SQLite schema, as numbered migrations (rule: docs/formats/schema.md). Append a new entry to
// change the schema; never edit or renumber a released one.

#include <span>

#include "storage/sql/migrator.h"

namespace skerry::storage::sqlite {

std::span<const sql::Migration> SqliteMigrations();

}  // namespace skerry::storage::sqlite
