// QueueStore conformance: leases, expiry, ownership, retry, depth — every backend. Times are
// injected (now_ms), never read from a clock.

#include <limits>
#include <mutex>
#include <set>
#include <thread>

#include "storage/conformance/test_backends.h"

namespace skerry::storage::testing {
namespace {

class QueueConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    backend_ = MakeStoreBackend(GetParam());
    ASSERT_NE(backend_, nullptr);
  }
  QueueStore& queue() { return *backend_->queue; }

  static model::QueueEntry Entry(unsigned n, std::string queue = "outbound",
                                 std::int64_t not_before = 0) {
    model::QueueEntry e;
    e.id = HexId(0x9, n);
    e.queue = std::move(queue);
    e.payload = ToBytes("sealed-payload-" + std::to_string(n));
    e.not_before = not_before;
    return e;
  }
  std::vector<model::QueueEntry> Lease(const std::string& owner, std::int64_t now,
                                       std::size_t max = 100, std::int64_t lease_ms = 1000,
                                       const std::string& name = "outbound") {
    return Must(queue().Lease(name, owner, now, lease_ms, max));
  }
  static std::vector<std::string> Ids(const std::vector<model::QueueEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.id);
    return out;
  }

  std::unique_ptr<StoreBackend> backend_;
};

TEST_P(QueueConformance, EnqueueRefusesDuplicatesAndBadEntries) {
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(1)));
  SKERRY_EXPECT_CODE(queue().Enqueue(Entry(1)), ErrorCode::kAlreadyExists);
  auto nameless = Entry(2);
  nameless.id.clear();
  SKERRY_EXPECT_CODE(queue().Enqueue(nameless), ErrorCode::kInvalidArgument);
  auto queueless = Entry(3, "");
  SKERRY_EXPECT_CODE(queue().Enqueue(queueless), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Must(queue().Depth("outbound")), 1u);
}

TEST_P(QueueConformance, LeaseTakesOldestFirstAndCountsAttempts) {
  // Ids deliberately out of order: "oldest" means enqueue order, not id order.
  for (unsigned n : {30u, 10u, 20u}) SKERRY_ASSERT_OK(queue().Enqueue(Entry(n)));
  auto leased = Lease("w1", 1000, 2, 500);
  ASSERT_EQ(Ids(leased), (std::vector<std::string>{HexId(0x9, 30), HexId(0x9, 10)}));
  for (const auto& e : leased) {
    EXPECT_EQ(e.attempts, 1u);
    EXPECT_EQ(e.lease_owner, "w1");
    EXPECT_EQ(e.lease_until, 1500);
    EXPECT_EQ(e.queue, "outbound");
  }
  EXPECT_EQ(leased[0].payload, ToBytes("sealed-payload-30"));
  EXPECT_EQ(Ids(Lease("w2", 1000)), std::vector<std::string>{HexId(0x9, 20)});
}

// The attempt count saturates: an entry at the largest count still leases, and so does the rest
// of its queue (a count past 32 bits once made every Lease of the queue fail to decode it).
TEST_P(QueueConformance, AttemptsSaturateInsteadOfOverflowing) {
  auto worn = Entry(1);
  worn.attempts = std::numeric_limits<std::uint32_t>::max();
  SKERRY_ASSERT_OK(queue().Enqueue(worn));
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(2)));
  for (std::int64_t now : {1000, 5000}) {  // the second lease comes after the first expired
    auto leased = Lease("w1", now);
    ASSERT_EQ(leased.size(), 2u);
    EXPECT_EQ(leased[0].attempts, std::numeric_limits<std::uint32_t>::max());
  }
}

TEST_P(QueueConformance, HeldLeaseIsNotReleasedUntilItExpires) {
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(1)));
  ASSERT_EQ(Lease("w1", 1000, 10, 500).size(), 1u);
  EXPECT_TRUE(Lease("w2", 1000).empty());
  EXPECT_TRUE(Lease("w2", 1499).empty());
  auto again = Lease("w2", 1500);  // w1 died: its lease ran out
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2u);
  EXPECT_EQ(again[0].lease_owner, "w2");
  EXPECT_EQ(again[0].lease_until, 2500);
}

