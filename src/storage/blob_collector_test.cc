// The blob collector over every metadata backend, with the file blob store.
#include "storage/blob_collector.h"

#include "base/ids.h"
#include "storage/conformance/metadata_fixture.h"

namespace skerry::storage::testing {
namespace {

class BlobCollectorTest : public MetadataConformance {
 protected:
  void SetUp() override {
    MetadataConformance::SetUp();
    blobs_ = MakeBlobBackend("fs");
    ASSERT_NE(blobs_.store, nullptr);
    SeedMailboxes();
    CreateFolder(Folder(folder_, mailbox_a_));
  }

  std::string PutBlob(Clock::WallTime created) {
    auto id = NewTimeOrderedHexId(Random::Secure(), created);
    auto put = blobs_.store->Put(id, ToBytes("ciphertext"));
    EXPECT_TRUE(put.has_value()) << put.error().ToString();
    return id;
  }
  bool Exists(const std::string& id) { return blobs_.store->Size(id).has_value(); }

  const std::string folder_ = HexId(0xf0, 1);
  BlobBackend blobs_;
  FakeClock clock_;
};

TEST_P(BlobCollectorTest, DeletesBlobsOnceTheirLastItemIsGone) {
  auto shared = PutBlob(clock_.Now());
  auto single = PutBlob(clock_.Now());
  auto a = Append(Item(HexId(0x11, 1), folder_, shared));
  auto b = Append(Item(HexId(0x11, 2), folder_, shared));
  auto c = Append(Item(HexId(0x11, 3), folder_, single));
  BlobCollector gc(store(), *blobs_.store, clock_);

  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) { return t.DeleteItem(a.id); }));
  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) { return t.DeleteItem(c.id); }));
  auto pass = gc.CollectUnreferenced(1);  // a batch of one: the loop must go on by itself
  ASSERT_TRUE(pass) << pass.error().ToString();
  EXPECT_EQ(pass->deleted, 1u);
  EXPECT_FALSE(Exists(single));
  EXPECT_TRUE(Exists(shared)) << "still one item on it";

  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) { return t.DeleteItem(b.id); }));
  EXPECT_EQ(gc.CollectUnreferenced()->deleted, 1u);
  EXPECT_FALSE(Exists(shared));
  EXPECT_EQ(gc.CollectUnreferenced()->deleted, 0u) << "nothing left, and no error on a second pass";
  EXPECT_TRUE(ReadValue<std::vector<std::string>>([](ReadTxn& t) { return t.ListUnreferencedBlobs(10); }).empty());
}

TEST_P(BlobCollectorTest, SweepsOnlyOldOrphans) {
  using std::chrono::hours;
  auto referenced = PutBlob(clock_.Now() - hours(5));
  Append(Item(HexId(0x11, 1), folder_, referenced));
  auto old_orphan = PutBlob(clock_.Now() - hours(2));
  auto in_flight = PutBlob(clock_.Now() - std::chrono::minutes(10));  // its item may commit yet
  BlobCollector gc(store(), *blobs_.store, clock_);
  auto swept = gc.SweepOrphans(hours(1));
  ASSERT_TRUE(swept) << swept.error().ToString();
  EXPECT_EQ(swept->orphans, 1u);
  EXPECT_FALSE(Exists(old_orphan));
  EXPECT_TRUE(Exists(referenced));
  EXPECT_TRUE(Exists(in_flight));
}

// A shutdown asks the passes to stop: they return what they did so far, here nothing, and the
// next pass picks up where they left off.
TEST_P(BlobCollectorTest, PassesReturnOnceAStopIsRequested) {
  auto unreferenced = PutBlob(clock_.Now() - std::chrono::hours(5));
  auto item = Append(Item(HexId(0x11, 1), folder_, unreferenced));
  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) { return t.DeleteItem(item.id); }));
  auto orphan = PutBlob(clock_.Now() - std::chrono::hours(5));
  BlobCollector gc(store(), *blobs_.store, clock_);
  std::stop_source stop;
  stop.request_stop();
  EXPECT_EQ(gc.CollectUnreferenced(500, stop.get_token())->deleted, 0u);
  EXPECT_EQ(gc.SweepOrphans(std::chrono::hours(1), stop.get_token())->orphans, 0u);
  EXPECT_TRUE(Exists(unreferenced));
  EXPECT_TRUE(Exists(orphan));
  EXPECT_EQ(gc.CollectUnreferenced()->deleted, 1u);
  EXPECT_EQ(gc.SweepOrphans(std::chrono::hours(1))->orphans, 1u);
  EXPECT_FALSE(Exists(orphan));
}

INSTANTIATE_TEST_SUITE_P(Backends, BlobCollectorTest, ::testing::Values("memory", "sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace skerry::storage::testing
