#include "storage/sql/group_commit_writer.h"

#include <fmt/format.h>
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <exception>

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

std::uint64_t Nanos(Steady::duration d) {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
}

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

// What a blocking Run() sleeps on, on the caller's stack (a std::promise costs an allocation and
// a call_once per write). The store thread sets the flag and notifies while holding the mutex, so
// the caller, which must take the mutex to see the flag, cannot return and destroy the waiter
// before the store thread is done with it — the lifetime rule POSIX gives condition variables.
// (An atomic wait/notify needs the notifier to touch the object after the waiter may have
// seen the new value; waiting that out by yielding cost four sched_yields per write under load.)
class RunWaiter {
 public:
  void Deliver(Status status) {
    std::lock_guard lock(mu_);
    status_ = std::move(status);
    delivered_ = true;
    cv_.notify_one();
  }

  Status Wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return delivered_; });
    return std::move(status_);
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool delivered_ = false;
  Status status_ = Ok();
};

}  // namespace

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> conn, std::size_t max_batch,
                                     std::unique_ptr<LogSyncer> syncer)
    : conn_(std::move(conn)),
      max_batch_(max_batch == 0 ? 1 : max_batch),
      syncer_(std::move(syncer)) {
  // Named for top -H and perf: the two threads every write passes through.
  thread_ = std::thread([this] {
    ::pthread_setname_np(::pthread_self(), "store-writer");
    Loop();
  });
  writer_id_ = thread_.get_id();
  if (syncer_) {
    sync_thread_ = std::thread([this] {
      ::pthread_setname_np(::pthread_self(), "store-sync");
      SyncLoop();
    });
    sync_id_ = sync_thread_.get_id();
  }
}

GroupCommitWriter::~GroupCommitWriter() { Close(); }

bool GroupCommitWriter::OnStoreThread() const {
  auto self = std::this_thread::get_id();
  return self == writer_id_ || (syncer_ != nullptr && self == sync_id_);
}

