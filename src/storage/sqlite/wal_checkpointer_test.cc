// WalCheckpointer against a real SQLite: the writer's commits wake the thread, the writer starts
// the WAL over once it is long and nearly copied, the WAL stays bounded under a steady stream of
// commits, nothing committed is lost or damaged, and TRUNCATE checkpoints wait for the thread's
// instead of failing against it.

#include "storage/sqlite/wal_checkpointer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "storage/conformance/test_backends.h"
#include "storage/sql/query.h"

namespace skerry::storage::sqlite {
namespace {

constexpr std::uintmax_t kFrameBytes = 4096 + 24;

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto writer = SqliteConnection::Open(path_, {ConnectionRole::kWriter});
    ASSERT_TRUE(writer.has_value()) << writer.error().ToString();
    writer_ = std::move(*writer);
    SKERRY_ASSERT_OK(writer_->EnableWal());
    SKERRY_ASSERT_OK(writer_->SetSyncOnCommit(false));  // as SqliteStore's pipelined writer
    SKERRY_ASSERT_OK(writer_->Execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)"));
  }

  WalCheckpointer* Start(const CheckpointOptions& options) {
    auto c = WalCheckpointer::Start(path_, std::chrono::milliseconds(2000), options);
    EXPECT_TRUE(c.has_value()) << c.error().ToString();
    if (!c) return nullptr;
    checkpointer_ = std::move(*c);
    checkpointer_->Attach(*writer_);
    return checkpointer_.get();
  }

  // One commit per row, each a page and a half of new data.
  void Insert(int from, int to) {
    for (int k = from; k < to; ++k) {
      SKERRY_ASSERT_OK(writer_->Execute(
          "INSERT INTO t (k, v) VALUES (" + std::to_string(k) + ", randomblob(6000))"));
    }
  }

  std::uintmax_t WalBytes() {
    std::error_code ec;
    auto n = std::filesystem::file_size(path_.string() + "-wal", ec);
    return ec ? 0 : n;
  }

  std::string Query(const std::string& sql) {
    auto q = sql::Query::Prepare(*writer_, sql);
    EXPECT_TRUE(q.has_value());
    if (!q || !q->StepExpectRow("test")) return "";
    return q->Text(0);
  }

  TempDir dir_;
  std::filesystem::path path_ = dir_.path() / "t.db";
  std::unique_ptr<WalCheckpointer> checkpointer_;  // outlives writer_, whose hook calls it
  std::unique_ptr<SqliteConnection> writer_;
};

TEST(CheckpointOptions, DerivedFromTheWalLength) {
  auto standard = CheckpointOptions::ForWalPages(40000);
  CheckpointOptions defaults;
  EXPECT_EQ(standard.background_frames, defaults.background_frames);
  EXPECT_EQ(standard.restart_frames, defaults.restart_frames);
  EXPECT_EQ(standard.tail_frames, defaults.tail_frames);
  EXPECT_EQ(standard.max_frames, defaults.max_frames);
  auto small = CheckpointOptions::ForWalPages(1000);
  EXPECT_EQ(small.background_frames, 250);
  EXPECT_EQ(small.tail_frames, 25);
  EXPECT_EQ(small.max_frames, 2000);
  EXPECT_EQ(CheckpointOptions::ForWalPages(1000000).background_frames, 10000);
}

TEST_F(WalCheckpointerTest, FewCommitsLeaveTheWalAlone) {
  auto c = Start({.background_frames = 1000, .restart_frames = 4000, .tail_frames = 100,
                  .max_frames = 8000});
  Insert(0, 50);  // ~100 frames: SQLite's own scheme would not copy either, but nor do we
  auto s = c->stats();
  EXPECT_EQ(s.background, 0u);
  EXPECT_EQ(s.inline_runs, 0u);
  EXPECT_GT(WalBytes(), 50 * kFrameBytes);
}

TEST_F(WalCheckpointerTest, SteadyCommitsAreCopiedInTheBackgroundAndTheWalStartsOver) {
  CheckpointOptions options{.background_frames = 64, .restart_frames = 512, .tail_frames = 64,
                            .max_frames = 1024};
  auto c = Start(options);
  Insert(0, 3000);  // ~6,000 frames: several WAL cycles
  auto s = c->stats();
  EXPECT_GT(s.background, 0u);
  EXPECT_GT(s.inline_runs, 0u);
  EXPECT_GT(s.restarts, 0u);
  // The file never grows past max_frames (plus the commit that crossed it): no checkpoint
  // falls behind for good.
  EXPECT_LE(WalBytes(), (options.max_frames + 16) * kFrameBytes + 32);
  EXPECT_EQ(Query("SELECT count(*) FROM t"), "3000");
  EXPECT_EQ(Query("PRAGMA integrity_check"), "ok");
}

TEST_F(WalCheckpointerTest, TruncateWaitsForTheBackgroundCheckpoint) {
  auto c = Start({.background_frames = 16, .restart_frames = 100000, .tail_frames = 16,
                  .max_frames = 200000});
  for (int round = 0; round < 20; ++round) {
    // Each burst wakes the thread; the TRUNCATE right after it often finds it still copying,
    // which SQLite alone would answer with "busy" at once.
    Insert(round * 100, round * 100 + 100);
    SKERRY_ASSERT_OK(c->Truncate());
    EXPECT_EQ(WalBytes(), 0u);
  }
  EXPECT_GT(c->stats().background, 0u);
  EXPECT_EQ(Query("SELECT count(*) FROM t"), "2000");
}

TEST_F(WalCheckpointerTest, AfterCloseTruncateIsCancelledAndTheWriterCopiesItself) {
  CheckpointOptions options{.background_frames = 64, .restart_frames = 256, .tail_frames = 64,
                            .max_frames = 100000};
  auto c = Start(options);
  c->Close();
  c->Close();  // idempotent
  SKERRY_EXPECT_CODE(c->Truncate(), ErrorCode::kCancelled);
  Insert(0, 1000);  // ~2,000 frames with no thread: the hook copies once the WAL is long
  EXPECT_GT(c->stats().inline_runs, 0u);
  EXPECT_LE(WalBytes(), (options.restart_frames + 16) * kFrameBytes + 32);
}

}  // namespace
}  // namespace skerry::storage::sqlite
