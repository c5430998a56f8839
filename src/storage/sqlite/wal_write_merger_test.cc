// The merging VFS against a real SQLite: what the writer commits through it is what a reader on
// the default VFS sees, at once after every commit — including transactions large enough to
// spill frames before their commit, rolled-back ones, and WAL restarts after checkpoints.

#include "storage/sqlite/wal_write_merger.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "storage/conformance/test_backends.h"

namespace skerry::storage::sqlite {
namespace {

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "") << " in " << sql;
  sqlite3_free(err);
}

// count(*) and a checksum over every row, as one string.
std::string Digest(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT count(*), total(k * length(v)), hex(max(v)) FROM t", -1, &st, nullptr),
            SQLITE_OK);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW) {
    for (int c = 0; c < 3; ++c) {
      const unsigned char* text = sqlite3_column_text(st, c);
      out += (text ? reinterpret_cast<const char*>(text) : "null");
      out += '|';
    }
  }
  sqlite3_finalize(st);
  return out;
}

TEST(WalWriteMerger, ReadersSeeEveryCommitAtOnce) {
  ASSERT_NE(WalWriteMergingVfs(), nullptr);
  TempDir dir;
  auto path = dir.path() / "merge.db";
  sqlite3* writer = nullptr;
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &writer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, WalWriteMergingVfs()),
            SQLITE_OK);
  Exec(writer, "PRAGMA journal_mode = WAL");
  Exec(writer, "PRAGMA synchronous = NORMAL");
  Exec(writer, "PRAGMA wal_autocheckpoint = 0");
  Exec(writer, "PRAGMA cache_size = 8");  // small: big transactions spill frames before COMMIT
  Exec(writer, "CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)");
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);

  long rows = 0;
  for (int round = 0; round < 60; ++round) {
    int n = round % 7 == 0 ? 200 : 1 + round % 5;  // some transactions far beyond the cache
    Exec(writer, "BEGIN");
    for (int i = 0; i < n; ++i)
      Exec(writer, "INSERT INTO t (v) VALUES (randomblob(" + std::to_string(100 + (round * 977 + i * 131) % 6000) + "))");
    if (round % 11 == 5) {
      Exec(writer, "ROLLBACK");  // spilled frames that never commit
    } else {
      Exec(writer, "COMMIT");
      rows += n;
    }
    // The reader (default VFS, the file and wal-index only) sees what the writer sees.
    std::string seen = Digest(reader);
    EXPECT_EQ(seen.substr(0, seen.find('|')), std::to_string(rows)) << "round " << round;
    EXPECT_EQ(seen, Digest(writer)) << "round " << round;
    if (round % 13 == 12) Exec(writer, "PRAGMA wal_checkpoint(RESTART)");  // the WAL starts over
    if (round % 17 == 16) Exec(writer, "UPDATE t SET v = randomblob(50) WHERE k % 3 = 0");
  }
  Exec(writer, "PRAGMA integrity_check");
  sqlite3_close(reader);
  ASSERT_EQ(sqlite3_close(writer), SQLITE_OK);

  // Reopened through the default VFS (recovering from the WAL), everything committed is there.
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &reader, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  std::string after = Digest(reader);
  EXPECT_EQ(after.substr(0, after.find('|')), std::to_string(rows));
  sqlite3_close(reader);
}

// What a kill -9 right after COMMIT leaves is what the kernel has: copies of the files taken then,
// while the writer stays open, must recover to what the writer committed. The transaction
// overwrites pages it had already spilled to the WAL, so SQLite rewrites frame headers in place
// after the commit frame (walRewriteChecksums), the commit frame's last, with no page after it.
// The default VFS is the control: the same steps must pass through both.
void RecoverCopyAfterRewrittenCommit(const char* vfs) {
  TempDir dir;
  auto path = dir.path() / "k.db";
  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &writer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs),
            SQLITE_OK);
  Exec(writer, "PRAGMA journal_mode = WAL");
  Exec(writer, "PRAGMA synchronous = NORMAL");
  Exec(writer, "PRAGMA wal_autocheckpoint = 0");
  Exec(writer, "PRAGMA cache_size = 8");
  Exec(writer, "CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)");
  Exec(writer, "BEGIN");
  for (int i = 0; i < 200; ++i) Exec(writer, "INSERT INTO t (v) VALUES (randomblob(1000))");
  Exec(writer, "UPDATE t SET v = randomblob(900) WHERE k % 2 = 0");
  Exec(writer, "COMMIT");
  auto copy = dir.path() / "copy.db";
  std::filesystem::copy_file(path, copy);
  std::filesystem::copy_file(path.string() + "-wal", copy.string() + "-wal");
  sqlite3* recovered = nullptr;
  ASSERT_EQ(sqlite3_open_v2(copy.c_str(), &recovered, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  std::string seen = Digest(recovered);
  EXPECT_EQ(seen.substr(0, seen.find('|')), "200") << "the committed transaction was lost";
  EXPECT_EQ(seen, Digest(writer));
  sqlite3_close(recovered);
  sqlite3_close(writer);
}

TEST(WalWriteMerger, ACrashRightAfterCommitKeepsARewrittenCommitFrame) {
  ASSERT_NE(WalWriteMergingVfs(), nullptr);
  RecoverCopyAfterRewrittenCommit(WalWriteMergingVfs());
}

TEST(WalWriteMerger, ACrashRightAfterCommitOnTheDefaultVfs) {
  RecoverCopyAfterRewrittenCommit(nullptr);
}

}  // namespace
}  // namespace skerry::storage::sqlite
