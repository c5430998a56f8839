#include "crypto/blob_stream.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace skerry::crypto {
namespace {

using Reads = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

// A reader over an in-memory blob that clips at the end like BlobStore::Read and logs requests.
BlobReadFn ReaderOf(const Bytes& blob, Reads* reads = nullptr) {
  return [&blob, reads](std::uint64_t off, std::uint64_t len) -> Result<Bytes> {
    if (reads) reads->emplace_back(off, len);
    if (off > blob.size()) return Bytes{};
    auto n = std::min<std::uint64_t>(len, blob.size() - off);
    return Bytes(blob.begin() + static_cast<std::ptrdiff_t>(off),
                 blob.begin() + static_cast<std::ptrdiff_t>(off + n));
  };
}

class BlobStreamTest : public ::testing::Test {
 protected:
  Bytes Encrypt(ByteView plain, std::uint32_t chunk, std::string_view id = "blob-1",
                std::uint64_t seed = 9) {
    SeededRandom r(seed);
    return EncryptBlob(key_, id, plain, r, chunk).value();
  }
  Result<Bytes> DecryptAll(const Bytes& blob, std::string_view id = "blob-1") {
    auto dec = SKERRY_TRY(BlobDecryptor::Open(key_, id, blob.size(), ReaderOf(blob)));
    return dec.DecryptAll(ReaderOf(blob));
  }
  void ExpectCorrupt(const Bytes& blob, std::string_view what) {
    auto r = DecryptAll(blob);
    ASSERT_FALSE(r.has_value()) << what;
    EXPECT_EQ(r.error().code, ErrorCode::kCorrupt) << what << ": " << r.error().ToString();
  }

