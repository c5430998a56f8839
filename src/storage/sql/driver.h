#pragma once
// The SQL driver interface (DESIGN §4): the little that SqlMetadataStore and SqlQueueStore need
// from a database, so that they are written once and run on SQLite today and PostgreSQL later.
//
// SQL handed to a driver is portable: plain types, `?` positional placeholders (a driver may
// rewrite them, e.g. to $1 for PostgreSQL), INSERT ... ON CONFLICT ... DO UPDATE, UPDATE ...
// RETURNING. Anything engine-specific (pragmas, BEGIN IMMEDIATE, DDL types) stays inside the
// driver or its migrations.
//
// Errors are mapped by the driver onto the shared codes so the store code never sees engine
// codes: unique/primary-key violation → kAlreadyExists, other constraint → kFailedPrecondition or
// kInvalidArgument, corrupt/not-a-database → kCorrupt (detail names the file), I/O and disk full →
// kIo, lock contention → kUnavailable.
//
// Thread-safety: a Connection and its Statements are used by one thread at a time; the owner
// (GroupCommitWriter, ReaderPool) guarantees that.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"

namespace skerry::storage::sql {

// A prepared statement. Parameters are numbered from 1, result columns from 0 (both engines'
// native conventions). Dropping the statement resets it; a driver may recycle it (cache).
class Statement {
 public:
  virtual ~Statement() = default;

  virtual Status BindNull(int index) = 0;
  virtual Status BindInt(int index, std::int64_t value) = 0;
  virtual Status BindText(int index, std::string_view value) = 0;
  // An empty view binds an empty (non-NULL) blob.
  virtual Status BindBlob(int index, ByteView value) = 0;

  // Runs the statement to its next row: true when a row is available, false when done.
  virtual Result<bool> Step() = 0;

  // Column accessors; valid only after Step() returned true.
  virtual bool ColumnIsNull(int column) = 0;
  virtual std::int64_t ColumnInt(int column) = 0;
  virtual std::string ColumnText(int column) = 0;
  virtual Bytes ColumnBlob(int column) = 0;
};

enum class TxnMode {
  kRead,   // a consistent snapshot for reads
  kWrite,  // takes the write lock up front (SQLite: BEGIN IMMEDIATE) so commits never deadlock
};

class Connection {
 public:
  virtual ~Connection() = default;

  // REQUIRES: the connection outlives the statement.
  virtual Result<std::unique_ptr<Statement>> Prepare(std::string_view sql) = 0;
  // Runs one or more statements that return no rows (DDL in migrations, pragmas).
  virtual Status Execute(std::string_view sql) = 0;
  // Rows inserted, updated or deleted by the most recently completed statement.
  virtual std::int64_t ChangedRows() = 0;

  virtual Status Begin(TxnMode mode) = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // False once the engine has rolled a transaction back on its own (SQLite does so on disk full
  // or I/O errors); the group-commit writer checks it after each closure.
  virtual bool InTransaction() = 0;

  // Nested savepoints, so one closure of a group commit can roll back alone.
  virtual Status Savepoint(std::string_view name) = 0;
  virtual Status ReleaseSavepoint(std::string_view name) = 0;
  virtual Status RollbackToSavepoint(std::string_view name) = 0;

  // The database's name for error details and logs (the SQLite file path, the PG database).
  virtual const std::string& Name() const = 0;
};

}  // namespace skerry::storage::sql
