// What the pipelined group commit assumes of the SQLite it is linked with (docs/formats/schema.md
// "Durability contract"): with journal_mode=WAL and synchronous=NORMAL,
//   1. a COMMIT writes WAL frames and syncs nothing (the WalSyncer's fdatasync makes it durable);
//   2. a checkpoint syncs the WAL after its last write before it writes any page into the
//      database file, and syncs the database file afterwards — so a checkpoint never copies
//      frames that are not yet durable, whatever the sync thread has or has not done;
//   3. when the WAL is reused from the start, its new header is synced before any frame
//      overwrites the old ones.
// A tracing VFS records every write and sync by file, on top of the writer's VFS (the merging
// VFS, which never reorders: it holds a run of frames until their commit frame or the next other
// call on the file), and the test checks the order.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "storage/conformance/test_backends.h"
#include "storage/sqlite/wal_write_merger.h"

namespace skerry::storage::sqlite {
namespace {

enum class Kind { kDb, kWal };
enum class Op { kWrite, kSync, kTruncate };
struct Event {
  Kind kind;
  Op op;
  sqlite3_int64 offset;
};

std::mutex g_mu;
std::vector<Event> g_events;
sqlite3_vfs* g_under = nullptr;
sqlite3_vfs g_trace;

struct TraceFile {
  sqlite3_file base;
  sqlite3_file* inner;
  Kind kind;
};

void Record(sqlite3_file* f, Op op, sqlite3_int64 offset) {
  std::lock_guard lock(g_mu);
  g_events.push_back({reinterpret_cast<TraceFile*>(f)->kind, op, offset});
}
sqlite3_file* In(sqlite3_file* f) { return reinterpret_cast<TraceFile*>(f)->inner; }

const sqlite3_io_methods kTraceMethods = {
    3,
    [](sqlite3_file* f) { return In(f)->pMethods->xClose(In(f)); },
    [](sqlite3_file* f, void* p, int n, sqlite3_int64 o) {
      return In(f)->pMethods->xRead(In(f), p, n, o);
    },
    [](sqlite3_file* f, const void* p, int n, sqlite3_int64 o) {
      Record(f, Op::kWrite, o);
      return In(f)->pMethods->xWrite(In(f), p, n, o);
    },
    [](sqlite3_file* f, sqlite3_int64 size) {
      Record(f, Op::kTruncate, size);
      return In(f)->pMethods->xTruncate(In(f), size);
    },
    [](sqlite3_file* f, int flags) {
      Record(f, Op::kSync, 0);
      return In(f)->pMethods->xSync(In(f), flags);
    },
    [](sqlite3_file* f, sqlite3_int64* size) { return In(f)->pMethods->xFileSize(In(f), size); },
    [](sqlite3_file* f, int l) { return In(f)->pMethods->xLock(In(f), l); },
    [](sqlite3_file* f, int l) { return In(f)->pMethods->xUnlock(In(f), l); },
    [](sqlite3_file* f, int* out) { return In(f)->pMethods->xCheckReservedLock(In(f), out); },
    [](sqlite3_file* f, int op, void* arg) {
      return In(f)->pMethods->xFileControl(In(f), op, arg);
    },
    [](sqlite3_file* f) { return In(f)->pMethods->xSectorSize(In(f)); },
    [](sqlite3_file* f) { return In(f)->pMethods->xDeviceCharacteristics(In(f)); },
    [](sqlite3_file* f, int r, int s, int e, void volatile** out) {
      return In(f)->pMethods->xShmMap(In(f), r, s, e, out);
    },
    [](sqlite3_file* f, int o, int n, int fl) {
      return In(f)->pMethods->xShmLock(In(f), o, n, fl);
    },
    [](sqlite3_file* f) { In(f)->pMethods->xShmBarrier(In(f)); },
    [](sqlite3_file* f, int d) { return In(f)->pMethods->xShmUnmap(In(f), d); },
    [](sqlite3_file* f, sqlite3_int64 o, int n, void** out) {
      *out = nullptr;
      return In(f)->pMethods->iVersion >= 3 ? In(f)->pMethods->xFetch(In(f), o, n, out)
                                            : SQLITE_OK;
    },
    [](sqlite3_file* f, sqlite3_int64 o, void* p) {
      return In(f)->pMethods->iVersion >= 3 ? In(f)->pMethods->xUnfetch(In(f), o, p) : SQLITE_OK;
    },
};

int TraceOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out) {
  bool traced = (flags & (SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_DB)) != 0;
  if (!traced) return g_under->xOpen(g_under, name, file, flags, out);
  auto* t = reinterpret_cast<TraceFile*>(file);
  std::memset(t, 0, sizeof(TraceFile) + static_cast<std::size_t>(g_under->szOsFile));
  auto* inner = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + 64);
  int rc = g_under->xOpen(g_under, name, inner, flags, out);
  if (rc != SQLITE_OK) {
    if (inner->pMethods != nullptr) inner->pMethods->xClose(inner);
    return rc;
  }
  t->inner = inner;
  t->kind = (flags & SQLITE_OPEN_WAL) != 0 ? Kind::kWal : Kind::kDb;
  t->base.pMethods = &kTraceMethods;
  return SQLITE_OK;
}

