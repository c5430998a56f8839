// The pipelined group commit (GroupCommitWriter with a LogSyncer), against a fake connection and
// a syncer the test opens and closes like a gate: what may and may not happen while an fsync is
// in flight, what a failed fsync does, and how Close() drains. Nothing here depends on timing:
// every "has not happened" is checked while the event it would need is held back by the gate.

#include "storage/sql/group_commit_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <thread>

namespace skerry::storage::sql {
namespace {

// Only a hang guard: a broken pipeline deadlocks instead of failing, and a test that never ends
// says less than one that fails.
constexpr auto kHang = std::chrono::seconds(60);

template <typename T>
bool Ready(std::future<T>& f) {
  return f.wait_for(kHang) == std::future_status::ready;
}

// A write whose sync failed gets kIo ("refuses writes"), and a later write fails without its
// closure running: nothing it wrote could be called durable.
void ExpectRefusedAfterFailedSync(const Status& status, GroupCommitWriter& writer) {
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kIo);
  EXPECT_NE(status.error().detail.find("refuses writes"), std::string::npos)
      << status.error().detail;
  bool ran = false;
  auto later = writer.Run([&](Connection&) -> Status {
    ran = true;
    return Ok();
  });
  ASSERT_FALSE(later.has_value());
  EXPECT_EQ(later.error().code, ErrorCode::kIo);
  EXPECT_FALSE(ran);
}

// Transactions that do nothing; COMMIT fails on demand. Counts savepoints and rollbacks.
class FakeConnection final : public Connection {
 public:
  explicit FakeConnection(std::atomic<bool>* fail_commit) : fail_commit_(fail_commit) {}
  std::atomic<int> savepoints{0};
  std::atomic<int> rollbacks{0};
  Result<std::unique_ptr<Statement>> Prepare(std::string_view) override {
    return MakeError(ErrorCode::kUnimplemented, "fake");
  }
  Status Execute(std::string_view) override { return Ok(); }
  std::int64_t ChangedRows() override { return 0; }
  Status Begin(TxnMode) override {
    in_txn_ = true;
    return Ok();
  }
  Status Commit() override {
    in_txn_ = false;
    if (fail_commit_->load()) return MakeError(ErrorCode::kIo, "disk full (fake)");
    return Ok();
  }
  Status Rollback() override {
    in_txn_ = false;
    ++rollbacks;
    return Ok();
  }
  bool InTransaction() override { return in_txn_; }
  // As the engine does on an I/O error: the transaction is gone.
  void Break() { in_txn_ = false; }
  Status Savepoint(std::string_view) override {
    ++savepoints;
    return Ok();
  }
  Status ReleaseSavepoint(std::string_view) override { return Ok(); }
  Status RollbackToSavepoint(std::string_view) override { return Ok(); }
  const std::string& Name() const override { return name_; }

 private:
  std::atomic<bool>* fail_commit_;
  bool in_txn_ = false;
  std::string name_ = "fake";
};

// Each Sync() call takes a ticket in the order it entered and waits at the gate until the test
// releases (or fails) that ticket; with two syncers, in any order.
struct Tickets {
  std::mutex mu;
  std::condition_variable cv;
  int entered = 0;
  std::set<int> released;
  std::set<int> failing;
  bool open = false;  // every Sync() passes (for draining)
  int passed = 0;     // tickets Pass() released

  void WaitEntered(int n) {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, kHang, [&] { return entered >= n; })) << "no Sync() #" << n;
  }
  void Release(int ticket, bool fail = false) {
    std::lock_guard lock(mu);
    released.insert(ticket);
    if (fail) failing.insert(ticket);
    cv.notify_all();
  }
  // Releases the next ticket in entry order (one syncer: the sync waiting now).
  void Pass(bool fail = false) { Release(++passed, fail); }
  void Open() {
    std::lock_guard lock(mu);
    open = true;
    cv.notify_all();
  }
};

class TicketSyncer final : public LogSyncer {
 public:
  explicit TicketSyncer(Tickets& t) : t_(t) {}
  Status Sync() override {
    std::unique_lock lock(t_.mu);
    int ticket = ++t_.entered;
    t_.cv.notify_all();
    t_.cv.wait(lock, [&] { return t_.open || t_.released.count(ticket) > 0; });
    if (t_.failing.count(ticket) > 0) {
      return MakeError(ErrorCode::kIo, "fdatasync: Input/output error (fake)");
    }
    return Ok();
  }

