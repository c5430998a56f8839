#include "storage/sql/group_commit_writer.h"

#include <fmt/format.h>
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <exception>

#include "base/clock.h"
#include "base/futex.h"
#include "base/log.h"
#include "base/log_events.h"

namespace skerry::storage::sql {
namespace {

constexpr std::string_view kSavepoint = "skerry_write";

// Batches committed but not yet taken by the sync thread, beyond which the writer waits for it.
// Each Sync() covers every batch waiting, so running further ahead buys no fewer fsyncs; it only
// cuts the work into smaller batches (a batch's shared pages — mailbox and folder rows, B-tree
// interior pages — are written once per batch, so small batches write more WAL per commit) and
// lets more visible-but-not-yet-durable data pile up when the disk stalls. Two: the writer can
// commit one batch while another waits for the fsync in flight to end.
constexpr std::size_t kMaxUnsyncedBatches = 2;

using Steady = std::chrono::steady_clock;

// Closures are caller code; an escaping exception must not take the writer thread down.
Status Invoke(TxnRunner::Work& work, Connection& conn) {
  try {
    return work(conn);
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, fmt::format("write closure threw: {}", e.what()));
  } catch (...) {
    return MakeError(ErrorCode::kInternal, "write closure threw");
  }
}

void Complete(TxnRunner::DoneFn& done, Status status) {
  if (!done) return;
  try {
    done(std::move(status));
  } catch (...) {
    Log(LogLevel::kError, ev::kStoreError, {{"what", "write completion callback threw"}});
  }
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> conn, std::size_t max_batch,
                                     std::vector<std::unique_ptr<LogSyncer>> syncers,
                                     BatchHook hook)
    : conn_(std::move(conn)),
      max_batch_(max_batch == 0 ? 1 : max_batch),
      syncers_(std::move(syncers)),
      hook_(std::move(hook)) {
  std::erase(syncers_, nullptr);
  // Named for top -H and perf: the threads every write passes through.
  thread_ = std::thread([this] {
    ::pthread_setname_np(::pthread_self(), "store-writer");
    Loop();
  });
  writer_id_ = thread_.get_id();
  if (!syncers_.empty()) {
    for (auto& syncer : syncers_) {
      sync_threads_.emplace_back([this, s = syncer.get()] {
        ::pthread_setname_np(::pthread_self(), "store-sync");
        SyncLoop(*s);
      });
      sync_ids_.push_back(sync_threads_.back().get_id());
    }
    wake_thread_ = std::thread([this] {
      ::pthread_setname_np(::pthread_self(), "store-wake");
      WakeLoop();
    });
  }
}

GroupCommitWriter::~GroupCommitWriter() { Close(); }

bool GroupCommitWriter::OnStoreThread() const {
  auto self = std::this_thread::get_id();
  return self == writer_id_ || std::find(sync_ids_.begin(), sync_ids_.end(), self) != sync_ids_.end();
}

void GroupCommitWriter::Submit(Work work, DoneFn done) {
  {
    std::lock_guard lock(mu_);
    if (!closing_) {
      queue_.push_back({std::move(work), std::move(done), nullptr, Steady::now()});
      cv_.notify_one();
      return;
    }
  }
  Complete(done, MakeError(ErrorCode::kCancelled, "store is closed"));
}

Status GroupCommitWriter::Run(Work work) {
  if (OnStoreThread()) {
    return MakeError(
        ErrorCode::kFailedPrecondition,
        "blocking write from one of the store's threads would deadlock; use SubmitWrite");
  }
  Waiter waiter;
  {
    std::lock_guard lock(mu_);
    if (closing_) return MakeError(ErrorCode::kCancelled, "store is closed");
    waiter.slot = takes_ % kWakeWords;
    queue_.push_back({std::move(work), nullptr, &waiter, Steady::now()});
    cv_.notify_one();
  }
  auto& word = wake_words_[waiter.slot];
  for (;;) {
    // Read the word before `done`: a delivery sets `done` before it bumps the word, so either
    // `done` is seen here or the word has moved on from `seen` and the wait returns at once.
    std::uint32_t seen = word.load();
    if (waiter.done.load()) break;
    FutexWait(word, seen);
  }
  counters_.wake_nanos.fetch_add(Nanos(Steady::now() - waiter.delivered));
  return std::move(waiter.status);
}

void GroupCommitWriter::Deliver(Pending& pending, Status status, WakeSet& woken) {
  if (pending.waiter == nullptr) {
    Complete(pending.done, std::move(status));
    return;
  }
  Waiter& waiter = *pending.waiter;
  pending.waiter = nullptr;
  woken |= WakeSet{1} << waiter.slot;
  waiter.status = std::move(status);
  waiter.delivered = Steady::now();
  waiter.done.store(true);  // the last touch: the caller may return and free it now
}

void GroupCommitWriter::WakeLoop() {
  for (;;) {
    std::uint32_t seen = wake_requests_.load();
    if (WakeSet woken = to_wake_.exchange(0); woken != 0) {
      Wake(woken);
      continue;
    }
    // The sync thread ends (and delivers everything) before Close() sets wake_stop_.
    if (wake_stop_.load()) return;
    FutexWait(wake_requests_, seen);
  }
}

// Makes the wake thread look at to_wake_ and wake_stop_ again.
void GroupCommitWriter::NudgeWakeThread() {
  wake_requests_.fetch_add(1);
  FutexWakeAll(wake_requests_);
}

GroupCommitWriter::Stats GroupCommitWriter::stats() const {
  const auto& c = counters_;
  return {c.commits.load(),       c.writes.load(),          c.work_nanos.load(),
          c.commit_nanos.load(),  c.syncs.load(),           c.sync_nanos.load(),
          c.handoff_nanos.load(), c.complete_nanos.load(),  c.reruns.load(),
          c.queue_nanos.load(),   c.sync_wait_nanos.load(), c.wake_nanos.load(),
          c.hook_nanos.load(),    c.hook_failures.load()};
}

void GroupCommitWriter::Wake(WakeSet woken) {
  for (std::size_t i = 0; i < kWakeWords; ++i) {
    if ((woken & (WakeSet{1} << i)) == 0) continue;
    wake_words_[i].fetch_add(1);
    FutexWakeAll(wake_words_[i]);
  }
}

void GroupCommitWriter::Close() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  cv_.notify_one();
  // From a store thread, joining would wait for itself (or for the other thread, which may be
  // waiting for this one); the owner's later Close() joins. Before close_mu_: the owner's
  // Close() holds it while it joins this very thread.
  if (OnStoreThread()) return;
  std::lock_guard close_lock(close_mu_);
  if (thread_.joinable()) thread_.join();
  for (auto& t : sync_threads_) {
    if (t.joinable()) t.join();
  }
  if (wake_thread_.joinable()) {
    wake_stop_.store(true);
    NudgeWakeThread();
    wake_thread_.join();
  }
  conn_.reset();  // the threads are gone; nothing else touches the connection
}

