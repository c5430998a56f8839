#pragma once
// The SQLite schema, as numbered migrations (rule: docs/formats/schema.md). Append a new entry to
// change the schema; never edit or renumber a released one.

#include <cstdint>
#include <span>

#include "storage/sql/migrator.h"

namespace skerry::storage::sqlite {

std::span<const sql::Migration> SqliteMigrations();

// The SQLite header's application_id of a Skerry store, set by migration 3.
inline constexpr std::int64_t kSkerryApplicationId = 0x536b7279;  // "Skry"

}  // namespace skerry::storage::sqlite
