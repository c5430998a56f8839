#pragma once
// SqliteStore: the embedded store (DESIGN §4) — one SQLite database file in WAL mode serving the
// MetadataStore and the QueueStore, composed from the SQL code written once (sql/) and the
// SQLite driver.
//
// Threads and connections: one writer thread owns the write connection and runs every write
// closure of both stores with group commit (sql::GroupCommitWriter: waiting closures share one
// BEGIN IMMEDIATE ... COMMIT, a failed closure rolled back alone, one fsync per batch). With max_batch > 1
// the fsync is pipelined: COMMIT runs with synchronous=NORMAL and a sync thread fsyncs the WAL
// (WalSyncer) while the writer runs the next batch; Write() returns and SubmitWrite callbacks run
// on that sync thread only after the fsync covering the batch returned. With max_batch = 1 every
// COMMIT fsyncs by itself (synchronous=FULL) and callbacks run on the writer thread. `readers`
// read connections serve Read() and Depth() in parallel; they see a commit as soon as its COMMIT
// returned, which with the pipeline is up to one fsync before its writer is told (see
// docs/formats/schema.md "Durability contract" for why that is safe). A WalCheckpointer copies
// the WAL into the database file on its own thread instead of inside the writer's COMMITs.
//
// Ownership: the SqliteStore owns everything; the MetadataStore& and QueueStore& it hands out
// live as long as it does. Close() (or destruction) drains queued writes, then closes.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>

#include "base/error.h"
#include "storage/metadata_store.h"
#include "storage/queue_store.h"
#include "storage/sql/group_commit_writer.h"
#include "storage/sql/reader_pool.h"
#include "storage/sql/sql_metadata_store.h"
#include "storage/sql/sql_queue_store.h"
#include "storage/sql/txn_runner.h"
#include "storage/sqlite/wal_checkpointer.h"

namespace skerry::storage::sqlite {

struct SqliteStoreOptions {
  // Write closures per physical commit. 1 turns group commit off (one fsync per write, inside
  // COMMIT, no pipelining).
  std::size_t max_batch = 256;
  // Read connections; Read() callers beyond this wait for one to come back.
  std::size_t readers = 4;
  // How long a statement waits for a lock held by another process before kUnavailable.
  std::chrono::milliseconds busy_timeout{5000};
  // When the WAL is copied into the database file (wal_checkpointer.h).
  CheckpointOptions checkpoints;
  // Rows in a tail (the change log's, the folder index's) that make the writer fold it into its
  // ordered table (tails.h), checked once per batch. Readers of a mailbox's changes or a
  // folder's items scan the whole tail, so it stays small; folds of more rows write fewer pages
  // per append (bench/README.md).
  std::size_t change_tail_rows = 2048;
};

class SqliteStore final : private sql::TxnRunner {
 public:
  // Creates the file if missing, enables WAL, applies pending migrations. Fails with kCorrupt
  // naming the file when it is not a SQLite database or is damaged, kIo when it cannot be opened,
  // kFailedPrecondition when it is another application's database or its schema is newer than
  // this binary, kInvalidArgument for options out of range.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::filesystem::path& path,
                                                   const SqliteStoreOptions& options = {});
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  MetadataStore& metadata() { return metadata_; }
  QueueStore& queue() { return queue_; }

  // Runs every write already submitted, then closes the connections. Later calls fail with
  // kCancelled. Idempotent. REQUIRES: not called from a completion callback.
  void Close();

  // Copies every committed WAL frame into the database file and truncates the WAL to zero bytes
  // (PRAGMA wal_checkpoint(TRUNCATE)). Crypto-shredding needs it: secure_delete zeroes a destroyed
  // key in the page, but older images of that page stay in the WAL file until it is truncated
  // (closing the store deletes the WAL too). Runs on the checkpointer's connection, after any
  // checkpoint in progress, and waits up to busy_timeout for readers on older snapshots and for
  // the writer's current batch; kUnavailable if they did not finish in time, kCancelled after
  // Close().
  // Costs one copy of the WAL plus an fsync of both files: for rare events (a mailbox or an
  // organization destroyed), not for every write.
  Status Checkpoint();

  // Physical commits and closures so far (tests and the bench check batching with these).
  sql::GroupCommitWriter::Stats stats() const { return writer_->stats(); }
  WalCheckpointer::Stats checkpoint_stats() const { return checkpointer_->stats(); }
  const std::filesystem::path& path() const { return path_; }
  int schema_version() const { return schema_version_; }

 private:
  struct Passkey {};

 public:
  SqliteStore(Passkey, std::filesystem::path path, int schema_version,
              std::unique_ptr<WalCheckpointer> checkpointer,
              std::unique_ptr<sql::GroupCommitWriter> writer,
              std::unique_ptr<sql::ReaderPool> readers);

 private:
  // sql::TxnRunner, used by metadata_ and queue_.
  Status Write(Work work) override;
  void SubmitWrite(Work work, DoneFn done) override;
  Status Read(Work work) override;

  std::filesystem::path path_;
  int schema_version_;
  std::atomic<bool> closed_{false};
  std::unique_ptr<WalCheckpointer> checkpointer_;  // outlives writer_, whose COMMITs call it
  std::unique_ptr<sql::GroupCommitWriter> writer_;
  std::unique_ptr<sql::ReaderPool> readers_;
  sql::SqlMetadataStore metadata_;
  sql::SqlQueueStore queue_;
};

}  // namespace skerry::storage::sqlite
