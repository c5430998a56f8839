// MetadataStore conformance, part 2: write closures — atomicity, asynchronous completion,
// concurrency — run against every backend.

#include <array>
#include <atomic>
#include <future>
#include <latch>
#include <mutex>
#include <set>
#include <thread>

#include "storage/conformance/metadata_fixture.h"

namespace skerry::storage::testing {
namespace {

class MetadataTxnConformance : public MetadataConformance {};

TEST_P(MetadataTxnConformance, FailingClosureLeavesNoTrace) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  auto status = Do([&](WriteTxn& t) -> Status {
    auto folder = Folder(FolderId(2), mailbox_a_);
    SKERRY_TRY(t.CreateFolder(folder));
    auto item = Item(ItemId(1), FolderId(1), BlobId(1));
    SKERRY_TRY(t.AppendItem(item));
    SKERRY_TRY(t.PutOrganization(Org(2, "alias")));
    SKERRY_TRY(t.DestroyMailboxKey(mailbox_b_));
    return MakeError(ErrorCode::kInternal, "boom");
  });
  SKERRY_EXPECT_CODE(status, ErrorCode::kInternal);
  EXPECT_EQ(status.error().detail, "boom");  // the closure's own error comes back

  SKERRY_EXPECT_CODE(
      store().Read([](ReadTxn& t) { return t.GetFolder(FolderId(2)).map([](auto&&) {}); }),
      ErrorCode::kNotFound);
  EXPECT_TRUE(ListItems(FolderId(1)).empty());
  EXPECT_EQ(GetFolder(FolderId(1)).uid_next, 1u);
  EXPECT_EQ(GetMailbox(mailbox_a_).highest_modseq, 1u);
  EXPECT_EQ(Changes(mailbox_a_).size(), 1u);
  EXPECT_EQ(RefCount(BlobId(1)), 0u);
  EXPECT_EQ(GetMailbox(mailbox_b_).state, model::MailboxState::kActive);
  EXPECT_EQ(ReadValue<std::optional<std::string>>(
                [](ReadTxn& t) { return t.FindOrganizationByAlias(ToBytes("alias")); }),
            std::nullopt);
}

// A refused call inside a closure changes nothing, so the closure may carry on and commit.
TEST_P(MetadataTxnConformance, RefusedCallDoesNotPoisonItsClosure) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  Append(Item(ItemId(1), FolderId(1), BlobId(1)));
  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) -> Status {
    auto dup_folder = Folder(FolderId(1), mailbox_a_);
    EXPECT_EQ(t.CreateFolder(dup_folder).error().code, ErrorCode::kAlreadyExists);
    auto dup_item = Item(ItemId(1), FolderId(1), BlobId(1));
    EXPECT_EQ(t.AppendItem(dup_item).error().code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(t.DeleteFolder(FolderId(1)).error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(t.PutOrganization(Org(3)).has_value(), true);
    auto folder = Folder(FolderId(2), mailbox_a_);
    SKERRY_TRY(t.CreateFolder(folder));
    return Ok();
  }));
  // No modseq was burnt by the refused calls: the log has no gap.
  auto log = Changes(mailbox_a_);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[2].modseq, 3u);
  EXPECT_EQ(log[2].object_id, FolderId(2));
  EXPECT_EQ(RefCount(BlobId(1)), 1u);
  EXPECT_EQ(GetFolder(FolderId(1)).uid_next, 2u);
}

TEST_P(MetadataTxnConformance, SubmitWriteReportsAfterTheCommitIsVisible) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  std::promise<std::pair<bool, std::size_t>> seen;
  auto item = std::make_shared<model::ItemRecord>(Item(ItemId(1), FolderId(1), BlobId(1)));
  store().SubmitWrite([item](WriteTxn& t) { return t.AppendItem(*item).map([](auto) {}); },
                      [&](Status s) {
                        // Runs on a store thread after the commit: a fresh read sees the item.
                        std::size_t n = 0;
                        auto r = store().Read([&](ReadTxn& t) -> Status {
                          n = SKERRY_TRY(t.ListItems(FolderId(1), 0, 10)).size();
                          return Ok();
                        });
                        seen.set_value({s.has_value() && r.has_value(), n});
                      });
  auto [ok, count] = seen.get_future().get();
  EXPECT_TRUE(ok);
  EXPECT_EQ(count, 1u);
}

TEST_P(MetadataTxnConformance, NestedWriteIsRefusedNotDeadlocked) {
  SeedMailboxes();
  auto status =
      Do([&](WriteTxn&) -> Status { return store().Write([](WriteTxn&) { return Ok(); }); });
  SKERRY_EXPECT_CODE(status, ErrorCode::kFailedPrecondition);
}

TEST_P(MetadataTxnConformance, ReadReturnsTheClosuresError) {
  auto status =
      store().Read([](ReadTxn&) -> Status { return MakeError(ErrorCode::kTimeout, "mine"); });
  SKERRY_EXPECT_CODE(status, ErrorCode::kTimeout);
}

