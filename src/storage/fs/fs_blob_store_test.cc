// FsBlobStore specifics beyond the conformance suite: on-disk layout, crash leftovers, foreign
// files, unusable roots.

#include "storage/fs/fs_blob_store.h"

#include <sys/stat.h>

#include <fstream>

#include "storage/conformance/test_backends.h"

namespace skerry::storage::fs {
namespace {

using testing::HexId;
using testing::Must;

class FsBlobStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<FsBlobStore> Open() {
    auto store = FsBlobStore::Open(root_);
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }
  static void Touch(const std::filesystem::path& p) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << "x";
  }

  TempDir dir_;
  std::filesystem::path root_ = dir_.path() / "blobs";
};

TEST_F(FsBlobStoreTest, BlobsLiveInTwoLevelsOfFanout) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto id = HexId(0xabcd1234, 0x1f2e);  // fanned out by its last four characters
  SKERRY_ASSERT_OK(store->Put(id, ToBytes("sealed bytes")));
  auto expected = root_ / "1f" / "2e" / id;
  EXPECT_EQ(store->PathFor(id), expected);
  struct stat st;
  ASSERT_EQ(::stat(expected.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);  // blobs are ciphertext, but still nobody else's business
  EXPECT_TRUE(std::filesystem::is_empty(root_ / "tmp"));
}

TEST_F(FsBlobStoreTest, OpenSweepsTemporaryFilesLeftByACrash) {
  auto id = HexId(0x12, 1);
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    SKERRY_ASSERT_OK(store->Put(id, ToBytes("kept")));
    auto writer = Must(store->Create(HexId(0x12, 2)));
    ASSERT_NE(writer, nullptr);
    SKERRY_ASSERT_OK(writer->Append(ToBytes("half written")));
    // Simulate the crash: the temporary file outlives the process (copy it before the writer's
    // destructor removes it).
    for (const auto& e : std::filesystem::directory_iterator(root_ / "tmp")) {
      std::filesystem::copy_file(e.path(), root_ / "tmp" / "crashed.tmp");
    }
  }
  Touch(root_ / "tmp" / "another-leftover");
  ASSERT_FALSE(std::filesystem::is_empty(root_ / "tmp"));
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(std::filesystem::is_empty(root_ / "tmp"));
  EXPECT_EQ(Must(store->Read(id, 0, 100)), ToBytes("kept"));
  EXPECT_EQ(Must(store->List()), std::vector<std::string>{id});
}

TEST_F(FsBlobStoreTest, ListIgnoresForeignAndMisplacedFiles) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto id = HexId(0x34, 1);
  SKERRY_ASSERT_OK(store->Put(id, ToBytes("x")));
  Touch(root_ / "README");
  Touch(root_ / "zz" / "zz" / HexId(0x34, 2));        // not a hex fan-out
  Touch(root_ / "00" / "00" / "not-a-blob");          // not an id
  Touch(root_ / "00" / "00" / HexId(0xff000000, 3));  // id under the wrong fan-out (00/03)
  EXPECT_EQ(Must(store->List()), std::vector<std::string>{id});
}

TEST_F(FsBlobStoreTest, RootThatIsAFileIsAnIoError) {
  Touch(root_);
  SKERRY_EXPECT_CODE(FsBlobStore::Open(root_), ErrorCode::kIo);
}

}  // namespace
}  // namespace skerry::storage::fs
