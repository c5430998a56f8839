#include "storage/sqlite/wal_checkpointer.h"

#include <fmt/format.h>
#include <pthread.h>
#include <sqlite3.h>

#include <algorithm>

#include "base/clock.h"
#include "base/log.h"
#include "base/log_events.h"
#include "storage/sql/query.h"

namespace skerry::storage::sqlite {
namespace {

using Steady = std::chrono::steady_clock;

// Row of PRAGMA wal_checkpoint: (busy, frames in the WAL, frames in the database file), -1 for
// the counts when it could not run at all.
struct CheckpointRow {
  bool busy = false;
  std::int64_t copied = -1;
};

Result<CheckpointRow> RunCheckpoint(sql::Connection& conn, const char* sql) {
  auto q = SKERRY_TRY(sql::Query::Prepare(conn, sql));
  SKERRY_TRY(q.StepExpectRow("wal_checkpoint"));
  return CheckpointRow{q.Int(0) != 0, q.Int(2)};
}

}  // namespace

CheckpointOptions CheckpointOptions::ForWalPages(int pages) {
  CheckpointOptions o;
  o.restart_frames = std::max(pages, 64);
  o.background_frames = std::min(10000, o.restart_frames / 4);
  o.tail_frames = std::max(16, std::min(1000, o.restart_frames / 40));
  o.max_frames = 2 * o.restart_frames;
  return o;
}

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(
    const std::filesystem::path& path, std::chrono::milliseconds busy_timeout,
    const CheckpointOptions& options) {
  auto conn =
      SKERRY_TRY(SqliteConnection::Open(path, {ConnectionRole::kCheckpointer, busy_timeout}));
  return std::make_unique<WalCheckpointer>(Passkey{}, std::move(conn), options);
}

WalCheckpointer::WalCheckpointer(Passkey, std::unique_ptr<SqliteConnection> conn,
                                 const CheckpointOptions& options)
    : options_(options), path_(conn->Name()), conn_(std::move(conn)) {
  // Without Attach() nothing would wake it; Truncate() needs only the connection.
  if (options_.in_commit) return;
  thread_ = std::thread([this] {
    ::pthread_setname_np(::pthread_self(), "store-ckpt");
    Loop();
  });
}

WalCheckpointer::~WalCheckpointer() { Close(); }

void WalCheckpointer::Attach(SqliteConnection& writer) {
  if (!options_.in_commit) writer.SetWalHook(&OnCommit, this);
}

void WalCheckpointer::Close() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::unique_lock lock(mu_);
  if (closed_) return;
  Claim(lock);  // a Truncate() in progress ends first
  closed_ = true;
  conn_.reset();
  running_ = false;
  lock.unlock();
  cv_.notify_all();
}

WalCheckpointer::Stats WalCheckpointer::stats() const {
  return {counters_.background.load(), counters_.background_nanos.load(),
          counters_.inline_runs.load(), counters_.inline_nanos.load(), epoch_.load()};
}

void WalCheckpointer::Claim(std::unique_lock<std::mutex>& lock) {
  cv_.wait(lock, [&] { return !running_; });
  running_ = true;
}

void WalCheckpointer::Release() {
  {
    std::lock_guard lock(mu_);
    running_ = false;
  }
  cv_.notify_all();
}

void WalCheckpointer::Record(std::uint64_t epoch, int copied) {
  if (copied >= 0) done_.store(epoch << 32 | static_cast<std::uint32_t>(copied));
}

int WalCheckpointer::OnCommit(void* self, sqlite3* db, const char* schema, int frames) {
  static_cast<WalCheckpointer*>(self)->Committed(db, schema, frames);
  return SQLITE_OK;  // a checkpoint that fails does not fail the commit before it
}

void WalCheckpointer::Committed(sqlite3* db, const char* schema, int frames) {
  if (frames < last_frames_) epoch_.fetch_add(1);
  last_frames_ = frames;
  std::uint64_t done = done_.load();
  int copied = (done >> 32) == epoch_.load() ? static_cast<int>(done & 0xffffffffu) : 0;
  int pending = frames - copied;
  bool at_max = frames >= options_.max_frames;
  // Most commits: nothing to copy yet, and no lock to take.
  if (!at_max && frames < options_.restart_frames && pending < options_.background_frames) return;
  bool tail = frames >= options_.restart_frames && pending <= options_.tail_frames;

  std::unique_lock lock(mu_);
  bool stopped_long = stop_ && frames >= options_.restart_frames;
  if (at_max || stopped_long || (tail && !running_)) {
    auto started = Steady::now();
    Claim(lock);  // waits only at max_frames: the other cases saw no checkpoint running
    lock.unlock();
    CheckpointInline(db, schema);
    Release();
    counters_.inline_nanos.fetch_add(Nanos(Steady::now() - started));
    return;
  }
  if (pending >= options_.background_frames && !requested_ && !stop_) {
    requested_ = true;
    lock.unlock();
    cv_.notify_all();
  }
}

void WalCheckpointer::CheckpointInline(sqlite3* db, const char* schema) {
  int log = -1, copied = -1;
  int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
  counters_.inline_runs.fetch_add(1);
  if (rc == SQLITE_OK) Record(epoch_.load(), copied);
  // Past max_frames this runs after every commit: a failing disk would log each time.
  if (rc != SQLITE_OK && rc != SQLITE_BUSY && LogRecurringFailure(inline_failures_++)) {
    LogFailure("WAL checkpoint on the writer failed", inline_failures_, sqlite3_errstr(rc));
  }
}

void WalCheckpointer::LogFailure(std::string_view what, std::uint64_t failures,
                                 std::string_view error) const {
  Log(LogLevel::kWarn, ev::kStoreError,
      {{"what", what}, {"path", path_}, {"failures", failures}, {"error", error}});
}

void WalCheckpointer::Loop() {
  std::uint64_t failures = 0;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stop_ || (requested_ && !running_); });
      if (stop_) return;
      requested_ = false;
      running_ = true;
    }
    std::uint64_t epoch = epoch_.load();
    auto started = Steady::now();
    auto row = RunCheckpoint(*conn_, "PRAGMA wal_checkpoint(PASSIVE)");
    if (row) Record(epoch, static_cast<int>(row->copied));
    counters_.background.fetch_add(1);
    counters_.background_nanos.fetch_add(Nanos(Steady::now() - started));
    Release();
    // The next commit asks again, so a failing disk would log up to a few dozen times a second.
    if (!row && LogRecurringFailure(failures++)) {
      LogFailure("WAL checkpoint failed", failures, row.error().ToString());
    }
  }
}

Status WalCheckpointer::Truncate() {
  {
    std::unique_lock lock(mu_);
    Claim(lock);
    if (closed_) {
      running_ = false;
      return MakeError(ErrorCode::kCancelled, "store is closed");
    }
  }
  auto row = RunCheckpoint(*conn_, "PRAGMA wal_checkpoint(TRUNCATE)");
  Release();
  if (!row) return tl::unexpected(row.error());
  if (row->busy) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("database {}: checkpoint blocked by active transactions",
                                 path_));
  }
  return Ok();
}

}  // namespace skerry::storage::sqlite