// A closure may run more than once (metadata_store.h): only its last run's writes remain, and
// what it reports to its caller is what that run wrote.
TEST_P(MetadataTxnConformance, AClosureRunTwiceLeavesTheWritesOfOneRun) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  std::promise<void> holding, release;
  auto release_f = release.get_future().share();
  std::latch done(4);
  std::atomic<bool> held{false};
  store().SubmitWrite(
      [&](WriteTxn&) -> Status {
        if (!held.exchange(true)) holding.set_value();  // re-runnable, like any write closure
        release_f.wait();  // holds the writer until the three below are queued
        return Ok();
      },
      [&](Status s) {
        EXPECT_TRUE(s.has_value());
        done.count_down();
      });
  holding.get_future().wait();
  struct Write {
    model::ItemRecord reported;
    int runs = 0;
    Status status = Ok();
  };
  std::array<Write, 3> w;
  for (unsigned i = 0; i < 3; ++i) {
    store().SubmitWrite(
        [&, i](WriteTxn& t) -> Status {
          ++w[i].runs;
          auto item = Item(ItemId(i + 1), FolderId(1), BlobId(i + 1));
          SKERRY_TRY(t.AppendItem(item));
          w[i].reported = item;  // set, never added to
          return i == 1 ? MakeError(ErrorCode::kInternal, "planned") : Ok();
        },
        [&, i](Status s) {
          w[i].status = std::move(s);
          done.count_down();
        });
  }
  release.set_value();
  done.wait();

  // SQLite ran the batch again after the second closure failed; the memory store rehearses.
  EXPECT_EQ(w[0].runs, 2);
  SKERRY_EXPECT_OK(w[0].status);
  SKERRY_EXPECT_CODE(w[1].status, ErrorCode::kInternal);
  SKERRY_EXPECT_OK(w[2].status);
  auto items = ListItems(FolderId(1));
  ASSERT_EQ(items.size(), 2u);
  for (auto [stored, write] : {std::pair{items[0], w[0]}, std::pair{items[1], w[2]}}) {
    EXPECT_EQ(stored.id, write.reported.id);
    EXPECT_EQ(stored.uid, write.reported.uid);
    EXPECT_EQ(stored.modseq, write.reported.modseq);
  }
  EXPECT_EQ(items[1].uid, 2u);
  EXPECT_EQ(Changes(mailbox_a_).size(), 3u);  // the folder and two items
  EXPECT_EQ(RefCount(BlobId(1)), 1u);
  EXPECT_EQ(RefCount(BlobId(2)), 0u);
}

// Failing closures submitted among succeeding ones, from many threads at once: each fails
// alone; the others all commit; no modseq is lost to a failed closure.
TEST_P(MetadataTxnConformance, FailingClosuresAmongConcurrentOnesRollBackAlone) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  constexpr int kThreads = 8, kPerThread = 25;
  std::latch done(kThreads * kPerThread);
  std::mutex mu;
  std::vector<std::string> failed_reported;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        unsigned n = static_cast<unsigned>(t * kPerThread + i + 1);
        bool fail = n % 2 == 0;
        store().SubmitWrite(
            [n, fail](WriteTxn& txn) -> Status {
              auto item = Item(ItemId(n), FolderId(1), BlobId(n));
              SKERRY_TRY(txn.AppendItem(item));
              if (fail) return MakeError(ErrorCode::kInternal, "planned failure");
              return Ok();
            },
            [&, n, fail](Status s) {
              if (s.has_value() == fail) {
                std::lock_guard lock(mu);
                failed_reported.push_back(ItemId(n));
              }
              done.count_down();
            });
      }
    });
  }
  for (auto& th : threads) th.join();
  done.wait();
  EXPECT_TRUE(failed_reported.empty()) << "wrong outcome reported for " << failed_reported.size();

  auto items = ListItems(FolderId(1));
  ASSERT_EQ(items.size(), static_cast<std::size_t>(kThreads * kPerThread / 2));
  std::set<std::uint32_t> uids;
  for (const auto& item : items) {
    auto n = std::stoul(item.id.substr(8), nullptr, 16);
    EXPECT_EQ(n % 2, 1u) << "a failed closure's item survived: " << item.id;
    uids.insert(item.uid);
  }
  EXPECT_EQ(uids.size(), items.size());
  EXPECT_EQ(*uids.rbegin(), items.size());  // UIDs 1..n with no gap from failed closures
  auto log = Changes(mailbox_a_);
  ASSERT_EQ(log.size(), items.size() + 1);
  for (std::size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log[i].modseq, i + 1);
}

TEST_P(MetadataTxnConformance, ConcurrentWritersAreAllVisibleWithDistinctModseqs) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  constexpr int kThreads = 16, kPerThread = 200;
  std::vector<std::vector<std::uint64_t>> modseqs(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto item =
            Item(ItemId(static_cast<unsigned>(t * kPerThread + i + 1)), FolderId(1), BlobId(1));
        auto s =
            store().Write([&](WriteTxn& txn) { return txn.AppendItem(item).map([](auto) {}); });
        if (!s) {
          ADD_FAILURE() << s.error().ToString();
          return;
        }
        modseqs[t].push_back(item.modseq);
      }
    });
  }
  for (auto& th : threads) th.join();

  constexpr auto kTotal = static_cast<std::size_t>(kThreads * kPerThread);
  std::set<std::uint64_t> distinct;
  for (const auto& v : modseqs) {
    // Each thread's writes are sequential, so its modseqs must increase.
    EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));
    distinct.insert(v.begin(), v.end());
  }
  EXPECT_EQ(distinct.size(), kTotal);

  auto items = ListItems(FolderId(1));
  ASSERT_EQ(items.size(), kTotal);
  for (std::size_t i = 0; i < items.size(); ++i) EXPECT_EQ(items[i].uid, i + 1);
  auto log = Changes(mailbox_a_);
  ASSERT_EQ(log.size(), kTotal + 1);
  for (std::size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log[i].modseq, i + 1);
  EXPECT_EQ(GetMailbox(mailbox_a_).highest_modseq, kTotal + 1);
  EXPECT_EQ(RefCount(BlobId(1)), kTotal);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, MetadataTxnConformance, ::testing::Values("memory", "sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace skerry::storage::testing