const char* TraceVfs() {
  static const char* name = [] {
    static_assert(sizeof(TraceFile) <= 64);
    // Below the trace: the store's writer VFS.
    g_under = sqlite3_vfs_find(WalWriteMergingVfs());
    g_trace = *g_under;
    g_trace.iVersion = 2;
    g_trace.szOsFile = 64 + g_under->szOsFile;
    g_trace.zName = "skerry-test-trace";
    g_trace.pAppData = nullptr;
    g_trace.xOpen = TraceOpen;
    // The merging VFS forwards its VFS-level calls to the default VFS and ignores its argument.
    sqlite3_vfs_register(&g_trace, 0);
    return "skerry-test-trace";
  }();
  return name;
}

void Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
}

std::vector<Event> Take() {
  std::lock_guard lock(g_mu);
  return std::exchange(g_events, {});
}

// Index of the last WAL write in `events` before `end`, or -1.
long LastWalWriteBefore(const std::vector<Event>& events, std::size_t end) {
  for (std::size_t i = end; i-- > 0;) {
    if (events[i].kind == Kind::kWal && events[i].op == Op::kWrite) return static_cast<long>(i);
  }
  return -1;
}

bool WalSyncBetween(const std::vector<Event>& events, long from, std::size_t to) {
  for (auto i = static_cast<std::size_t>(from + 1); i < to; ++i) {
    if (events[i].kind == Kind::kWal && events[i].op == Op::kSync) return true;
  }
  return false;
}

TEST(WalSyncOrder, NormalSyncCommitsSyncNothingAndCheckpointsSyncTheWalFirst) {
  TempDir dir;
  auto path = dir.path() / "order.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            TraceVfs()),
            SQLITE_OK);
  Exec(db, "PRAGMA journal_mode = WAL");
  Exec(db, "PRAGMA synchronous = NORMAL");
  Exec(db, "PRAGMA wal_autocheckpoint = 0");
  Exec(db, "CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)");
  Exec(db, "INSERT INTO t (v) VALUES (randomblob(3000))");  // the WAL has its header now
  Take();

  // 1. Commits write frames and sync nothing.
  for (int i = 0; i < 20; ++i) Exec(db, "INSERT INTO t (v) VALUES (randomblob(3000))");
  auto commits = Take();
  ASSERT_FALSE(commits.empty());
  for (const auto& e : commits) {
    EXPECT_NE(e.op, Op::kSync) << "a NORMAL commit synced: the pipeline's premise is gone";
    EXPECT_EQ(e.kind, Kind::kWal);
  }

  // 2. A checkpoint syncs the WAL after its last write before any database write, and the
  //    database after its writes.
  for (const char* mode : {"PASSIVE", "TRUNCATE"}) {
    Exec(db, "INSERT INTO t (v) VALUES (randomblob(3000))");
    Exec(db, (std::string("PRAGMA wal_checkpoint(") + mode + ")").c_str());
    auto events = Take();
    std::size_t first_db_write = events.size();
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i].kind == Kind::kDb && events[i].op == Op::kWrite) {
        first_db_write = i;
        break;
      }
    }
    ASSERT_LT(first_db_write, events.size()) << mode << ": the checkpoint wrote nothing";
    long last_wal_write = LastWalWriteBefore(events, first_db_write);
    ASSERT_GE(last_wal_write, 0);
    EXPECT_TRUE(WalSyncBetween(events, last_wal_write, first_db_write))
        << mode << ": database pages written before the WAL holding them was synced";
    bool db_synced = false;
    for (std::size_t i = first_db_write; i < events.size(); ++i) {
      db_synced = db_synced || (events[i].kind == Kind::kDb && events[i].op == Op::kSync);
    }
    EXPECT_TRUE(db_synced) << mode;
  }

  // 3. Reuse from the start: the header (offset 0) is synced before any frame follows it.
  Exec(db, "PRAGMA wal_checkpoint(PASSIVE)");
  Take();
  Exec(db, "INSERT INTO t (v) VALUES (randomblob(3000))");
  Exec(db, "INSERT INTO t (v) VALUES (randomblob(3000))");
  auto reuse = Take();
  long header = -1;
  for (std::size_t i = 0; i < reuse.size(); ++i) {
    if (reuse[i].kind == Kind::kWal && reuse[i].op == Op::kWrite && reuse[i].offset == 0) {
      header = static_cast<long>(i);
      break;
    }
  }
  ASSERT_GE(header, 0) << "the WAL was not reused from the start";
  std::size_t next_frame = reuse.size();
  for (auto i = static_cast<std::size_t>(header + 1); i < reuse.size(); ++i) {
    if (reuse[i].kind == Kind::kWal && reuse[i].op == Op::kWrite) {
      next_frame = i;
      break;
    }
  }
  ASSERT_LT(next_frame, reuse.size());
  EXPECT_TRUE(WalSyncBetween(reuse, header, next_frame))
      << "frames overwrote the old WAL before its new header was durable";
  sqlite3_close(db);
}

}  // namespace
}  // namespace skerry::storage::sqlite