void GroupCommitWriter::Submit(Work work, DoneFn done) {
  {
    std::lock_guard lock(mu_);
    if (!closing_) {
      queue_.push_back({std::move(work), std::move(done)});
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
  RunWaiter waiter;
  Submit(std::move(work), [&waiter](Status s) { waiter.Deliver(std::move(s)); });
  return waiter.Wait();
}

void GroupCommitWriter::Close() {
  std::lock_guard close_lock(close_mu_);
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  cv_.notify_one();
  // From a store thread, joining would wait for itself (or for the other thread, which may be
  // waiting for this one); the owner's later Close() joins.
  if (OnStoreThread()) return;
  if (thread_.joinable()) thread_.join();
  if (sync_thread_.joinable()) sync_thread_.join();
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
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    Finished finished;
    if (auto failure = Failure()) {
      // A sync failed earlier: running this batch could only produce more writes nobody can be
      // told are durable.
      finished.results.assign(batch.size(), tl::unexpected(*failure));
      finished.batch = std::move(batch);
    } else {
      finished = ExecuteBatch(std::move(batch));
      commits_.fetch_add(1);
      writes_.fetch_add(finished.batch.size());
    }
    if (!syncer_) {
      // COMMIT returned and was durable (or failed): every "done" reports a durable outcome.
      for (std::size_t i = 0; i < finished.batch.size(); ++i) {
        Complete(finished.batch[i].done, std::move(finished.results[i]));
      }
      continue;
    }
    HandToSync(std::move(finished));
  }
  if (syncer_) {
    std::lock_guard lock(sync_mu_);
    writer_done_ = true;
  }
  sync_cv_.notify_one();
}

void GroupCommitWriter::HandToSync(Finished finished) {
  std::unique_lock lock(sync_mu_);
  space_cv_.wait(lock, [&] { return unsynced_.size() < kMaxUnsyncedBatches; });
  unsynced_.push_back(std::move(finished));
  sync_cv_.notify_one();
}

void GroupCommitWriter::SyncLoop() {
  std::vector<Finished> group;
  for (;;) {
    group.clear();
    {
      std::unique_lock lock(sync_mu_);
      sync_cv_.wait(lock, [&] { return writer_done_ || !unsynced_.empty(); });
      if (unsynced_.empty()) return;  // the writer has exited and everything is completed
      group.swap(unsynced_);
    }
    space_cv_.notify_one();
    bool needs_sync = std::any_of(group.begin(), group.end(),
                                  [](const Finished& f) { return f.needs_sync; });
    Status synced = Ok();
    if (needs_sync) {
      if (auto failure = Failure()) {
        synced = tl::unexpected(std::move(*failure));
      } else {
        // Every batch in `group` finished its COMMIT before it was handed over, so this Sync()
        // started after all of them: it covers them all.
        auto started = Steady::now();
        synced = syncer_->Sync();
        sync_nanos_.fetch_add(Nanos(Steady::now() - started));
        syncs_.fetch_add(1);
        if (!synced) {
          auto error = synced.error();
          error.detail += "; the store refuses writes until it is reopened";
          Log(LogLevel::kError, ev::kStoreError,
              {{"what", "log sync failed"}, {"error", error.ToString()}});
          {
            std::lock_guard lock(sync_mu_);
            failure_ = error;
          }
          failed_.store(true, std::memory_order_release);
          synced = tl::unexpected(std::move(error));
        }
      }
    }
    for (auto& f : group) {
      for (std::size_t i = 0; i < f.batch.size(); ++i) {
        // A closure that failed rolled back alone: its own error stands, durable or not.
        if (f.needs_sync && !synced && f.results[i]) f.results[i] = tl::unexpected(synced.error());
        Complete(f.batch[i].done, std::move(f.results[i]));
      }
    }
  }
}

GroupCommitWriter::Finished GroupCommitWriter::ExecuteBatch(std::vector<Pending> batch) {
  Finished out;
  out.batch = std::move(batch);
  auto& results = out.results;
  results.assign(out.batch.size(), Ok());
  auto fail_all = [&](const Error& e) {
    for (auto& r : results) r = tl::unexpected(e);
  };
  auto started = Steady::now();
  if (auto begun = conn_->Begin(TxnMode::kWrite); !begun) {
    fail_all(begun.error());
    return out;
  }
  bool any_ok = false;
  for (std::size_t i = 0; i < out.batch.size(); ++i) {
    auto r = RunInSavepoint(out.batch[i].work);
    if (!r) {
      // The transaction is broken: nothing of this batch may be reported as committed.
      if (conn_->InTransaction()) (void)conn_->Rollback();
      fail_all(r.error());
      return out;
    }
    any_ok = any_ok || r->has_value();
    results[i] = std::move(*r);
  }
  auto committing = Steady::now();
  work_nanos_.fetch_add(Nanos(committing - started));
  auto committed = conn_->Commit();
  commit_nanos_.fetch_add(Nanos(Steady::now() - committing));
  if (!committed) {
    if (conn_->InTransaction()) (void)conn_->Rollback();
    for (auto& r : results) {
      if (r) r = tl::unexpected(committed.error());
    }
    return out;
  }
  out.needs_sync = any_ok;
  return out;
}

// Outer error: the batch's transaction can no longer commit. Inner status: the closure's own.
Result<Status> GroupCommitWriter::RunInSavepoint(Work& work) {
  SKERRY_TRY(conn_->Savepoint(kSavepoint));
  Status status = Invoke(work, *conn_);
  if (!conn_->InTransaction()) {
    if (!status) return tl::unexpected(status.error());
    return MakeError(ErrorCode::kIo,
                     fmt::format("database {} rolled the transaction back", conn_->Name()));
  }
  if (status) {
    SKERRY_TRY(conn_->ReleaseSavepoint(kSavepoint));
  } else {
    SKERRY_TRY(conn_->RollbackToSavepoint(kSavepoint));
    SKERRY_TRY(conn_->ReleaseSavepoint(kSavepoint));
  }
  return Result<Status>(tl::in_place, std::move(status));
}

}  // namespace skerry::storage::sql