  SeededRandom random_{1234};
  SecretBytes key_{random_.Generate(32)};
};

TEST_F(BlobStreamTest, SizeArithmeticRoundTrips) {
  for (std::uint32_t chunk : {16u, 17u, 64u, kDefaultBlobChunkSize}) {
    for (std::uint64_t p : {0ull, 1ull, 15ull, 16ull, 17ull, 63ull, 64ull, 65ull, 1000ull, 65535ull,
                            65536ull, 65537ull, 40ull * 1000 * 1000}) {
      std::uint64_t c = BlobCiphertextSize(p, chunk);
      auto back = BlobPlaintextSize(c, chunk);
      ASSERT_TRUE(back.has_value()) << p << "/" << chunk;
      EXPECT_EQ(*back, p);
    }
  }
  EXPECT_EQ(BlobCiphertextSize(0), kBlobHeaderSize + kGcmTagSize);
  EXPECT_EQ(BlobCiphertextSize(kDefaultBlobChunkSize),
            kBlobHeaderSize + kDefaultBlobChunkSize + 16);
  EXPECT_EQ(BlobCiphertextSize(kDefaultBlobChunkSize + 1),
            kBlobHeaderSize + kDefaultBlobChunkSize + 1 + 32);
  // Sizes no encryptor produces.
  for (std::uint64_t c : {0ull, 20ull, 21ull, 36ull}) {
    EXPECT_EQ(BlobPlaintextSize(c, 16).error().code, ErrorCode::kCorrupt) << c;
  }
  EXPECT_TRUE(BlobPlaintextSize(37, 16).has_value());
  // One full 16-byte chunk (32 sealed) followed by a bare tag: never produced.
  EXPECT_EQ(BlobPlaintextSize(21 + 32 + 16, 16).error().code, ErrorCode::kCorrupt);
  // Second chunk cut inside its tag.
  EXPECT_EQ(BlobPlaintextSize(21 + 32 + 10, 16).error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(BlobPlaintextSize(100, 0).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(BlobStreamTest, RoundTripAtChunkBoundaries) {
  for (std::uint32_t chunk : {16u, 64u, kDefaultBlobChunkSize}) {
    for (std::uint64_t n :
         {0ull, 1ull, chunk - 1ull, 1ull * chunk, chunk + 1ull, 2ull * chunk, 3ull * chunk + 5}) {
      SCOPED_TRACE(testing::Message() << "chunk " << chunk << " size " << n);
      Bytes plain = random_.Generate(n);
      Bytes blob = Encrypt(plain, chunk);
      ASSERT_EQ(blob.size(), BlobCiphertextSize(n, chunk));
      EXPECT_TRUE(std::equal(blob.begin(), blob.begin() + 4, kBlobMagic));
      EXPECT_EQ(blob[4], kBlobVersion);
      EXPECT_EQ(ReadBe32(ByteView(blob).subspan(5, 4)), chunk);
      auto dec = BlobDecryptor::Open(key_, "blob-1", blob.size(), ReaderOf(blob));
      ASSERT_TRUE(dec.has_value()) << dec.error().ToString();
      EXPECT_EQ(dec->plaintext_size(), n);
      EXPECT_EQ(dec->PlaintextSize(blob.size()).value(), n);
      auto all = dec->DecryptAll(ReaderOf(blob));
      ASSERT_TRUE(all.has_value()) << all.error().ToString();
      EXPECT_EQ(*all, plain);
    }
  }
}

TEST_F(BlobStreamTest, EmptyPlaintextIsOneFinalEmptyChunk) {
  Bytes blob = Encrypt({}, 64);
  ASSERT_EQ(blob.size(), kBlobHeaderSize + kGcmTagSize);
  EXPECT_TRUE(DecryptAll(blob).value().empty());
  // The empty chunk is still authenticated: a flipped tag bit, another id, or the first 16
  // bytes of some other blob's chunk presented as an empty blob are all refused.
  for (std::size_t bit = 0; bit < blob.size() * 8; ++bit) {
    Bytes bad = blob;
    bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    ExpectCorrupt(bad, "empty blob bit " + std::to_string(bit));
  }
  EXPECT_EQ(DecryptAll(blob, "blob-2").error().code, ErrorCode::kCorrupt);
  Bytes longer = Encrypt(random_.Generate(100), 64);
  ExpectCorrupt(Bytes(longer.begin(), longer.begin() + kBlobHeaderSize + kGcmTagSize),
                "long blob cut to header + 16");
  // Dropping the empty final chunk leaves a header only: refused.
  Bytes header_only(blob.begin(), blob.begin() + kBlobHeaderSize);
  ExpectCorrupt(header_only, "header only");
}

TEST_F(BlobStreamTest, StreamingSplitAnywhereEqualsOneShot) {
  Bytes plain = random_.Generate(100);
  const std::uint32_t chunk = 16;
  Bytes expected = Encrypt(plain, chunk);
  // Two-piece splits at every byte, and a byte-at-a-time stream.
  for (std::size_t cut = 0; cut <= plain.size(); ++cut) {
    SeededRandom r(9);
    auto enc = BlobEncryptor::Create(key_, "blob-1", r, chunk).value();
    Bytes out;
    ASSERT_TRUE(enc.Update(ByteView(plain).first(cut), out).has_value());
    ASSERT_TRUE(enc.Update(ByteView(plain).subspan(cut), out).has_value());
    ASSERT_TRUE(enc.Finish(out).has_value());
    ASSERT_EQ(out, expected) << "cut at " << cut;
  }
  SeededRandom r(9);
  auto enc = BlobEncryptor::Create(key_, "blob-1", r, chunk).value();
  Bytes out, drained;
  for (auto b : plain) {
    ASSERT_TRUE(enc.Update(ByteView(&b, 1), out).has_value());
    drained.insert(drained.end(), out.begin(), out.end());  // caller drains as it goes
    out.clear();
  }
  ASSERT_TRUE(enc.Finish(out).has_value());
  drained.insert(drained.end(), out.begin(), out.end());
  EXPECT_EQ(drained, expected);
  EXPECT_EQ(enc.plaintext_size(), plain.size());
}

TEST_F(BlobStreamTest, EncryptorHoldsAtMostOneChunk) {
  // Streaming 1 MiB in 1000-byte pieces: output must keep pace with input, never lagging more
  // than one chunk (so a 40 MB message is not buffered whole inside the encryptor).
  SeededRandom r(5);
  auto enc = BlobEncryptor::Create(key_, "b", r, 4096).value();
  Bytes piece = random_.Generate(1000);
  std::uint64_t in = 0, emitted = 0;
  for (int i = 0; i < 1049; ++i) {
    Bytes out;
    ASSERT_TRUE(enc.Update(piece, out).has_value());
    in += piece.size();
    emitted += out.size();
    ASSERT_LE(in + kBlobHeaderSize, emitted + 4096) << "after " << in << " bytes";
  }
  Bytes tail;
  EXPECT_TRUE(enc.Finish(tail).has_value());
  EXPECT_LE(tail.size(), 4096u + kGcmTagSize);
  Bytes more;
  EXPECT_EQ(enc.Update(piece, more).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(enc.Finish(more).error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(BlobStreamTest, EveryRangeMatchesAndReadsOnlyTouchedChunks) {
  const std::uint32_t chunk = 16;
  Bytes plain = random_.Generate(100);  // 7 chunks: 6 full + 4 bytes
  Bytes blob = Encrypt(plain, chunk);
  auto dec = BlobDecryptor::Open(key_, "blob-1", blob.size(), ReaderOf(blob)).value();
  const std::uint64_t stride = chunk + kGcmTagSize;
  for (std::uint64_t off = 0; off <= plain.size() + 2; ++off) {
    for (std::uint64_t len = 0; len <= plain.size() + 2 - off; ++len) {
      Reads reads;
      auto got = dec.DecryptRange(off, len, ReaderOf(blob, &reads));
      ASSERT_TRUE(got.has_value()) << off << "+" << len;
      std::uint64_t b = std::min<std::uint64_t>(off, plain.size());
      std::uint64_t e = std::min<std::uint64_t>(off + len, plain.size());
      ASSERT_EQ(*got, Bytes(plain.begin() + static_cast<std::ptrdiff_t>(b),
                            plain.begin() + static_cast<std::ptrdiff_t>(e)))
          << off << "+" << len;
      if (b == e) {
        EXPECT_TRUE(reads.empty());
        continue;
      }
      // One read, covering exactly chunks first..last.
      ASSERT_EQ(reads.size(), 1u);
      std::uint64_t first = b / chunk, last = (e - 1) / chunk;
      EXPECT_EQ(reads[0].first, kBlobHeaderSize + first * stride);
      std::uint64_t last_end =
          std::min<std::uint64_t>(kBlobHeaderSize + (last + 1) * stride, blob.size());
      EXPECT_EQ(reads[0].first + reads[0].second, last_end);
    }
  }
}

TEST_F(BlobStreamTest, PartialReadOfLargeBlobTouchesOneChunk) {
  Bytes plain = random_.Generate(3 * 1024 * 1024 + 17);
  Bytes blob = Encrypt(plain, kDefaultBlobChunkSize);
  auto dec = BlobDecryptor::Open(key_, "blob-1", blob.size(), ReaderOf(blob)).value();
  Reads reads;
  auto got = dec.DecryptRange(200000, 100, ReaderOf(blob, &reads));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, Bytes(plain.begin() + 200000, plain.begin() + 200100));
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].second, kDefaultBlobChunkSize + kGcmTagSize);
  // A whole-blob read is batched (bounded memory per read), and reassembles exactly.
  reads.clear();
  EXPECT_EQ(dec.DecryptAll(ReaderOf(blob, &reads)).value(), plain);
  EXPECT_GT(reads.size(), 1u);
  for (auto& [off, len] : reads) EXPECT_LE(len, 1024u * 1024 + kDefaultBlobChunkSize + 16);
  // Ranges across reads, starting and ending inside chunks: each read's chunks are opened in
  // place and their wanted bytes gathered to the front of its buffer, which the result reuses.
  for (auto [off, len] : {std::pair<std::uint64_t, std::uint64_t>{1, 2 * 1024 * 1024},
                          {65535, 1024 * 1024 + 2}, {1024 * 1024 - 7, 2 * 1024 * 1024 + 24},
                          {3 * 1024 * 1024, 100}}) {
    auto range = dec.DecryptRange(off, len, ReaderOf(blob));
    ASSERT_TRUE(range.has_value()) << off << "+" << len;
    const auto e = std::min<std::uint64_t>(off + len, plain.size());
    EXPECT_EQ(*range, Bytes(plain.begin() + static_cast<std::ptrdiff_t>(off),
                            plain.begin() + static_cast<std::ptrdiff_t>(e)))
        << off << "+" << len;
  }
  // Streaming to a sink gives the same bytes, chunk by chunk.
  Bytes sunk;
  int calls = 0;
  ASSERT_TRUE(dec.DecryptRangeTo(100, plain.size(), ReaderOf(blob),
                                 [&](ByteView p) -> Status {
                                   ++calls;
                                   sunk.insert(sunk.end(), p.begin(), p.end());
                                   return Ok();
                                 })
                  .has_value());
  EXPECT_EQ(sunk, Bytes(plain.begin() + 100, plain.end()));
  EXPECT_EQ(calls, 49);
  auto st = dec.DecryptRangeTo(0, 10, ReaderOf(blob), [](ByteView) -> Status {
    return MakeError(ErrorCode::kCancelled, "client went away");
  });
  EXPECT_EQ(st.error().code, ErrorCode::kCancelled);
}

TEST_F(BlobStreamTest, EveryFlippedBitIsDetected) {
  // 3 chunks (16 + 16 + 8): header, each nonce byte, ciphertexts and tags of every chunk.
  Bytes plain = random_.Generate(40);
  Bytes blob = Encrypt(plain, 16);
  ASSERT_EQ(blob.size(), kBlobHeaderSize + 40 + 3 * kGcmTagSize);
  for (std::size_t bit = 0; bit < blob.size() * 8; ++bit) {
    Bytes bad = blob;
    bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    auto r = DecryptAll(bad);
    ASSERT_FALSE(r.has_value()) << "bit " << bit << " (byte " << bit / 8 << ")";
    // A flipped chunk-size bit may also turn the stored size into an impossible one; both are
    // integrity failures, never InvalidArgument or success.
    EXPECT_EQ(r.error().code, ErrorCode::kCorrupt) << "bit " << bit;
  }
}

TEST_F(BlobStreamTest, TamperingByRegionIsDetected) {
  const std::uint32_t chunk = 16;
  Bytes plain = random_.Generate(40);
  Bytes blob = Encrypt(plain, chunk);
  const std::size_t stride = chunk + kGcmTagSize;
  auto chunk_at = [&](std::size_t i) { return kBlobHeaderSize + i * stride; };

  struct Edit {
    const char* what;
    std::size_t byte;
  };
  for (Edit e :
       {Edit{"magic", 0}, Edit{"version", 4}, Edit{"chunk size", 8},
        Edit{"base nonce first byte", 9}, Edit{"base nonce last byte", 20},
        Edit{"chunk 0 ciphertext", chunk_at(0)}, Edit{"chunk 0 tag", chunk_at(0) + 20},
        Edit{"chunk 1 ciphertext", chunk_at(1) + 3}, Edit{"chunk 1 tag", chunk_at(1) + 31},
        Edit{"last chunk ciphertext", chunk_at(2)}, Edit{"last chunk tag", blob.size() - 1}}) {
    Bytes bad = blob;
    bad[e.byte] ^= 0x01;
    ExpectCorrupt(bad, e.what);
  }

  // Truncation by a whole chunk: the new last chunk was sealed as non-final.
  ExpectCorrupt(Bytes(blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(chunk_at(2))),
                "truncated by one chunk");
  ExpectCorrupt(Bytes(blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(chunk_at(1))),
                "truncated by two chunks");
  // Truncation at every length inside the blob.
  for (std::size_t n = 0; n < blob.size(); ++n) {
    ExpectCorrupt(Bytes(blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(n)),
                  "truncated to " + std::to_string(n));
  }
  // Swapping two full chunks.
  Bytes swapped = blob;
  std::swap_ranges(swapped.begin() + static_cast<std::ptrdiff_t>(chunk_at(0)),
                   swapped.begin() + static_cast<std::ptrdiff_t>(chunk_at(1)),
                   swapped.begin() + static_cast<std::ptrdiff_t>(chunk_at(1)));
  ExpectCorrupt(swapped, "chunks 0 and 1 swapped");
  // Extension: a copied chunk appended, or stray bytes.
  Bytes extended = blob;
  extended.insert(extended.end(), blob.begin() + static_cast<std::ptrdiff_t>(chunk_at(0)),
                  blob.begin() + static_cast<std::ptrdiff_t>(chunk_at(1)));
  ExpectCorrupt(extended, "extended by a chunk");
  for (std::size_t extra = 1; extra <= stride; ++extra) {
    Bytes longer = blob;
    longer.resize(blob.size() + extra, 0);
    ExpectCorrupt(longer, "extended by " + std::to_string(extra));
  }
  // Header of another blob (different base nonce) spliced on.
  Bytes other = Encrypt(plain, chunk, "blob-1", /*seed=*/77);
  Bytes spliced = blob;
  std::copy(other.begin(), other.begin() + kBlobHeaderSize, spliced.begin());
  ExpectCorrupt(spliced, "foreign header");
  // Same bytes presented under another blob id, or opened with another key.
  auto moved = DecryptAll(blob, "blob-2");
  ASSERT_FALSE(moved.has_value());
  EXPECT_EQ(moved.error().code, ErrorCode::kCorrupt);
  SecretBytes other_key(random_.Generate(32));
  auto dec = BlobDecryptor::Open(other_key, "blob-1", blob.size(), ReaderOf(blob)).value();
  EXPECT_EQ(dec.DecryptAll(ReaderOf(blob)).error().code, ErrorCode::kCorrupt);
  // And the original is intact.
  EXPECT_EQ(DecryptAll(blob).value(), plain);
}

TEST_F(BlobStreamTest, RangeReadsVerifyWhatTheyTouch) {
  Bytes plain = random_.Generate(40);
  Bytes blob = Encrypt(plain, 16);
  Bytes bad = blob;
  bad[kBlobHeaderSize + 2 * 32] ^= 0x01;  // damage the last chunk only
  auto dec = BlobDecryptor::Open(key_, "blob-1", bad.size(), ReaderOf(bad)).value();
  EXPECT_EQ(dec.DecryptRange(0, 32, ReaderOf(bad)).value(),
            Bytes(plain.begin(), plain.begin() + 32));
  EXPECT_EQ(dec.DecryptRange(30, 5, ReaderOf(bad)).error().code, ErrorCode::kCorrupt);
  // Truncated by a chunk: reads of early chunks still work, any read of the end fails.
  Bytes cut(blob.begin(), blob.begin() + kBlobHeaderSize + 2 * 32);
  auto dec2 = BlobDecryptor::Open(key_, "blob-1", cut.size(), ReaderOf(cut)).value();
  EXPECT_TRUE(dec2.DecryptRange(0, 10, ReaderOf(cut)).has_value());
  EXPECT_EQ(dec2.DecryptRange(31, 1, ReaderOf(cut)).error().code, ErrorCode::kCorrupt);
}

TEST_F(BlobStreamTest, ReaderFailuresAndShortReads) {
  Bytes blob = Encrypt(random_.Generate(100), 16);
  auto dec = BlobDecryptor::Open(key_, "blob-1", blob.size(), ReaderOf(blob)).value();
  // The blob shrank between Size() and Read(): the short read is an integrity failure.
  Bytes shorter(blob.begin(), blob.end() - 5);
  EXPECT_EQ(dec.DecryptAll(ReaderOf(shorter)).error().code, ErrorCode::kCorrupt);
  // Reader errors propagate unchanged.
  auto failing = [](std::uint64_t, std::uint64_t) -> Result<Bytes> {
    return MakeError(ErrorCode::kIo, "disk on fire");
  };
  EXPECT_EQ(dec.DecryptAll(failing).error().code, ErrorCode::kIo);
  EXPECT_EQ(BlobDecryptor::Open(key_, "blob-1", blob.size(), failing).error().code, ErrorCode::kIo);
  EXPECT_EQ(BlobDecryptor::Open(key_, "blob-1", 10, ReaderOf(blob)).error().code,
            ErrorCode::kCorrupt);
  EXPECT_EQ(
      BlobDecryptor::Create(key_, "blob-1", ByteView(blob).first(20), blob.size()).error().code,
      ErrorCode::kCorrupt);
}

TEST_F(BlobStreamTest, BadParameters) {
  SeededRandom r(1);
  EXPECT_EQ(BlobEncryptor::Create(key_, "b", r, 15).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(BlobEncryptor::Create(key_, "b", r, kMaxBlobChunkSize + 1).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(BlobEncryptor::Create(SecretBytes(16), "b", r).error().code,
            ErrorCode::kInvalidArgument);
  // A header claiming chunk size 0 or 2^32-1 is corrupt, and nothing huge is allocated.
  Bytes blob = Encrypt(random_.Generate(10), 16);
  for (std::uint32_t cs : {0u, 0xFFFFFFFFu}) {
    Bytes bad = blob;
    for (int b = 0; b < 4; ++b) bad[5 + b] = static_cast<std::uint8_t>(cs >> (24 - 8 * b));
    ExpectCorrupt(bad, "chunk size " + std::to_string(cs));
  }
}

TEST_F(BlobStreamTest, FortyMegabyteMessageStreamsInPieces) {
  // The shape of a large delivery: plaintext arrives in uneven network-sized pieces and
  // sealed bytes are drained to the blob writer as they come.
  SeededRandom r(3);
  auto enc = BlobEncryptor::Create(key_, "big", r).value();
  Bytes piece = random_.Generate(1 << 20);
  Bytes blob, out;
  std::uint64_t total = 0;
  std::size_t sizes[] = {1, 4095, 65536, 65537, 1 << 20, 333333};
  for (int i = 0; total < 40'000'000; ++i) {
    std::size_t n = std::min<std::uint64_t>(sizes[i % 6], 40'000'000 - total);
    ASSERT_TRUE(enc.Update(ByteView(piece).first(n), out).has_value());
    blob.insert(blob.end(), out.begin(), out.end());
    out.clear();
    total += n;
  }
  ASSERT_TRUE(enc.Finish(out).has_value());
  blob.insert(blob.end(), out.begin(), out.end());
  ASSERT_EQ(blob.size(), BlobCiphertextSize(40'000'000));
  auto dec = BlobDecryptor::Open(key_, "big", blob.size(), ReaderOf(blob)).value();
  EXPECT_EQ(dec.plaintext_size(), 40'000'000u);
  // Spot-check a range that straddles a chunk boundary against the known input pattern.
  auto got = dec.DecryptRange(65530, 12, ReaderOf(blob)).value();
  ASSERT_EQ(got.size(), 12u);
  auto all = dec.DecryptAll(ReaderOf(blob));
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(Bytes(all->begin() + 65530, all->begin() + 65542), got);
}

}  // namespace
}  // namespace skerry::crypto
