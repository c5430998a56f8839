#include "storage/sqlite/sqlite_error.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace skerry::storage::sqlite {
namespace {

ErrorCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return ErrorCode::kAlreadyExists;
      }
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return ErrorCode::kFailedPrecondition;
      return ErrorCode::kInvalidArgument;  // NOT NULL, CHECK, type (STRICT tables)
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::kCorrupt;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
      return ErrorCode::kIo;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::kUnavailable;
    case SQLITE_NOMEM:
    case SQLITE_TOOBIG:
      return ErrorCode::kResourceExhausted;
    case SQLITE_INTERRUPT:
      return ErrorCode::kCancelled;
    default:
      return ErrorCode::kInternal;
  }
}

}  // namespace

Error SqliteError(int rc, sqlite3* db, std::string_view file, std::string_view what,
                  std::source_location where) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  auto code = CodeFor(rc);
  std::string detail;
  if (code == ErrorCode::kCorrupt) {
    detail = fmt::format("database file {} is corrupt or not a SQLite database ({}: {})", file,
                         what, message);
  } else {
    detail = fmt::format("database {}: {}: {} (sqlite code {})", file, what, message, rc);
  }
  return Error{code, std::move(detail), where};
}

}  // namespace skerry::storage::sqlite
