#pragma once
// GroupCommitWriter: the one writer of a database (DESIGN §4 "batch concurrent commits").
//
// It owns the write connection and a writer thread. Callers queue closures; the writer takes as
// many as are waiting (up to max_batch) and runs them inside ONE write transaction, each in its
// own SAVEPOINT: a closure that fails is rolled back alone while the others commit. One COMMIT,
// and one fsync, covers the whole batch; nobody is told "done" before the data is on disk.
//
// Two ways to get that fsync:
//   - no LogSyncer: COMMIT itself is durable (SQLite synchronous=FULL). Completion callbacks run
//     on the writer thread right after COMMIT returned.
//   - with a LogSyncer (SQLite synchronous=NORMAL): COMMIT only hands the log to the OS, and a
//     sync thread calls LogSyncer::Sync() for the batches committed so far while the writer
//     thread already runs the next batch. Callbacks run on the sync thread after Sync()
//     returned; one Sync() covers every batch committed before it started. If Sync() fails,
//     every batch it covered fails with its error, and so does every later write: after a
//     failed fsync the OS may have dropped pages of earlier batches that a later fsync would not
//     report, so the store cannot vouch for anything any more (until it is reopened, when
//     recovery reads what really reached the disk).
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
#include <optional>
#include <thread>
#include <vector>

#include "storage/sql/driver.h"
#include "storage/sql/log_syncer.h"
#include "storage/sql/txn_runner.h"

namespace skerry::storage::sql {

class GroupCommitWriter {
 public:
  using Work = TxnRunner::Work;
  using DoneFn = TxnRunner::DoneFn;

  struct Stats {
    std::uint64_t commits = 0;       // physical transactions attempted
    std::uint64_t writes = 0;        // closures run
    std::uint64_t work_nanos = 0;    // writer time in BEGIN and the closures
    std::uint64_t commit_nanos = 0;  // writer time in COMMIT (with FULL, this includes the fsync)
    std::uint64_t syncs = 0;         // LogSyncer::Sync() calls (0 without a syncer)
    std::uint64_t sync_nanos = 0;    // sync thread time in Sync()
  };

  // max_batch: closures per physical transaction; 1 disables group commit. `syncer`: see above;
  // null when COMMIT is durable by itself.
  GroupCommitWriter(std::unique_ptr<Connection> conn, std::size_t max_batch,
                    std::unique_ptr<LogSyncer> syncer = nullptr);
  ~GroupCommitWriter();  // Close()
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Queues `work`; `done` runs on a store thread once the outcome is durable. After Close(),
  // `done` runs at once on the caller's thread with kCancelled.
  void Submit(Work work, DoneFn done);
  // Submits and waits. From a store thread (a closure or a `done` callback) it would wait
  // forever, so it fails with kFailedPrecondition there.
  Status Run(Work work);
  // Stops accepting work, runs and syncs everything already queued, completes it, joins the
  // threads and closes the connection. Idempotent. From a store thread it only stops accepting.
  void Close();

  Stats stats() const {
    return {commits_.load(), writes_.load(),  work_nanos_.load(),
            commit_nanos_.load(), syncs_.load(), sync_nanos_.load()};
  }

 private:
  struct Pending {
    Work work;
    DoneFn done;
  };
  // A batch whose transaction ended, waiting for its callbacks.
  struct Finished {
    std::vector<Pending> batch;
    std::vector<Status> results;
    bool needs_sync = false;  // COMMIT returned and at least one closure's work is in it
  };

  void Loop();
  void SyncLoop();
  Finished ExecuteBatch(std::vector<Pending> batch);
  Result<Status> RunInSavepoint(Work& work);
  void HandToSync(Finished finished);
  std::optional<Error> Failure();
  bool OnStoreThread() const;

  std::unique_ptr<Connection> conn_;
  const std::size_t max_batch_;
  std::unique_ptr<LogSyncer> syncer_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;  // guarded by mu_
  bool closing_ = false;       // guarded by mu_

  std::mutex sync_mu_;
  std::condition_variable sync_cv_;   // the sync thread waits for committed batches
  std::condition_variable space_cv_;  // the writer waits for room in unsynced_
  std::vector<Finished> unsynced_;    // guarded by sync_mu_
  bool writer_done_ = false;          // guarded by sync_mu_
  std::optional<Error> failure_;      // guarded by sync_mu_; set once, by a failed Sync()
  std::atomic<bool> failed_{false};   // failure_ is set (read without the lock)

  std::mutex close_mu_;  // serializes Close() callers around join()
  std::atomic<std::uint64_t> commits_{0};
  std::atomic<std::uint64_t> writes_{0};
  std::atomic<std::uint64_t> work_nanos_{0};
  std::atomic<std::uint64_t> commit_nanos_{0};
  std::atomic<std::uint64_t> syncs_{0};
  std::atomic<std::uint64_t> sync_nanos_{0};
  // Set in the constructor, read-only after it: OnStoreThread() must not read the std::thread
  // objects, which Close() modifies when it joins them.
  std::thread::id writer_id_;
  std::thread::id sync_id_;
  // Last: started once every other member exists.
  std::thread thread_;
  std::thread sync_thread_;  // only with a syncer
};

}  // namespace skerry::storage::sql
