#include "storage/sql/reader_pool.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

namespace skerry::storage::sql {
namespace {

// The pools this thread currently holds a connection from (normally zero or one).
thread_local std::vector<const ReaderPool*> t_held;

Status RunRead(const TxnRunner::Work& work, Connection& conn) {
  SKERRY_TRY(conn.Begin(TxnMode::kRead));
  Status status;
  try {
    status = work(conn);
  } catch (const std::exception& e) {
    status = MakeError(ErrorCode::kInternal, fmt::format("read closure threw: {}", e.what()));
  } catch (...) {
    status = MakeError(ErrorCode::kInternal, "read closure threw");
  }
  // Ending a read transaction releases its snapshot; nothing was written either way.
  auto ended = conn.InTransaction() ? conn.Rollback() : Ok();
  if (!status) return status;
  return ended;
}

}  // namespace

ReaderPool::ReaderPool(std::vector<std::unique_ptr<Connection>> connections)
    : owned_(std::move(connections)) {
  for (auto& c : owned_) idle_.push_back(c.get());
}

ReaderPool::~ReaderPool() { Close(); }

Status ReaderPool::Read(const TxnRunner::Work& work) {
  if (std::find(t_held.begin(), t_held.end(), this) != t_held.end()) {
    return MakeError(ErrorCode::kFailedPrecondition, "nested Read() on the same store");
  }
  Connection* conn = nullptr;
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return closed_ || !idle_.empty(); });
    if (closed_) return MakeError(ErrorCode::kCancelled, "store is closed");
    conn = idle_.back();
    idle_.pop_back();
  }
  t_held.push_back(this);
  auto status = RunRead(work, *conn);
  t_held.pop_back();
  {
    std::lock_guard lock(mu_);
    idle_.push_back(conn);
  }
  cv_.notify_all();
  return status;
}

void ReaderPool::Close() {
  std::unique_lock lock(mu_);
  closed_ = true;
  cv_.notify_all();
  cv_.wait(lock, [&] { return idle_.size() == owned_.size(); });
  idle_.clear();
  owned_.clear();
}

}  // namespace skerry::storage::sql
