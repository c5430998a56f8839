#pragma once
// LogSyncer: the durability step of a driver whose COMMIT returns before its log is on disk
// (SQLite in WAL mode with synchronous=NORMAL: sqlite::WalSyncer). With one, GroupCommitWriter
// pipelines: its writer thread runs the next batch while sync threads call Sync() for the
// batches already committed, and only then acknowledge them.
//
// Thread-safety: each LogSyncer's Sync() is called from one thread (its sync thread),
// concurrently with COMMITs on the writer thread and with other syncers' Sync() on the same log.

#include "base/error.h"

namespace skerry::storage::sql {

class LogSyncer {
 public:
  virtual ~LogSyncer() = default;

  // Returns once every transaction whose COMMIT returned before this call is durable. An error
  // means their durability is unknown: they are visible now and may or may not survive a power
  // loss, so nobody may be told they committed.
  virtual Status Sync() = 0;

  // A hint, called on the writer thread right after a COMMIT it will want synced: start writing
  // the log to disk without waiting, so that the Sync() covering it, which starts once a sync
  // thread is free, finds less to write. Errors are left for Sync() to report.
  virtual void StartWriteback() {}
};

}  // namespace skerry::storage::sql
