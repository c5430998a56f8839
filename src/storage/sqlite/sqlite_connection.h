#pragma once
// SqliteConnection: the SQLite implementation of sql::Connection. It owns one sqlite3 handle and
// a cache of prepared statements keyed by SQL text (prepared once, reset and reused), and it
// configures the connection for its role when opened:
//   writer: synchronous=FULL (in WAL mode, COMMIT returns after the WAL is fsynced: durable),
//           a large page cache; EnableWal() switches the file to WAL (readers never block the
//           writer and vice versa) — separate so the owner can look at the file first;
//           SetSyncOnCommit(false) switches to synchronous=NORMAL for an owner that fsyncs the
//           WAL itself (SqliteStore's pipelined group commit, see WalSyncer),
//   reader: query_only (a read closure cannot write by accident),
//   checkpointer: synchronous=FULL, nothing else (WalCheckpointer's own connection),
//   both:   foreign_keys=ON, temp_store=MEMORY, secure_delete=ON (freed content is zeroed, so a
//           destroyed key does not survive in free space), busy_timeout, extended result codes.
// Opening reads the schema once, so a file that is not a database fails here with kCorrupt
// naming the file instead of failing later somewhere else.
//
// Thread-safety: one thread at a time (opened with SQLITE_OPEN_NOMUTEX); the owner serializes.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "storage/sql/driver.h"
#include "storage/sqlite/sqlite_statement.h"

struct sqlite3;
struct sqlite3_stmt;

namespace skerry::storage::sqlite {

enum class ConnectionRole { kWriter, kReader, kCheckpointer };

struct ConnectionOptions {
  ConnectionRole role = ConnectionRole::kWriter;
  std::chrono::milliseconds busy_timeout{5000};
};

class SqliteConnection final : public sql::Connection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::filesystem::path& path,
                                                        const ConnectionOptions& options);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result<std::unique_ptr<sql::Statement>> Prepare(std::string_view sql) override;
  Status Execute(std::string_view sql) override;
  std::int64_t ChangedRows() override;

  Status Begin(sql::TxnMode mode) override;
  Status Commit() override;
  Status Rollback() override;
  bool InTransaction() override;

  Status Savepoint(std::string_view name) override;
  Status ReleaseSavepoint(std::string_view name) override;
  Status RollbackToSavepoint(std::string_view name) override;

  const std::string& Name() const override { return name_; }

  // Puts the database file in WAL mode (persistent). kIo if the file system cannot do WAL.
  Status EnableWal();
  // true: synchronous=FULL, COMMIT returns once durable (the default). false: synchronous=NORMAL,
  // COMMIT returns once the WAL frames are written to the OS (they survive a crash of this
  // process, not of the machine) and the caller must fsync the WAL before calling the
  // transaction durable. SQLite still fsyncs the WAL itself before every checkpoint copies
  // frames into the database file and when a WAL header is rewritten on reuse, so NORMAL never
  // costs consistency, only the durability of the most recent commits.
  Status SetSyncOnCommit(bool sync);

  // Replaces SQLite's automatic checkpoints: `hook` runs on the committing thread after every
  // COMMIT, with the number of frames the WAL now holds (sqlite3_wal_hook). WalCheckpointer.
  using WalHook = int (*)(void* arg, sqlite3* db, const char* schema, int frames);
  void SetWalHook(WalHook hook, void* arg);

  // Returns a statement to the cache (called by SqliteStatement's destructor).
  void Recycle(StatementCache::node_type node);
  Error MakeSqliteError(int rc, std::string_view what,
                        std::source_location where = std::source_location::current());

 private:
  struct Passkey {};

 public:
  SqliteConnection(Passkey, sqlite3* db, std::string name) : db_(db), name_(std::move(name)) {}

 private:
  Status Configure(const ConnectionOptions& options);
  Result<std::string> PragmaText(std::string_view sql);
  enum SavepointVerb { kSavepoint, kRelease, kRollbackTo };
  Status SavepointCommand(SavepointVerb verb, std::string_view name);
  Status RunCached(std::string_view sql);

  sqlite3* db_;
  std::string name_;  // the file path, for error details
  StatementCache cache_;
  // The SQL of the three savepoint commands for the last name used: every closure of a group
  // commit runs two of them, and formatting the text each time cost an allocation apiece.
  std::string savepoint_name_;
  std::string savepoint_sql_[3];
};

}  // namespace skerry::storage::sqlite
