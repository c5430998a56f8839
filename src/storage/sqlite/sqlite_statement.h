#pragma once
// SqliteStatement: one borrowed prepared statement of a SqliteConnection. Destroying it resets the
// statement, clears its bindings and hands it back to the connection's cache.

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sql/driver.h"

struct sqlite3_stmt;

namespace skerry::storage::sqlite {

class SqliteConnection;

// Heterogeneous lookup, so a lookup by string_view does not build a key.
struct SqlTextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A connection's idle prepared statements by SQL text (a multimap: one text may be borrowed
// twice at once). A borrowed statement carries its extracted node, key and all, so borrowing and
// returning one allocates and copies nothing — this runs for every statement of every write.
using StatementCache =
    std::unordered_multimap<std::string, sqlite3_stmt*, SqlTextHash, std::equal_to<>>;

class SqliteStatement final : public sql::Statement {
 public:
  // REQUIRES: `conn` outlives the statement; `node` is not empty.
  SqliteStatement(SqliteConnection& conn, StatementCache::node_type node)
      : conn_(conn), node_(std::move(node)), stmt_(node_.mapped()) {}
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
  StatementCache::node_type node_;
  sqlite3_stmt* stmt_;
};

}  // namespace skerry::storage::sqlite
