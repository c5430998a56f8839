#pragma once
// WalCheckpointer: copies the WAL into the database file on a thread of its own, so that the
// writer thread does not stop for it (DESIGN §4; docs/formats/schema.md "Checkpoints").
//
// SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold, on the writer
// thread: under store_bench's load the writer stopped for ~15 ms nine times a second (copy the
// pages, fsync the database file), and every write queued meanwhile waited with it. Here the
// writer connection's WAL hook (Attach) mostly counts: once enough frames are not yet in the
// database file, it wakes this thread, which checkpoints on its own connection — PASSIVE, copying
// while the writer goes on committing and never waiting for readers.
//
// A checkpoint alone does not shorten the WAL. SQLite writes the WAL from its beginning again
// only when a write transaction begins while every frame is already in the database file; under
// a steady load a checkpoint running beside the writer never gets there, since more has been
// committed by the time it ends. So once the WAL is long (restart_frames) and the frames still
// to copy are few (tail_frames), the hook copies those itself, on the writer thread between two
// batches, and the next batch starts the WAL over: one short pause per WAL cycle instead of one
// long pause per checkpoint. When the load stops, the thread's last checkpoint copies everything
// and the WAL starts over at the next write whatever its length. If the WAL reaches max_frames
// anyway (a disk slower than the writes), the hook waits for the checkpoint in progress and
// copies inline after every commit: the writer is held to the pace of the disk, as with SQLite's
// own scheme.
//
// Truncate() is the one checkpoint that waits for readers and for the writer (TRUNCATE, for
// crypto-shredding); it runs on this object's connection so that it never collides with the
// thread's or the hook's PASSIVE ones (SQLite lets one checkpoint run at a time and fails the
// others at once rather than waiting).
//
// Thread-safety: the hook runs on the writer thread (one writer connection per checkpointer);
// Truncate, stats and Close from any thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/error.h"
#include "storage/sqlite/sqlite_connection.h"

namespace skerry::storage::sqlite {

// When WalCheckpointer copies, in WAL frames (one page, 4 KiB, each).
struct CheckpointOptions {
  int background_frames = 10000;  // not yet copied: wake the thread
  int restart_frames = 40000;    // WAL length (160 MiB) past which the writer finishes the copy
  int tail_frames = 1000;        // ... once no more than this many are left to copy
  int max_frames = 80000;        // the disk is behind: copy inline after every commit
  // SQLite's automatic checkpoints inside the COMMIT that crosses 10,000 frames instead, with
  // no thread (store_bench's one-fsync-per-commit baseline, as SQLite is usually run).
  bool in_commit = false;

  // Everything from the WAL length (config store.wal_pages): the defaults above for 40,000.
  static CheckpointOptions ForWalPages(int pages);
};

class WalCheckpointer {
 public:
  // What checkpoints have cost (store_bench prints them), declared once for the snapshot stats()
  // returns and the atomic counters the threads add to.
  template <typename Counter>
  struct Counters {
    Counter background{};        // checkpoints run on the thread
    Counter background_nanos{};  // their time
    Counter inline_runs{};       // checkpoints run by the hook on the writer thread
    Counter inline_nanos{};      // their time, waiting at max_frames included
  };
  struct Stats : Counters<std::uint64_t> {
    std::uint64_t restarts = 0;  // times the writer was seen starting the WAL over
  };

  // Opens a connection of its own to `path` (a database already in WAL mode) and starts the
  // thread. kIo / kCorrupt as SqliteConnection::Open.
  static Result<std::unique_ptr<WalCheckpointer>> Start(const std::filesystem::path& path,
                                                        std::chrono::milliseconds busy_timeout,
                                                        const CheckpointOptions& options = {});
  ~WalCheckpointer();  // Close()
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Makes `writer` (the database's one writer connection) report its commits here instead of
  // checkpointing automatically; with options.in_commit it does nothing and SQLite's automatic
  // checkpoints stay. This object must outlive the writer's last COMMIT.
  void Attach(SqliteConnection& writer);

  // Copies every committed frame into the database file and truncates the WAL to zero bytes,
  // waiting up to the busy timeout for readers on older snapshots and for the writer's
  // transaction in progress: kUnavailable if they did not finish in time, kCancelled after
  // Close().
  Status Truncate();

  // Ends the thread after the checkpoint in progress and closes the connection; afterwards the
  // hook checkpoints inline once the WAL is restart_frames long. Idempotent.
  void Close();

  Stats stats() const;

 private:
  struct Passkey {};

 public:
  WalCheckpointer(Passkey, std::unique_ptr<SqliteConnection> conn,
                  const CheckpointOptions& options);

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int frames);
  // The hook's work: `frames` is the WAL's length after the commit that just ended.
  void Committed(sqlite3* db, const char* schema, int frames);
  void CheckpointInline(sqlite3* db, const char* schema);
  void Loop();
  // Waits until no checkpoint runs, then claims the right to run one. REQUIRES: lock on mu_.
  void Claim(std::unique_lock<std::mutex>& lock);
  void Release();
  void Record(std::uint64_t epoch, int copied);
  void LogFailure(std::string_view what, std::uint64_t failures, std::string_view error) const;

  const CheckpointOptions options_;
  const std::string path_;                  // for log lines
  std::unique_ptr<SqliteConnection> conn_;  // the thread's and Truncate's, under `running_`

  int last_frames_ = 0;                // writer thread only
  std::uint64_t inline_failures_ = 0;  // writer thread only
  // Bumped by the writer when the WAL started over (so also Stats::restarts): a result from an
  // older epoch says nothing about the frames in the file now.
  std::atomic<std::uint32_t> epoch_{0};
  // The last checkpoint's result in one word, so that an epoch is never paired with another
  // run's count: its epoch (high half) and the frames then in the database file (low half).
  std::atomic<std::uint64_t> done_{0};

  std::mutex mu_;
  std::condition_variable cv_;  // the thread waits for work; Claim() waits for `running_` false
  bool requested_ = false;      // guarded by mu_
  bool running_ = false;        // guarded by mu_: a checkpoint runs (thread, hook or Truncate)
  bool stop_ = false;           // guarded by mu_
  bool closed_ = false;         // guarded by mu_: conn_ is gone

  Counters<std::atomic<std::uint64_t>> counters_;
  std::thread thread_;  // last: starts once everything else exists
};

}  // namespace skerry::storage::sqlite
