#pragma once
// Maps SQLite result codes onto the shared error codes (contract in sql/driver.h). The detail
// always names the database file: an operator reading "kCorrupt" must know which file to restore.

#include <string_view>

#include "base/error.h"

struct sqlite3;

namespace skerry::storage::sqlite {

// `rc` is an (extended) SQLite result code; `db` may be null (then sqlite3_errstr is used).
Error SqliteError(int rc, sqlite3* db, std::string_view file, std::string_view what,
                  std::source_location where = std::source_location::current());

}  // namespace skerry::storage::sqlite
