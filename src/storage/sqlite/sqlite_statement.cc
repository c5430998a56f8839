#include "storage/sqlite/sqlite_statement.h"

#include <sqlite3.h>

#include "storage/sqlite/sqlite_connection.h"

namespace skerry::storage::sqlite {

SqliteStatement::~SqliteStatement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  conn_.Recycle(std::move(node_));
}

Status SqliteStatement::Check(int rc, std::string_view what) {
  if (rc == SQLITE_OK) return Ok();
  return tl::unexpected(conn_.MakeSqliteError(rc, what));
}

Status SqliteStatement::BindNull(int index) {
  return Check(sqlite3_bind_null(stmt_, index), "bind");
}

Status SqliteStatement::BindInt(int index, std::int64_t value) {
  return Check(sqlite3_bind_int64(stmt_, index, value), "bind");
}

Status SqliteStatement::BindText(int index, std::string_view value) {
  // A non-null pointer even for "": sqlite3_bind_text(NULL) would bind SQL NULL.
  return Check(sqlite3_bind_text64(stmt_, index, value.empty() ? "" : value.data(), value.size(),
                                   SQLITE_TRANSIENT, SQLITE_UTF8),
               "bind");
}

Status SqliteStatement::BindBlob(int index, ByteView value) {
  // sqlite3_bind_blob with a null pointer binds NULL; an empty vector's data() may be null.
  if (value.empty()) return Check(sqlite3_bind_zeroblob(stmt_, index, 0), "bind");
  return Check(sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT),
               "bind");
}

Result<bool> SqliteStatement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return tl::unexpected(conn_.MakeSqliteError(rc, "step"));
}

bool SqliteStatement::ColumnIsNull(int column) {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::ColumnInt(int column) { return sqlite3_column_int64(stmt_, column); }

std::string SqliteStatement::ColumnText(int column) {
  const auto* p = sqlite3_column_text(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);  // after _text, per the SQLite docs
  if (p == nullptr || n <= 0) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

Bytes SqliteStatement::ColumnBlob(int column) {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  int n = sqlite3_column_bytes(stmt_, column);
  if (p == nullptr || n <= 0) return {};
  return Bytes(p, p + n);
}

}  // namespace skerry::storage::sqlite
