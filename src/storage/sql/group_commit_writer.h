#pragma once
// GroupCommitWriter: the one writer of a database (DESIGN §4 "batch concurrent commits").
//
// It owns the write connection and a writer thread. Callers queue closures; the writer takes as
// many as are waiting (up to max_batch) and runs them inside ONE write transaction. A closure
// that fails is rolled back alone while the others commit: the batch first runs bare, and if a
// closure fails there the transaction is rolled back and the batch runs again with each closure
// in its own SAVEPOINT (so closures must be re-runnable, txn_runner.h). One COMMIT, and one
// fsync, covers the whole batch; nobody is told "done" before the data is on disk.
//
// Two ways to get that fsync:
//   - no LogSyncer: COMMIT itself is durable (SQLite synchronous=FULL). Completion callbacks run
//     on the writer thread right after COMMIT returned.
//   - with LogSyncers (SQLite synchronous=NORMAL): COMMIT only hands the log to the OS, and sync
//     threads — one per syncer — call LogSyncer::Sync() for the batches committed so far while
//     the writer thread already runs the next batch. A sync covers every batch committed before
//     it started, so with two syncers a batch committed while one sync is in flight need not wait
//     for it: the other starts at once, and whichever returns first acknowledges everything it
//     covers. Callbacks run on a sync thread after a covering Sync() returned. If a Sync() fails,
//     every batch it covered and not yet acknowledged fails with its error, and so does every
//     later write: after a failed fsync the OS may have dropped pages of earlier batches that a
//     later fsync would not report, so the store cannot vouch for anything any more (until it
//     is reopened, when recovery reads what really reached the disk).
//
// A blocking Run() sleeps on a futex word shared by the callers whose writes were queued
// between the same two batch takes; a wake thread wakes them after their outcomes are set, so
// the sync thread goes straight back to syncing.
//
// If the transaction itself breaks (BEGIN or COMMIT fails, or the engine rolls back on an I/O
// error), every closure of the batch fails with that error and none of them is committed.
//
// A batch hook (optional) runs in each batch's transaction after its closures, before COMMIT,
// when at least one closure succeeded: upkeep that is cheaper done for many writes at once
// (the folds of the change log's and the folder index's tails, tails.h). Its failure is logged
// and the batch commits without it, so the hook must leave the transaction as it found it when
// it fails; only when it breaks the transaction does the batch fail.
//
// Thread-safety: Submit/Run/Close/stats may be called from any thread.

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
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
  using BatchHook = std::function<Status(Connection&)>;

  // What the writer has done since it started (store_bench prints them). Declared once for the
  // plain snapshot stats() returns and for the atomic counters the threads add to.
  template <typename Counter>
  struct Counters {
    Counter commits{};       // batches run (each one transaction, two if rerun)
    Counter writes{};        // closures run
    Counter work_nanos{};    // writer time in BEGIN and the closures
    Counter commit_nanos{};  // writer time in COMMIT (with FULL, this includes the fsync)
    Counter syncs{};         // LogSyncer::Sync() calls (0 without a syncer)
    Counter sync_nanos{};    // sync thread time in Sync()
    Counter handoff_nanos{};    // writer time waiting for the sync thread to take a batch
    Counter complete_nanos{};   // sync thread time delivering outcomes after a Sync()
    Counter reruns{};           // batches run again, a savepoint per closure, after one failed
    Counter queue_nanos{};      // closures' time queued before their batch was taken
    Counter sync_wait_nanos{};  // batches' time handed over before a sync claimed them
    Counter wake_nanos{};       // blocking callers' time from their outcome set to running
    Counter hook_nanos{};       // writer time in the batch hook
    Counter hook_failures{};    // batch hook calls that failed (the batch committed without it)
  };
  using Stats = Counters<std::uint64_t>;

  // max_batch: closures per physical transaction; 1 disables group commit. `syncers`: see above;
  // none when COMMIT is durable by itself. `hook`: see above.
  GroupCommitWriter(std::unique_ptr<Connection> conn, std::size_t max_batch,
                    std::vector<std::unique_ptr<LogSyncer>> syncers = {}, BatchHook hook = {});
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

  Stats stats() const;

 private:
  // A blocking Run()'s outcome, on the caller's stack. The store thread writes `status`, then
  // sets `done` and never touches the Waiter again (the caller may return at once); it wakes the
  // caller through wake_words_[slot], which the writer owns and outlives every caller.
  struct Waiter {
    Status status = Ok();
    std::chrono::steady_clock::time_point delivered;
    std::atomic<bool> done{false};
    std::uint32_t slot = 0;
  };
  struct Pending {
    Work work;
    DoneFn done;               // Submit()
    Waiter* waiter = nullptr;  // Run()
    std::chrono::steady_clock::time_point queued;
  };
  // Which wake words a delivery touched (bit i: wake_words_[i]).
  using WakeSet = std::uint32_t;
  // Callers that queued between two batch takes sleep on the same word, so one system call wakes
  // a batch's callers (a condition variable per caller cost a mutex hand-off and a wake call each:
  // 10 µs of the sync thread per write). Eight words: a word is reused only by the batch taken
  // eight takes later, whose callers a wake merely makes re-check.
  static constexpr std::size_t kWakeWords = 8;
  // A batch whose transaction ended, waiting for its callbacks.
  struct Finished {
    std::vector<Pending> batch;
    std::vector<Status> results;
    bool needs_sync = false;  // COMMIT returned and at least one closure's work is in it
    std::uint64_t seq = 0;    // handed to the sync threads as the seq-th batch
    std::chrono::steady_clock::time_point handed;
  };

  void Loop();
  void SyncLoop(LogSyncer& syncer);
  enum class Isolation { kBare, kSavepointEach };
  enum class Pass { kDone, kRerun };  // kRerun: a closure failed in a bare pass
  Finished ExecuteBatch(std::vector<Pending> batch);
  Pass RunBatch(Finished& out, Isolation isolation);
  Result<Status> RunClosure(Work& work, Isolation isolation);
  Status RunHook();
  void HandToSync(Finished finished);
  void Deliver(Pending& pending, Status status, WakeSet& woken);
  void Wake(WakeSet woken);
  void WakeLoop();
  void NudgeWakeThread();
  std::optional<Error> Failure();
  bool OnStoreThread() const;

  std::unique_ptr<Connection> conn_;
  const std::size_t max_batch_;
  std::vector<std::unique_ptr<LogSyncer>> syncers_;
  BatchHook hook_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;  // guarded by mu_
  bool closing_ = false;       // guarded by mu_
  std::uint32_t takes_ = 0;    // guarded by mu_; batches taken from queue_ so far
  std::array<std::atomic<std::uint32_t>, kWakeWords> wake_words_{};
  // The sync thread leaves the wake calls of a delivery to the wake thread and starts the next
  // fsync at once: waking a batch's callers takes ~0.2 ms of system time on this kind of VM.
  std::atomic<WakeSet> to_wake_{0};
  std::atomic<std::uint32_t> wake_requests_{0};  // bumped per request; the wake thread sleeps on it
  std::atomic<bool> wake_stop_{false};

  std::mutex sync_mu_;
  std::condition_variable sync_cv_;   // the sync thread waits for committed batches
  std::condition_variable space_cv_;  // the writer waits for room in unsynced_
  std::deque<Finished> unsynced_;     // guarded by sync_mu_; handed over, not yet acknowledged
  std::uint64_t handed_ = 0;          // guarded by sync_mu_; batches handed over so far
  std::uint64_t claimed_ = 0;         // guarded by sync_mu_; batches covered by a started sync
  bool writer_done_ = false;          // guarded by sync_mu_
  std::optional<Error> failure_;      // guarded by sync_mu_; set once, by a failed Sync()
  std::atomic<bool> failed_{false};   // failure_ is set (read without the lock)

  std::mutex close_mu_;  // serializes Close() callers around join()
  Counters<std::atomic<std::uint64_t>> counters_;
  // Set in the constructor, read-only after it: OnStoreThread() must not read the std::thread
  // objects, which Close() modifies when it joins them.
  std::thread::id writer_id_;
  std::vector<std::thread::id> sync_ids_;
  // Last: started once every other member exists.
  std::thread thread_;
  std::vector<std::thread> sync_threads_;  // one per syncer
  std::thread wake_thread_;                // only with syncers
};

}  // namespace skerry::storage::sql