std::optional<Error> GroupCommitWriter::Failure() {
  if (!failed_.load(std::memory_order_acquire)) return std::nullopt;
  std::lock_guard lock(sync_mu_);
  return failure_;
}

void GroupCommitWriter::Loop() {
  for (;;) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) break;  // closing, and everything queued has run
      std::size_t n = std::min(max_batch_, queue_.size());
      batch.reserve(n);
      auto taken = Steady::now();
      std::uint64_t queued = 0;
      for (std::size_t i = 0; i < n; ++i) {
        queued += Nanos(taken - queue_.front().queued);
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      counters_.queue_nanos.fetch_add(queued);
      ++takes_;  // callers queuing from now on sleep on the next wake word
    }
    Finished finished;
    if (auto failure = Failure()) {
      // A sync failed earlier: running this batch could only produce more writes nobody can be
      // told are durable.
      finished.results.assign(batch.size(), tl::unexpected(*failure));
      finished.batch = std::move(batch);
    } else {
      finished = ExecuteBatch(std::move(batch));
      counters_.commits.fetch_add(1);
      counters_.writes.fetch_add(finished.batch.size());
    }
    if (syncers_.empty()) {
      // COMMIT returned and was durable (or failed): every "done" reports a durable outcome.
      WakeSet woken = 0;
      for (std::size_t i = 0; i < finished.batch.size(); ++i) {
        Deliver(finished.batch[i], std::move(finished.results[i]), woken);
      }
      Wake(woken);
      continue;
    }
    HandToSync(std::move(finished));
  }
  if (!syncers_.empty()) {
    std::lock_guard lock(sync_mu_);
    writer_done_ = true;
  }
  sync_cv_.notify_all();
}

