#pragma once
// GroupCommitWriter: the one writer of a database (DESIGN §4 "batch concurrent commits").
//
// It owns the write connection and one thread. Callers queue closures; the thread takes as many
// as are waiting (up to max_batch) and runs them inside ONE write transaction, each in its own
// SAVEPOINT: a closure that fails is rolled back alone while the others commit. One COMMIT, so
// one fsync, makes the whole batch durable; only then do the completion callbacks run (on this
// thread), so nobody is told "done" before the data is on disk.
//
// If the transaction itself breaks (BEGIN or COMMIT fails, or the engine rolls back on an I/O
// error), every closure of the batch fails with that error and none of them is committed.
//
// Thread-safety: Submit/Run/Close/stats may be called from any thread.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/sql/driver.h"
#include "storage/sql/txn_runner.h"

namespace skerry::storage::sql {

class GroupCommitWriter {
 public:
  using Work = TxnRunner::Work;
  using DoneFn = TxnRunner::DoneFn;

  struct Stats {
    std::uint64_t commits = 0;       // physical transactions attempted (one fsync each)
    std::uint64_t writes = 0;        // closures run
    std::uint64_t work_nanos = 0;    // writer time in BEGIN and the closures
    std::uint64_t commit_nanos = 0;  // writer time in COMMIT (the fsync)
  };

  // max_batch: closures per physical transaction; 1 disables group commit.
  GroupCommitWriter(std::unique_ptr<Connection> conn, std::size_t max_batch);
  ~GroupCommitWriter();  // Close()
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Queues `work`; `done` runs on the writer thread after the commit. After Close(), `done` runs
  // at once on the caller's thread with kCancelled.
  void Submit(Work work, DoneFn done);
  // Submits and waits. From the writer thread itself (a closure or a `done` callback) it would
  // wait forever, so it fails with kFailedPrecondition there.
  Status Run(Work work);
  // Stops accepting work, runs everything already queued, joins the thread and closes the
  // connection. Idempotent.
  void Close();

  Stats stats() const {
    return {commits_.load(), writes_.load(), work_nanos_.load(), commit_nanos_.load()};
  }

 private:
  struct Pending {
    Work work;
    DoneFn done;
  };

  void Loop();
  std::vector<Status> ExecuteBatch(std::vector<Pending>& batch);
  Result<Status> RunInSavepoint(Work& work);

  std::unique_ptr<Connection> conn_;
  const std::size_t max_batch_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;  // guarded by mu_
  bool closing_ = false;       // guarded by mu_

  std::mutex close_mu_;  // serializes Close() callers around join()
  std::atomic<std::uint64_t> commits_{0};
  std::atomic<std::uint64_t> writes_{0};
  std::atomic<std::uint64_t> work_nanos_{0};
  std::atomic<std::uint64_t> commit_nanos_{0};
  std::thread thread_;  // last: started once every other member exists
};

}  // namespace skerry::storage::sql