 private:
  Tickets& t_;
};

class PipelinedWriterTest : public ::testing::Test {
 protected:
  PipelinedWriterTest()
      : writer_(std::make_unique<FakeConnection>(&fail_commit_), 64, Syncers(gate_)) {}
  static std::vector<std::unique_ptr<LogSyncer>> Syncers(Tickets& gate) {
    std::vector<std::unique_ptr<LogSyncer>> out;
    out.push_back(std::make_unique<TicketSyncer>(gate));
    return out;
  }
  ~PipelinedWriterTest() override {
    gate_.Open();  // whatever a test left queued can drain
    writer_.Close();
  }

  // Submits a write that reports when its closure ran and when it was acknowledged.
  struct Tracked {
    std::promise<void> ran;
    std::promise<Status> done;
    std::future<void> ran_f = ran.get_future();
    std::future<Status> done_f = done.get_future();
  };
  void Submit(Tracked& t, bool fail = false) {
    writer_.Submit(
        [&t, fail](Connection&) -> Status {
          t.ran.set_value();
          return fail ? MakeError(ErrorCode::kInvalidArgument, "planned") : Ok();
        },
        [&t](Status s) { t.done.set_value(std::move(s)); });
  }

  std::atomic<bool> fail_commit_{false};
  Tickets gate_;
  GroupCommitWriter writer_;
};

// Close() from a completion callback only stops accepting, even while the owner's Close() is
// joining that very callback's thread.
TEST_F(PipelinedWriterTest, CloseFromACallbackWhileTheOwnerCloses) {
  std::promise<void> called;
  writer_.Submit([](Connection&) -> Status { return Ok(); },
                 [&](Status) {
                   called.set_value();
                   writer_.Close();
                 });
  gate_.WaitEntered(1);
  auto owner = std::async(std::launch::async, [&] { writer_.Close(); });
  // Long enough for the owner to be joining the sync thread in most runs; the test passes either
  // way when there is no deadlock.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  gate_.Pass();
  auto called_f = called.get_future();
  ASSERT_TRUE(Ready(called_f));
  if (owner.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    ADD_FAILURE() << "the owner's Close() and a callback's Close() deadlocked";
    std::_Exit(1);  // the fixture's own Close() would hang too
  }
}