void GroupCommitWriter::HandToSync(Finished finished) {
  if (finished.needs_sync) syncers_.front()->StartWriteback();  // any syncer: one file
  auto started = Steady::now();
  std::unique_lock lock(sync_mu_);
  space_cv_.wait(lock, [&] { return handed_ - claimed_ < kMaxUnsyncedBatches; });
  counters_.handoff_nanos.fetch_add(Nanos(Steady::now() - started));
  finished.seq = ++handed_;
  finished.handed = Steady::now();
  unsynced_.push_back(std::move(finished));
  sync_cv_.notify_one();
}

// One per syncer. A sync claims every batch handed over so far and not yet claimed, syncs, then
// acknowledges every batch up to its claim that is still waiting: with two syncs in flight, the
// later one may return first, and since it started after all of the earlier one's batches were
// committed, it covers them too.
void GroupCommitWriter::SyncLoop(LogSyncer& syncer) {
  std::vector<Finished> covered;
  for (;;) {
    std::uint64_t claim = 0;
    bool needs_sync = false;
    {
      std::unique_lock lock(sync_mu_);
      sync_cv_.wait(lock, [&] { return writer_done_ || handed_ > claimed_; });
      if (handed_ == claimed_) return;  // the writer has exited and every batch is claimed
      auto claiming = Steady::now();
      std::uint64_t waited = 0;
      // Every batch still here, also those the other sync claimed and has not acknowledged yet:
      // this sync acknowledges them all below, so it must sync if any of them needs it, even
      // when its own claim holds only batches whose every closure failed.
      for (const auto& f : unsynced_) {
        needs_sync = needs_sync || f.needs_sync;
        if (f.seq > claimed_) waited += Nanos(claiming - f.handed);
      }
      counters_.sync_wait_nanos.fetch_add(waited);
      claim = claimed_ = handed_;
    }
    space_cv_.notify_one();
    Status synced = Ok();
    if (needs_sync) {
      if (auto failure = Failure()) {
        synced = tl::unexpected(std::move(*failure));
      } else {
        // Every batch up to `claim` finished its COMMIT before it was handed over, so this
        // Sync() started after all of them: it covers them all.
        auto started = Steady::now();
        synced = syncer.Sync();
        counters_.sync_nanos.fetch_add(Nanos(Steady::now() - started));
        counters_.syncs.fetch_add(1);
        if (!synced) {
          auto error = synced.error();
          error.detail += "; the store refuses writes until it is reopened";
          Log(LogLevel::kError, ev::kStoreError,
              {{"what", "log sync failed"}, {"error", error.ToString()}});
          {
            std::lock_guard lock(sync_mu_);
            if (!failure_) failure_ = error;
          }
          failed_.store(true, std::memory_order_release);
          synced = tl::unexpected(std::move(error));
        }
      }
    }
    if (synced && failed_.load(std::memory_order_acquire)) {
      // The other sync failed while this one ran: an earlier batch's WAL frames may be lost, and
      // recovery stops at the first bad frame, so nothing after them can be called durable.
      synced = tl::unexpected(*Failure());
    }
    auto completing = Steady::now();
    covered.clear();
    {
      std::lock_guard lock(sync_mu_);
      while (!unsynced_.empty() && unsynced_.front().seq <= claim) {
        covered.push_back(std::move(unsynced_.front()));
        unsynced_.pop_front();
      }
    }
    WakeSet woken = 0;
    for (auto& f : covered) {
      for (std::size_t i = 0; i < f.batch.size(); ++i) {
        // A closure that failed rolled back alone: its own error stands, durable or not.
        if (f.needs_sync && !synced && f.results[i]) f.results[i] = tl::unexpected(synced.error());
        Deliver(f.batch[i], std::move(f.results[i]), woken);
      }
    }
    if (woken != 0) {
      to_wake_.fetch_or(woken);
      NudgeWakeThread();
    }
    counters_.complete_nanos.fetch_add(Nanos(Steady::now() - completing));
  }
}

GroupCommitWriter::Finished GroupCommitWriter::ExecuteBatch(std::vector<Pending> batch) {
  Finished out;
  out.batch = std::move(batch);
  // Bare first: nearly every batch commits whole, and a savepoint per closure made SQLite copy
  // each page a closure touched into a sub-journal (a fifth of the writer's time in store_bench).
  // A closure that fails in the bare pass cannot be undone alone, so the batch is rolled back and
  // runs again with a savepoint per closure; closures are re-runnable (txn_runner.h).
  if (RunBatch(out, Isolation::kBare) == Pass::kRerun) {
    counters_.reruns.fetch_add(1);
    (void)RunBatch(out, Isolation::kSavepointEach);
  }
  return out;
}

