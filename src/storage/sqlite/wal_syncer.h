#pragma once
// WalSyncer: makes a SQLite database's WAL durable with fdatasync, for a writer connection that
// runs with synchronous=NORMAL (SqliteConnection::SetSyncOnCommit(false)). GroupCommitWriter
// calls Sync() on its sync thread while the writer thread runs the next batch (DESIGN §4,
// docs/formats/schema.md "Durability contract").
//
// It fsyncs the WAL through a descriptor of its own rather than through SQLite's:
//   - SQLite exposes no descriptor, and calling its file object's xSync from a second thread
//     would race with the writer thread's xWrite on the same unixFile, which is not meant to be
//     shared between threads;
//   - fsync on Linux flushes the file (the inode), whichever descriptor wrote the pages;
//   - Linux reports a writeback error once per open file description that existed when it
//     happened: a checkpoint's fsync inside SQLite that sees (and consumes) an error on SQLite's
//     descriptor does not hide it from this one.
// The descriptor must name the WAL SQLite writes. SQLite deletes the WAL only when the last
// connection closes (that needs the EXCLUSIVE lock, which the open writer connection's SHARED
// lock prevents); checkpoints, TRUNCATE and journal_size_limit keep the inode. Sync() still
// checks that the file is linked, so a WAL removed behind SQLite's back is an error rather than
// an acknowledgement of writes that went to a deleted file.
//
// Thread-safety: Sync() from one thread at a time.

#include <filesystem>
#include <memory>
#include <string>

#include "storage/sql/log_syncer.h"

namespace skerry::storage::sqlite {

class WalSyncer final : public sql::LogSyncer {
 public:
  // Opens "<db_path>-wal". REQUIRES: a connection to the database in WAL mode is open (then the
  // WAL exists), and the caller opens this before writing anything it will ask Sync() about, so
  // that a writeback error of those writes is reported to this descriptor. kIo if it cannot.
  static Result<std::unique_ptr<WalSyncer>> Open(const std::filesystem::path& db_path);
  ~WalSyncer() override;
  WalSyncer(const WalSyncer&) = delete;
  WalSyncer& operator=(const WalSyncer&) = delete;

  Status Sync() override;
  // sync_file_range(SYNC_FILE_RANGE_WRITE) over the whole WAL: queues its dirty pages for
  // writeback and returns. It flushes no disk cache and makes nothing durable; the fdatasync of
  // Sync() still does that. In store_bench it took the fdatasync from 0.83 to 0.69 ms (the
  // pages are on their way while the batch waits for a sync thread): +5-9% commits/s.
  void StartWriteback() override;

 private:
  struct Passkey {};

 public:
  WalSyncer(Passkey, int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

 private:
  int fd_;
  std::string path_;  // for error details
};

}  // namespace skerry::storage::sqlite
