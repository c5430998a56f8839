#include "storage/sql/group_commit_writer.h"

#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <future>

#include "base/log.h"
#include "base/log_events.h"

namespace skerry::storage::sql {
namespace {

constexpr std::string_view kSavepoint = "skerry_write";

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

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> conn, std::size_t max_batch)
    : conn_(std::move(conn)), max_batch_(max_batch == 0 ? 1 : max_batch) {
  thread_ = std::thread([this] { Loop(); });
}

GroupCommitWriter::~GroupCommitWriter() { Close(); }

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
  if (std::this_thread::get_id() == thread_.get_id()) {
    return MakeError(
        ErrorCode::kFailedPrecondition,
        "blocking write from the store's writer thread would deadlock; use SubmitWrite");
  }
  std::promise<Status> promise;
  auto future = promise.get_future();
  Submit(std::move(work), [&promise](Status s) { promise.set_value(std::move(s)); });
  return future.get();
}

void GroupCommitWriter::Close() {
  std::lock_guard close_lock(close_mu_);
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable() && std::this_thread::get_id() != thread_.get_id()) {
    thread_.join();
    conn_.reset();  // the thread is gone; nothing else touches the connection
  }
}

void GroupCommitWriter::Loop() {
  for (;;) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing, and everything queued has run
      std::size_t n = std::min(max_batch_, queue_.size());
      batch.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    auto results = ExecuteBatch(batch);
    commits_.fetch_add(1);
    writes_.fetch_add(batch.size());
    // After COMMIT returned: every "done" below reports a durable outcome.
    for (std::size_t i = 0; i < batch.size(); ++i) Complete(batch[i].done, std::move(results[i]));
  }
}

std::vector<Status> GroupCommitWriter::ExecuteBatch(std::vector<Pending>& batch) {
  using Steady = std::chrono::steady_clock;
  auto nanos = [](Steady::duration d) {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
  };
  auto started = Steady::now();
  std::vector<Status> results(batch.size(), Ok());
  auto fail_all = [&](const Error& e) {
    for (auto& r : results) r = tl::unexpected(e);
  };
  if (auto begun = conn_->Begin(TxnMode::kWrite); !begun) {
    fail_all(begun.error());
    return results;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    auto r = RunInSavepoint(batch[i].work);
    if (!r) {
      // The transaction is broken: nothing of this batch may be reported as committed.
      if (conn_->InTransaction()) (void)conn_->Rollback();
      fail_all(r.error());
      return results;
    }
    results[i] = std::move(*r);
  }
  auto committing = Steady::now();
  work_nanos_.fetch_add(nanos(committing - started));
  auto committed = conn_->Commit();
  commit_nanos_.fetch_add(nanos(Steady::now() - committing));
  if (!committed) {
    if (conn_->InTransaction()) (void)conn_->Rollback();
    for (auto& r : results) {
      if (r) r = tl::unexpected(committed.error());
    }
  }
  return results;
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
