// BlobStore conformance: immutable blobs, ranged reads, idempotent delete, id validation — run
// against the memory fake and the file store.

#include "storage/conformance/test_backends.h"

namespace skerry::storage::testing {
namespace {

class BlobConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    backend_ = MakeBlobBackend(GetParam());
    ASSERT_NE(backend_.store, nullptr);
  }
  BlobStore& blobs() { return *backend_.store; }

  static Bytes Pattern(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return b;
  }
  static Bytes Slice(const Bytes& b, std::size_t from, std::size_t n) {
    return Bytes(b.begin() + static_cast<std::ptrdiff_t>(from),
                 b.begin() + static_cast<std::ptrdiff_t>(from + n));
  }

  BlobBackend backend_;
  const std::string id_ = HexId(0xb10b, 1);
};

TEST_P(BlobConformance, PutThenReadAndSize) {
  auto data = Pattern(10'000);
  SKERRY_ASSERT_OK(blobs().Put(id_, data));
  EXPECT_EQ(Must(blobs().Size(id_)), 10'000u);
  EXPECT_EQ(Must(blobs().Read(id_, 0, 10'000)), data);
}

TEST_P(BlobConformance, RangedReadsAreClippedToTheEnd) {
  auto data = Pattern(1000);
  SKERRY_ASSERT_OK(blobs().Put(id_, data));
  EXPECT_EQ(Must(blobs().Read(id_, 10, 5)), Slice(data, 10, 5));
  EXPECT_EQ(Must(blobs().Read(id_, 995, 100)), Slice(data, 995, 5));
  EXPECT_EQ(Must(blobs().Read(id_, 0, ~0ull)), data);
  EXPECT_TRUE(Must(blobs().Read(id_, 1000, 10)).empty());
  EXPECT_TRUE(Must(blobs().Read(id_, 5000, 1)).empty());
  EXPECT_TRUE(Must(blobs().Read(id_, 3, 0)).empty());
}

TEST_P(BlobConformance, MissingBlobIsNotFoundAndDeleteIsIdempotent) {
  SKERRY_EXPECT_CODE(blobs().Read(id_, 0, 1), ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(blobs().Size(id_), ErrorCode::kNotFound);
  SKERRY_EXPECT_OK(blobs().Delete(id_));
  SKERRY_ASSERT_OK(blobs().Put(id_, Pattern(10)));
  SKERRY_ASSERT_OK(blobs().Delete(id_));
  SKERRY_ASSERT_OK(blobs().Delete(id_));
  SKERRY_EXPECT_CODE(blobs().Read(id_, 0, 1), ErrorCode::kNotFound);
  EXPECT_TRUE(Must(blobs().List()).empty());
}

TEST_P(BlobConformance, MalformedIdsAreRefused) {
  const std::string bad[] = {
      "",
      "../../../../etc/passwd",
      "0123456789ABCDEF0123456789ABCDEF",   // upper case
      "0123456789abcdef0123456789abcde",    // 31
      "0123456789abcdef0123456789abcdef0",  // 33
      "01/../../6789abcdef0123456789abcd",
      std::string("0123456789abcdef\0"
                  "123456789abcde",
                  31) +
          "f",
  };
  for (const auto& id : bad) {
    SKERRY_EXPECT_CODE(blobs().Create(id), ErrorCode::kInvalidArgument);
    SKERRY_EXPECT_CODE(blobs().Read(id, 0, 1), ErrorCode::kInvalidArgument);
    SKERRY_EXPECT_CODE(blobs().Size(id), ErrorCode::kInvalidArgument);
    SKERRY_EXPECT_CODE(blobs().Delete(id), ErrorCode::kInvalidArgument);
  }
}

TEST_P(BlobConformance, NothingIsVisibleBeforeCommit) {
  {
    auto writer = Must(blobs().Create(id_));
    ASSERT_NE(writer, nullptr);
    SKERRY_ASSERT_OK(writer->Append(Pattern(100)));
    SKERRY_EXPECT_CODE(blobs().Read(id_, 0, 1), ErrorCode::kNotFound);
    EXPECT_TRUE(Must(blobs().List()).empty());
  }  // dropped without Commit
  SKERRY_EXPECT_CODE(blobs().Size(id_), ErrorCode::kNotFound);
  SKERRY_ASSERT_OK(blobs().Put(id_, Pattern(3)));  // the id is still free
}

TEST_P(BlobConformance, StreamedAppendsConcatenate) {
  auto data = Pattern(200'000);
  auto writer = Must(blobs().Create(id_));
  ASSERT_NE(writer, nullptr);
  for (std::size_t off = 0; off < data.size(); off += 65'536) {
    auto n = std::min<std::size_t>(65'536, data.size() - off);
    SKERRY_ASSERT_OK(writer->Append(ByteView(data).subspan(off, n)));
  }
  SKERRY_ASSERT_OK(writer->Commit());
  EXPECT_EQ(Must(blobs().Read(id_, 0, data.size())), data);
  EXPECT_EQ(Must(blobs().Read(id_, 65'530, 12)), Slice(data, 65'530, 12));
}

TEST_P(BlobConformance, WriterIsSingleUse) {
  auto writer = Must(blobs().Create(id_));
  ASSERT_NE(writer, nullptr);
  SKERRY_ASSERT_OK(writer->Commit());
  SKERRY_EXPECT_CODE(writer->Append(Pattern(1)), ErrorCode::kFailedPrecondition);
  SKERRY_EXPECT_CODE(writer->Commit(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Must(blobs().Size(id_)), 0u);  // an empty blob is a blob
}

TEST_P(BlobConformance, BlobsAreImmutable) {
  SKERRY_ASSERT_OK(blobs().Put(id_, Pattern(10)));
  SKERRY_EXPECT_CODE(blobs().Put(id_, Pattern(20)), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Must(blobs().Read(id_, 0, 100)), Pattern(10));

  // Two writers racing for one id: the second Commit loses instead of overwriting.
  auto other = HexId(0xb10b, 2);
  auto w1 = Must(blobs().Create(other));
  auto w2 = Must(blobs().Create(other));
  ASSERT_TRUE(w1 && w2);
  SKERRY_ASSERT_OK(w1->Append(ToBytes("first")));
  SKERRY_ASSERT_OK(w2->Append(ToBytes("second")));
  SKERRY_ASSERT_OK(w1->Commit());
  SKERRY_EXPECT_CODE(w2->Commit(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Must(blobs().Read(other, 0, 100)), ToBytes("first"));
}

TEST_P(BlobConformance, ListReturnsCommittedIdsSorted) {
  std::vector<std::string> ids = {HexId(0xff, 3), HexId(0x00, 1), HexId(0xab, 2)};
  for (const auto& id : ids) SKERRY_ASSERT_OK(blobs().Put(id, Pattern(5)));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(Must(blobs().List()), ids);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, BlobConformance, ::testing::Values("memory", "fs"),
                         [](const auto& info) { return info.param; });

}  // namespace skerry::storage::testing
