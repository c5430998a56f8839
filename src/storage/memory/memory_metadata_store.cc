#include "storage/memory/memory_metadata_store.h"

#include <exception>

#include "storage/memory/memory_txn.h"

namespace skerry::storage::memory {
namespace {

// The store whose lock this thread holds, to refuse nested transactions instead of deadlocking.
thread_local const MemoryMetadataStore* t_inside = nullptr;

Status Nested() {
  return MakeError(ErrorCode::kFailedPrecondition, "transaction opened inside a transaction");
}

template <typename Fn>
Status Guarded(Fn&& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("closure threw: ") + e.what());
  } catch (...) {
    return MakeError(ErrorCode::kInternal, "closure threw");
  }
}

}  // namespace

MemoryMetadataStore::MemoryMetadataStore() : worker_([this] { Loop(); }) {}

MemoryMetadataStore::~MemoryMetadataStore() {
  {
    std::lock_guard lock(queue_mu_);
    closing_ = true;
  }
  queue_cv_.notify_one();
  worker_.join();
}

Status MemoryMetadataStore::Write(WriteFn fn) {
  if (t_inside == this) return Nested();
  std::unique_lock lock(state_mu_);
  t_inside = this;
  MemoryTxn txn(state_);
  // A rehearsal, undone: a real store may run a closure more than once (metadata_store.h), and
  // running each twice here makes a test fail on a closure that is not re-runnable.
  (void)Guarded([&] { return fn(txn); });
  txn.Undo();
  auto status = Guarded([&] { return fn(txn); });
  if (!status) txn.Undo();
  t_inside = nullptr;
  return status;
}

void MemoryMetadataStore::SubmitWrite(WriteFn fn, DoneFn done) {
  {
    std::lock_guard lock(queue_mu_);
    if (!closing_) {
      queue_.emplace_back(std::move(fn), std::move(done));
      queue_cv_.notify_one();
      return;
    }
  }
  if (done) done(MakeError(ErrorCode::kCancelled, "store is closing"));
}

Status MemoryMetadataStore::Read(ReadFn fn) {
  if (t_inside == this) return Nested();
  std::shared_lock lock(state_mu_);
  t_inside = this;
  MemoryTxn txn(state_);
  auto status = Guarded([&] { return fn(txn); });
  t_inside = nullptr;
  return status;
}

void MemoryMetadataStore::Loop() {
  for (;;) {
    std::pair<WriteFn, DoneFn> next;
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    auto status = Write(std::move(next.first));
    if (next.second) next.second(std::move(status));
  }
}

}  // namespace skerry::storage::memory