TEST_P(QueueConformance, CompleteNeedsTheCurrentLease) {
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(1)));
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(2)));
  Lease("w1", 1000, 10, 500);
  SKERRY_EXPECT_CODE(queue().Complete(HexId(0x9, 1), "w2"), ErrorCode::kFailedPrecondition);
  SKERRY_EXPECT_CODE(queue().Complete(HexId(0x9, 1), ""), ErrorCode::kFailedPrecondition);
  SKERRY_ASSERT_OK(queue().Complete(HexId(0x9, 1), "w1"));
  EXPECT_EQ(Must(queue().Depth("outbound")), 1u);
  SKERRY_EXPECT_CODE(queue().Complete(HexId(0x9, 1), "w1"), ErrorCode::kNotFound);

  // w1's lease on entry 2 expires and w2 takes it: w1 has lost it.
  ASSERT_EQ(Lease("w2", 2000).size(), 1u);
  SKERRY_EXPECT_CODE(queue().Complete(HexId(0x9, 2), "w1"), ErrorCode::kFailedPrecondition);
  SKERRY_ASSERT_OK(queue().Complete(HexId(0x9, 2), "w2"));
  EXPECT_EQ(Must(queue().Depth("outbound")), 0u);
}

TEST_P(QueueConformance, RetryWaitsForNotBefore) {
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(1)));
  Lease("w1", 1000);
  SKERRY_EXPECT_CODE(queue().Retry(HexId(0x9, 1), "w2", 5000), ErrorCode::kFailedPrecondition);
  SKERRY_EXPECT_CODE(queue().Retry(HexId(0x9, 7), "w1", 5000), ErrorCode::kNotFound);
  SKERRY_ASSERT_OK(queue().Retry(HexId(0x9, 1), "w1", 5000));
  EXPECT_TRUE(Lease("w1", 4999).empty());
  auto again = Lease("w1", 5000);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2u);
  EXPECT_EQ(again[0].not_before, 5000);
}

TEST_P(QueueConformance, NotBeforeAtEnqueueIsRespected) {
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(1, "outbound", 2000)));
  EXPECT_TRUE(Lease("w1", 1999).empty());
  EXPECT_EQ(Lease("w1", 2000).size(), 1u);
}

TEST_P(QueueConformance, EnqueueIgnoresLeaseFieldsOfTheRecord) {
  auto e = Entry(1);
  e.lease_owner = "ghost";
  e.lease_until = 1'000'000;
  SKERRY_ASSERT_OK(queue().Enqueue(e));
  EXPECT_EQ(Lease("w1", 10).size(), 1u);
}

TEST_P(QueueConformance, QueuesAreSeparateAndDepthCountsLeasedEntries) {
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(1, "outbound")));
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(2, "outbound")));
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(3, "jobs")));
  EXPECT_EQ(Must(queue().Depth("outbound")), 2u);
  EXPECT_EQ(Must(queue().Depth("jobs")), 1u);
  EXPECT_EQ(Must(queue().Depth("nothing")), 0u);
  EXPECT_EQ(Ids(Lease("w1", 0, 10, 1000, "jobs")), std::vector<std::string>{HexId(0x9, 3)});
  EXPECT_EQ(Must(queue().Depth("jobs")), 1u);  // leased, not gone
}

TEST_P(QueueConformance, LeaseArgumentsAreChecked) {
  SKERRY_ASSERT_OK(queue().Enqueue(Entry(1)));
  SKERRY_EXPECT_CODE(queue().Lease("outbound", "", 0, 1000, 1), ErrorCode::kInvalidArgument);
  SKERRY_EXPECT_CODE(queue().Lease("outbound", "w1", 0, 0, 1), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Lease("w1", 0, 0).empty());
  EXPECT_EQ(Lease("w1", 0, 1).size(), 1u);  // max 0 leased nothing
}

TEST_P(QueueConformance, ConcurrentWorkersNeverShareAnEntry) {
  constexpr unsigned kEntries = 120;
  for (unsigned n = 1; n <= kEntries; ++n) SKERRY_ASSERT_OK(queue().Enqueue(Entry(n)));
  std::mutex mu;
  std::multiset<std::string> leased;
  std::vector<std::thread> workers;
  for (int w = 0; w < 8; ++w) {
    workers.emplace_back([&, w] {
      auto owner = "w" + std::to_string(w);
      for (;;) {
        auto got = queue().Lease("outbound", owner, 1000, 60'000, 5);
        if (!got || got->empty()) return;
        std::lock_guard lock(mu);
        for (const auto& e : *got) leased.insert(e.id);
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(leased.size(), kEntries);
  EXPECT_EQ(std::set<std::string>(leased.begin(), leased.end()).size(), kEntries);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, QueueConformance, ::testing::Values("memory", "sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace skerry::storage::testing
