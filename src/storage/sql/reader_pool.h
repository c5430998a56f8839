#pragma once
// ReaderPool: a fixed set of read connections shared by Read() callers. Each Read borrows one
// connection for the length of one read transaction, so readers run in parallel with each other
// and with the writer (SQLite WAL: a reader sees the last commit before its first statement).
//
// Thread-safety: Read/Close may be called from any thread; a caller waits when all connections
// are borrowed.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/sql/driver.h"
#include "storage/sql/txn_runner.h"

namespace skerry::storage::sql {

class ReaderPool {
 public:
  // REQUIRES: at least one connection.
  explicit ReaderPool(std::vector<std::unique_ptr<Connection>> connections);
  ~ReaderPool();  // Close()
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  // Runs `work` in a read transaction. A Read nested inside another Read of the same pool on the
  // same thread could exhaust the pool and wait forever, so it fails with kFailedPrecondition.
  Status Read(const TxnRunner::Work& work);
  // Waits for borrowed connections to come back, then closes them; later Reads get kCancelled.
  void Close();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> owned_;  // guarded by mu_
  std::vector<Connection*> idle_;                   // guarded by mu_
  bool closed_ = false;                             // guarded by mu_
};

}  // namespace skerry::storage::sql