TEST_F(PipelinedWriterTest, CallbacksWaitForTheSyncCoveringTheirCommit) {
  Tracked a;
  Submit(a);
  gate_.WaitEntered(1);  // A committed; its sync is held at the gate
  EXPECT_NE(a.done_f.wait_for(std::chrono::seconds(0)), std::future_status::ready);

  // The writer does not wait for A's sync: B runs and commits meanwhile.
  Tracked b;
  Submit(b);
  ASSERT_TRUE(Ready(b.ran_f));
  EXPECT_NE(a.done_f.wait_for(std::chrono::seconds(0)), std::future_status::ready);

  gate_.Pass();  // sync #1 returns: it covered A only (B's COMMIT came after it started)
  ASSERT_TRUE(Ready(a.done_f));
  EXPECT_TRUE(a.done_f.get().has_value());
  gate_.WaitEntered(2);  // B's own sync
  EXPECT_NE(b.done_f.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  gate_.Pass();
  ASSERT_TRUE(Ready(b.done_f));
  EXPECT_TRUE(b.done_f.get().has_value());
  EXPECT_EQ(writer_.stats().syncs, 2u);
  EXPECT_EQ(writer_.stats().commits, 2u);
}

TEST_F(PipelinedWriterTest, OneSyncCoversEveryBatchCommittedBeforeIt) {
  Tracked a, b, c;
  Submit(a);
  gate_.WaitEntered(1);
  Submit(b);
  ASSERT_TRUE(Ready(b.ran_f));
  Submit(c);
  ASSERT_TRUE(Ready(c.ran_f));
  // A closure that holds the writer: once it runs, the batches before it (B, C) were handed to
  // the sync thread (two waiting batches: the writer's limit, so it did not stop before this).
  std::promise<void> hold_started, release_hold;
  auto release_hold_f = release_hold.get_future();
  std::promise<Status> hold_done;
  writer_.Submit(
      [&](Connection&) -> Status {
        hold_started.set_value();
        release_hold_f.wait();
        return Ok();
      },
      [&](Status s) { hold_done.set_value(std::move(s)); });
  hold_started.get_future().wait();

  gate_.Pass();
  ASSERT_TRUE(Ready(a.done_f));
  gate_.WaitEntered(2);
  gate_.Pass();  // sync #2 started after B's and C's COMMITs: it covers both
  ASSERT_TRUE(Ready(b.done_f));
  ASSERT_TRUE(Ready(c.done_f));
  EXPECT_TRUE(b.done_f.get().has_value());
  EXPECT_TRUE(c.done_f.get().has_value());
  EXPECT_EQ(writer_.stats().syncs, 2u);

  release_hold.set_value();
  gate_.WaitEntered(3);
  gate_.Pass();
  auto held = hold_done.get_future();
  ASSERT_TRUE(Ready(held));
  EXPECT_TRUE(held.get().has_value());
  EXPECT_EQ(writer_.stats().syncs, 3u);
}

TEST_F(PipelinedWriterTest, FailedSyncFailsTheBatchAndEveryLaterWrite) {
  Tracked a;
  Submit(a);
  gate_.WaitEntered(1);
  gate_.Pass(/*fail=*/true);
  ASSERT_TRUE(Ready(a.done_f));
  ExpectRefusedAfterFailedSync(a.done_f.get(), writer_);
  EXPECT_EQ(writer_.stats().syncs, 1u);
}

TEST_F(PipelinedWriterTest, ClosureFailuresAndFailedCommitsNeedNoSync) {
  gate_.Open();
  Tracked failing;
  Submit(failing, /*fail=*/true);
  ASSERT_TRUE(Ready(failing.done_f));
  EXPECT_EQ(failing.done_f.get().error().code, ErrorCode::kInvalidArgument);

  fail_commit_ = true;
  Tracked lost;
  Submit(lost);
  ASSERT_TRUE(Ready(lost.done_f));
  EXPECT_EQ(lost.done_f.get().error().code, ErrorCode::kIo);
  EXPECT_EQ(writer_.stats().syncs, 0u);
}

TEST_F(PipelinedWriterTest, CloseDrainsEverySyncBeforeReturning) {
  Tracked a;
  Submit(a);
  gate_.WaitEntered(1);
  std::vector<std::unique_ptr<Tracked>> queued;
  for (int i = 0; i < 5; ++i) {
    queued.push_back(std::make_unique<Tracked>());
    Submit(*queued.back());
  }
  auto closed = std::async(std::launch::async, [&] { writer_.Close(); });
  EXPECT_NE(closed.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  gate_.Open();
  ASSERT_TRUE(Ready(closed));
  // Close() returned: every write submitted before it is acknowledged, after its sync.
  EXPECT_TRUE(a.done_f.get().has_value());
  for (auto& t : queued) {
    ASSERT_EQ(t->done_f.wait_for(std::chrono::seconds(0)), std::future_status::ready);
    EXPECT_TRUE(t->done_f.get().has_value());
  }
  std::promise<Status> late;
  writer_.Submit([](Connection&) { return Ok(); }, [&](Status s) { late.set_value(s); });
  EXPECT_EQ(late.get_future().get().error().code, ErrorCode::kCancelled);
}

TEST_F(PipelinedWriterTest, BlockingWriteFromACallbackIsRefused) {
  gate_.Open();
  std::promise<Status> nested;
  writer_.Submit([](Connection&) { return Ok(); },
                 [&](Status) { nested.set_value(writer_.Run([](Connection&) { return Ok(); })); });
  auto f = nested.get_future();
  ASSERT_TRUE(Ready(f));
  auto status = f.get();
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
}

class TwoSyncsWriterTest : public ::testing::Test {
 protected:
  TwoSyncsWriterTest() : writer_(std::make_unique<FakeConnection>(&fail_commit_), 64, Syncers()) {}
  ~TwoSyncsWriterTest() override {
    tickets_.Open();
    writer_.Close();
  }
  std::vector<std::unique_ptr<LogSyncer>> Syncers() {
    std::vector<std::unique_ptr<LogSyncer>> out;
    out.push_back(std::make_unique<TicketSyncer>(tickets_));
    out.push_back(std::make_unique<TicketSyncer>(tickets_));
    return out;
  }
  struct Tracked {
    std::promise<Status> done;
    std::future<Status> done_f = done.get_future();
  };
  void Submit(Tracked& t) {
    writer_.Submit([](Connection&) { return Ok(); },
                   [&t](Status s) { t.done.set_value(std::move(s)); });
  }

  std::atomic<bool> fail_commit_{false};
  Tickets tickets_;  // before writer_: the sync threads use it until Close()
  GroupCommitWriter writer_;
};

// A batch whose every closure failed needs no sync of its own, but the sync thread that claims it
// acknowledges every batch before it still waiting, also one whose fsync runs on the other
// thread: it must sync first, or it would call that batch durable before it is.
TEST_F(TwoSyncsWriterTest, AFailedOnlyBatchSyncsBeforeItAcknowledgesAnEarlierOne) {
  Tracked a;
  Submit(a);
  tickets_.WaitEntered(1);  // sync #1 covers A and is held
  std::promise<Status> failed;
  auto failed_f = failed.get_future();
  writer_.Submit([](Connection&) -> Status { return MakeError(ErrorCode::kAlreadyExists, "dup"); },
                 [&](Status s) { failed.set_value(std::move(s)); });
  tickets_.WaitEntered(2);  // the other thread syncs for it
  EXPECT_NE(a.done_f.wait_for(std::chrono::milliseconds(50)), std::future_status::ready);
  tickets_.Release(2);
  ASSERT_TRUE(Ready(a.done_f));
  EXPECT_TRUE(a.done_f.get().has_value());
  ASSERT_TRUE(Ready(failed_f));
  EXPECT_EQ(failed_f.get().error().code, ErrorCode::kAlreadyExists);
  tickets_.Release(1);
}

TEST_F(TwoSyncsWriterTest, ALaterSyncAcknowledgesWhatAnEarlierOneStillSyncs) {
  Tracked a, b;
  Submit(a);
  tickets_.WaitEntered(1);  // sync #1 covers A and is held
  Submit(b);
  tickets_.WaitEntered(2);  // the other thread syncs B at once, without waiting for #1
  EXPECT_NE(a.done_f.wait_for(std::chrono::seconds(0)), std::future_status::ready);

  tickets_.Release(2);  // #2 started after A's COMMIT too: it covers both
  ASSERT_TRUE(Ready(a.done_f));
  ASSERT_TRUE(Ready(b.done_f));
  EXPECT_TRUE(a.done_f.get().has_value());
  EXPECT_TRUE(b.done_f.get().has_value());

  tickets_.Release(1);  // nothing left for #1 to acknowledge; the writer goes on
  Tracked c;
  Submit(c);
  tickets_.WaitEntered(3);
  tickets_.Release(3);
  ASSERT_TRUE(Ready(c.done_f));
  EXPECT_TRUE(c.done_f.get().has_value());
}

TEST_F(TwoSyncsWriterTest, AFailedSyncFailsTheOneInFlightAndEveryLaterWrite) {
  Tracked a, b;
  Submit(a);
  tickets_.WaitEntered(1);
  Submit(b);
  tickets_.WaitEntered(2);
  tickets_.Release(1, /*fail=*/true);
  ASSERT_TRUE(Ready(a.done_f));
  EXPECT_EQ(a.done_f.get().error().code, ErrorCode::kIo);

  // #2 reports success, but it returned after #1 failed: A's frames may be gone, and recovery
  // would drop B's behind them.
  tickets_.Release(2);
  ASSERT_TRUE(Ready(b.done_f));
  ExpectRefusedAfterFailedSync(b.done_f.get(), writer_);
}

TEST_F(TwoSyncsWriterTest, BlockingWritesFromManyThreadsAreEachAcknowledgedOnce) {
  tickets_.Open();
  constexpr int kThreads = 32, kWrites = 200;
  std::atomic<int> runs{0}, oks{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int n = 0; n < kWrites; ++n) {
        auto s = writer_.Run([&](Connection&) -> Status {
          runs.fetch_add(1);
          return Ok();
        });
        if (s) oks.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(runs.load(), kThreads * kWrites);
  EXPECT_EQ(oks.load(), kThreads * kWrites);
}

TEST_F(TwoSyncsWriterTest, CloseDrainsBothSyncs) {
  std::vector<std::unique_ptr<Tracked>> writes;
  for (int i = 0; i < 6; ++i) {
    writes.push_back(std::make_unique<Tracked>());
    Submit(*writes.back());
    if (i == 0) tickets_.WaitEntered(1);
  }
  tickets_.WaitEntered(2);
  auto closed = std::async(std::launch::async, [&] { writer_.Close(); });
  EXPECT_NE(closed.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  tickets_.Open();
  ASSERT_TRUE(Ready(closed));
  for (auto& t : writes) {
    ASSERT_EQ(t->done_f.wait_for(std::chrono::seconds(0)), std::future_status::ready);
    EXPECT_TRUE(t->done_f.get().has_value());
  }
}

// A batch runs bare (no savepoint per closure); when a closure fails there, the batch is rolled
// back and runs again with a savepoint per closure, so the failure is undone alone.
class BareFirstWriterTest : public ::testing::Test {
 protected:
  BareFirstWriterTest() {
    auto conn = std::make_unique<FakeConnection>(&fail_commit_);
    conn_ = conn.get();
    writer_ = std::make_unique<GroupCommitWriter>(
        std::move(conn), 64, std::vector<std::unique_ptr<LogSyncer>>{},
        [this](Connection& c) -> Status {
          ++hook_calls_;
          return hook_ ? hook_(c) : Ok();
        });
  }

  // Runs `fails.size()` closures as one batch (queued while a first closure holds the writer);
  // returns how often each ran and what each was told.
  struct Outcome {
    std::vector<int> runs;
    std::vector<Status> results;
  };
  Outcome RunBatch(const std::vector<bool>& fails) {
    std::promise<void> holding, release;
    auto release_f = release.get_future();
    std::promise<Status> held;
    writer_->Submit(
        [&](Connection&) -> Status {
          holding.set_value();
          release_f.wait();
          return Ok();
        },
        [&](Status s) { held.set_value(std::move(s)); });
    holding.get_future().wait();
    before_ = writer_->stats();
    savepoints_before_ = conn_->savepoints.load();
    Outcome out{std::vector<int>(fails.size(), 0), std::vector<Status>(fails.size(), Ok())};
    std::vector<std::promise<Status>> done(fails.size());
    for (std::size_t i = 0; i < fails.size(); ++i) {
      writer_->Submit(
          [this, &out, i, fail = fails[i]](Connection&) -> Status {
            ++out.runs[i];  // the writer thread alone runs closures
            ++closure_runs_;
            return fail ? MakeError(ErrorCode::kInvalidArgument, "planned") : Ok();
          },
          [&done, i](Status s) { done[i].set_value(std::move(s)); });
    }
    release.set_value();
    auto held_f = held.get_future();
    EXPECT_TRUE(Ready(held_f));
    for (std::size_t i = 0; i < fails.size(); ++i) {
      auto f = done[i].get_future();
      EXPECT_TRUE(Ready(f));
      out.results[i] = f.get();
    }
    return out;
  }
  std::uint64_t Reruns() const { return writer_->stats().reruns - before_.reruns; }
  int Savepoints() const { return conn_->savepoints.load() - savepoints_before_; }

  std::atomic<bool> fail_commit_{false};
  FakeConnection* conn_ = nullptr;
  // The batch hook's behaviour; set before the first write (the writer thread reads it).
  GroupCommitWriter::BatchHook hook_;
  std::atomic<int> hook_calls_{0};
  std::atomic<int> closure_runs_{0};  // RunBatch's closures, every pass
  std::unique_ptr<GroupCommitWriter> writer_;
  GroupCommitWriter::Stats before_;
  int savepoints_before_ = 0;
};

TEST_F(BareFirstWriterTest, ABatchThatSucceedsRunsEachClosureOnceWithoutSavepoints) {
  auto out = RunBatch({false, false, false});
  EXPECT_EQ(out.runs, (std::vector<int>{1, 1, 1}));
  for (auto& r : out.results) EXPECT_TRUE(r.has_value());
  EXPECT_EQ(Reruns(), 0u);
  EXPECT_EQ(Savepoints(), 0);
}

TEST_F(BareFirstWriterTest, AFailureRunsTheBatchAgainWithASavepointPerClosure) {
  auto out = RunBatch({false, true, false});
  // The bare pass stopped at the failure; the second pass ran all three, each in a savepoint.
  EXPECT_EQ(out.runs, (std::vector<int>{2, 2, 1}));
  EXPECT_TRUE(out.results[0].has_value());
  ASSERT_FALSE(out.results[1].has_value());
  EXPECT_EQ(out.results[1].error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(out.results[2].has_value());
  EXPECT_EQ(Reruns(), 1u);
  EXPECT_EQ(Savepoints(), 3);
}

TEST_F(BareFirstWriterTest, AClosureAloneIsUndoneByRollingBackItsTransaction) {
  int rollbacks = conn_->rollbacks.load();
  auto out = RunBatch({true});
  EXPECT_EQ(out.runs, (std::vector<int>{1}));
  EXPECT_EQ(out.results[0].error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Reruns(), 0u);
  EXPECT_EQ(Savepoints(), 0);
  EXPECT_EQ(conn_->rollbacks.load() - rollbacks, 1);
}

// The batch hook runs once per batch, after every closure of its final pass, before COMMIT.
TEST_F(BareFirstWriterTest, TheBatchHookRunsOnceAfterTheClosuresOfItsBatch) {
  std::vector<int> seen;  // closures run so far, at each hook call (the writer thread's alone)
  hook_ = [&](Connection&) -> Status {
    seen.push_back(closure_runs_.load());
    return Ok();
  };
  RunBatch({false, false, false});
  // The holding closure's batch, then the three's, after all three ran.
  EXPECT_EQ(seen, (std::vector<int>{0, 3}));
  RunBatch({false, true, false});  // a rerun: the hook runs after the second pass only
  EXPECT_EQ(seen, (std::vector<int>{0, 3, 3, 8}));
}

TEST_F(BareFirstWriterTest, NoBatchHookWhenEveryClosureFailed) {
  int calls = hook_calls_.load();
  auto out = RunBatch({true});
  EXPECT_FALSE(out.results[0].has_value());
  EXPECT_EQ(hook_calls_.load() - calls, 1);  // the holding closure's batch only
}

TEST_F(BareFirstWriterTest, AFailedBatchHookLeavesTheBatchCommitted) {
  hook_ = [](Connection&) -> Status { return MakeError(ErrorCode::kAlreadyExists, "planned"); };
  auto failures = writer_->stats().hook_failures;
  auto out = RunBatch({false, false});
  for (auto& r : out.results) EXPECT_TRUE(r.has_value());
  EXPECT_EQ(writer_->stats().hook_failures - failures, 2u);
}

TEST_F(BareFirstWriterTest, ABatchHookThatBreaksTheTransactionFailsTheBatch) {
  hook_ = [this](Connection&) -> Status {
    conn_->Break();
    return MakeError(ErrorCode::kIo, "disk I/O error (fake)");
  };
  // The middle closure fails on its own, so the batch reruns with a savepoint each; then the
  // hook breaks the transaction. The middle closure keeps its own error, the others get the
  // hook's.
  auto out = RunBatch({false, true, false});
  for (std::size_t i : {0u, 2u}) {
    ASSERT_FALSE(out.results[i].has_value());
    EXPECT_EQ(out.results[i].error().code, ErrorCode::kIo);
    EXPECT_NE(out.results[i].error().detail.find("batch hook"), std::string::npos)
        << out.results[i].error().detail;
  }
  ASSERT_FALSE(out.results[1].has_value());
  EXPECT_EQ(out.results[1].error().code, ErrorCode::kInvalidArgument);
}

TEST_F(BareFirstWriterTest, AThrowingBatchHookIsAFailureLikeAnother) {
  hook_ = [](Connection&) -> Status { throw 42; };
  auto failures = writer_->stats().hook_failures;
  auto out = RunBatch({false});
  EXPECT_TRUE(out.results[0].has_value());
  EXPECT_EQ(writer_->stats().hook_failures - failures, 2u);
}

}  // namespace
}  // namespace skerry::storage::sql
