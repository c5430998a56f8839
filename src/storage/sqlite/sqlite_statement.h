#pragma once
// SqliteStatement: one borrowed prepared statement of a SqliteConnection. Destroying it resets the
// statement, clears its bindings and hands it back to the connection's cache.

#include <string>

#include "storage/sql/driver.h"

struct sqlite3_stmt;

namespace skerry::storage::sqlite {

class SqliteConnection;

class SqliteStatement final : public sql::Statement {
 public:
  // REQUIRES: `conn` outlives the statement.
  SqliteStatement(SqliteConnection& conn, std::string sql, sqlite3_stmt* stmt)
      : conn_(conn), sql_(std::move(sql)), stmt_(stmt) {}
  ~SqliteStatement() override;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  Status BindNull(int index) override;
  Status BindInt(int index, std::int64_t value) override;
  Status BindText(int index, std::string_view value) override;
  Status BindBlob(int index, ByteView value) override;

  Result<bool> Step() override;

  bool ColumnIsNull(int column) override;
  std::int64_t ColumnInt(int column) override;
  std::string ColumnText(int column) override;
  Bytes ColumnBlob(int column) override;

 private:
  Status Check(int rc, std::string_view what);

  SqliteConnection& conn_;
  std::string sql_;
  sqlite3_stmt* stmt_;
};

}  // namespace skerry::storage::sqlite