GroupCommitWriter::Pass GroupCommitWriter::RunBatch(Finished& out, Isolation isolation) {
  auto& results = out.results;
  results.assign(out.batch.size(), Ok());
  out.needs_sync = false;
  auto fail_all = [&](const Error& e) {
    for (auto& r : results) r = tl::unexpected(e);
  };
  auto started = Steady::now();
  if (auto begun = conn_->Begin(TxnMode::kWrite); !begun) {
    fail_all(begun.error());
    return Pass::kDone;
  }
  bool any_ok = false;
  for (std::size_t i = 0; i < out.batch.size(); ++i) {
    auto r = RunClosure(out.batch[i].work, isolation);
    if (!r) {
      // The transaction is broken: nothing of this batch may be reported as committed.
      if (conn_->InTransaction()) (void)conn_->Rollback();
      fail_all(r.error());
      counters_.work_nanos.fetch_add(Nanos(Steady::now() - started));
      return Pass::kDone;
    }
    if (isolation == Isolation::kBare && !r->has_value()) {
      (void)conn_->Rollback();
      counters_.work_nanos.fetch_add(Nanos(Steady::now() - started));
      if (out.batch.size() > 1) return Pass::kRerun;
      // Alone in its transaction, the closure is undone by undoing the transaction.
      results[0] = std::move(*r);
      return Pass::kDone;
    }
    any_ok = any_ok || r->has_value();
    results[i] = std::move(*r);
  }
  if (any_ok && hook_) {
    if (auto hooked = RunHook(); !hooked) {
      // As for a failed COMMIT: nothing committed, and a closure that failed keeps its error.
      for (auto& r : results) {
        if (r) r = tl::unexpected(hooked.error());
      }
      counters_.work_nanos.fetch_add(Nanos(Steady::now() - started));
      return Pass::kDone;
    }
  }
  auto committing = Steady::now();
  counters_.work_nanos.fetch_add(Nanos(committing - started));
  auto committed = conn_->Commit();
  counters_.commit_nanos.fetch_add(Nanos(Steady::now() - committing));
  if (!committed) {
    if (conn_->InTransaction()) (void)conn_->Rollback();
    for (auto& r : results) {
      if (r) r = tl::unexpected(committed.error());
    }
    return Pass::kDone;
  }
  out.needs_sync = any_ok;
  return Pass::kDone;
}

// An error only when the hook broke the transaction; a failure that left it whole is logged
// (sparingly: a hook failing for good fails on every batch).
Status GroupCommitWriter::RunHook() {
  auto started = Steady::now();
  Status hooked = Ok();
  try {
    hooked = hook_(*conn_);
  } catch (const std::exception& e) {
    hooked = MakeError(ErrorCode::kInternal, fmt::format("batch hook threw: {}", e.what()));
  } catch (...) {
    hooked = MakeError(ErrorCode::kInternal, "batch hook threw");
  }
  counters_.hook_nanos.fetch_add(Nanos(Steady::now() - started));
  if (!conn_->InTransaction()) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("database {} rolled the transaction back in the batch hook{}",
                                 conn_->Name(), hooked ? "" : ": " + hooked.error().ToString()));
  }
  if (!hooked && LogRecurringFailure(counters_.hook_failures.fetch_add(1))) {
    Log(LogLevel::kError, ev::kStoreError,
        {{"what", "batch hook failed; the batch commits without it"},
         {"error", hooked.error().ToString()}});
  }
  return Ok();
}

// Outer error: the batch's transaction can no longer commit. Inner status: the closure's own.
Result<Status> GroupCommitWriter::RunClosure(Work& work, Isolation isolation) {
  bool savepoint = isolation == Isolation::kSavepointEach;
  if (savepoint) SKERRY_TRY(conn_->Savepoint(kSavepoint));
  Status status = Invoke(work, *conn_);
  if (!conn_->InTransaction()) {
    if (!status) return tl::unexpected(status.error());
    return MakeError(ErrorCode::kIo,
                     fmt::format("database {} rolled the transaction back", conn_->Name()));
  }
  if (savepoint) {
    if (!status) SKERRY_TRY(conn_->RollbackToSavepoint(kSavepoint));
    SKERRY_TRY(conn_->ReleaseSavepoint(kSavepoint));
  }
  return Result<Status>(tl::in_place, std::move(status));
}

}  // namespace skerry::storage::sql
