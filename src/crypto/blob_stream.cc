#include "crypto/blob_stream.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace skerry::crypto {
namespace {

constexpr std::size_t kNonceOffset = 4 + 1 + 4;  // within the header
constexpr std::size_t kAadTail = 8 + 1;          // be64 index || final flag
// Ciphertext fetched per read call when a range spans many chunks: large enough to amortise a
// read, small enough that DecryptRangeTo stays bounded in memory.
constexpr std::uint64_t kReadBatchBytes = 1024 * 1024;

Status CheckChunkSize(std::uint32_t chunk_size, ErrorCode code) {
  if (chunk_size < kMinBlobChunkSize || chunk_size > kMaxBlobChunkSize) {
    return MakeError(code, fmt::format("blob chunk size {} outside [{}, {}]", chunk_size,
                                       kMinBlobChunkSize, kMaxBlobChunkSize));
  }
  return Ok();
}

// nonce_i = base nonce with its last 8 bytes XOR be64(i): distinct for every chunk of a blob.
void ChunkNonce(ByteView base, std::uint64_t index, std::uint8_t (&out)[kGcmNonceSize]) {
  std::memcpy(out, base.data(), kGcmNonceSize);
  for (int b = 0; b < 8; ++b) out[4 + b] ^= static_cast<std::uint8_t>(index >> (56 - 8 * b));
}

void SetAadTail(Bytes& aad, std::uint64_t index, bool final) {
  std::uint8_t* tail = aad.data() + aad.size() - kAadTail;
  for (int b = 0; b < 8; ++b) tail[b] = static_cast<std::uint8_t>(index >> (56 - 8 * b));
  tail[8] = final ? 0x01 : 0x00;
}

Bytes AadPrefix(ByteView header, std::string_view blob_id) {
  Bytes aad(header.begin(), header.end());
  aad.insert(aad.end(), blob_id.begin(), blob_id.end());
  aad.resize(aad.size() + kAadTail);
  return aad;
}

}  // namespace

std::uint64_t BlobCiphertextSize(std::uint64_t plaintext_size, std::uint32_t chunk_size) {
  std::uint64_t chunks = std::max<std::uint64_t>(1, (plaintext_size + chunk_size - 1) / chunk_size);
  return kBlobHeaderSize + plaintext_size + chunks * kGcmTagSize;
}

Result<std::uint64_t> BlobPlaintextSize(std::uint64_t ciphertext_size, std::uint32_t chunk_size) {
  SKERRY_TRY(CheckChunkSize(chunk_size, ErrorCode::kInvalidArgument));
  if (ciphertext_size < kBlobHeaderSize + kGcmTagSize) {
    return MakeError(
        ErrorCode::kCorrupt,
        fmt::format("blob of {} bytes is shorter than a header and one tag", ciphertext_size));
  }
  const std::uint64_t body = ciphertext_size - kBlobHeaderSize;
  const std::uint64_t stride = std::uint64_t{chunk_size} + kGcmTagSize;
  const std::uint64_t chunks = (body + stride - 1) / stride;
  const std::uint64_t last = body - (chunks - 1) * stride;
  if (last < kGcmTagSize || (chunks > 1 && last == kGcmTagSize)) {
    return MakeError(ErrorCode::kCorrupt,
                     fmt::format("blob size {} ends inside a chunk tag (chunk size {})",
                                 ciphertext_size, chunk_size));
  }
  return body - chunks * kGcmTagSize;
}

// ---- BlobEncryptor ----

BlobEncryptor::BlobEncryptor(AesGcm gcm, Bytes header, std::string_view blob_id,
                             std::uint32_t chunk_size)
    : gcm_(std::move(gcm)),
      header_(std::move(header)),
      aad_(AadPrefix(header_, blob_id)),
      chunk_size_(chunk_size) {}

Result<BlobEncryptor> BlobEncryptor::Create(const SecretBytes& data_key, std::string_view blob_id,
                                            Random& random, std::uint32_t chunk_size) {
  SKERRY_TRY(CheckChunkSize(chunk_size, ErrorCode::kInvalidArgument));
  auto gcm = SKERRY_TRY(AesGcm::Create(data_key));
  Bytes header(kBlobMagic, kBlobMagic + 4);
  header.push_back(kBlobVersion);
  AppendBe32(header, chunk_size);
  header.resize(kBlobHeaderSize);
  random.Fill(MutableByteView(header).subspan(kNonceOffset, kGcmNonceSize));
  return BlobEncryptor(std::move(gcm), std::move(header), blob_id, chunk_size);
}

Status BlobEncryptor::Check() {
  if (done_) return MakeError(ErrorCode::kFailedPrecondition, "blob encryptor already finished");
  return Ok();
}

void BlobEncryptor::WriteHeaderOnce(Bytes& out) {
  if (header_written_) return;
  out.insert(out.end(), header_.begin(), header_.end());
  header_written_ = true;
}

Status BlobEncryptor::SealChunk(ByteView plaintext, bool final, Bytes& out) {
  WriteHeaderOnce(out);
  std::uint8_t nonce[kGcmNonceSize];
  ChunkNonce(ByteView(header_).subspan(kNonceOffset, kGcmNonceSize), next_chunk_, nonce);
  SetAadTail(aad_, next_chunk_, final);
  auto st = gcm_.Seal(nonce, aad_, plaintext, out);
  if (!st) {
    done_ = true;  // a half-written stream must not be continued
    return st;
  }
  ++next_chunk_;
  return Ok();
}

Status BlobEncryptor::Update(ByteView in, Bytes& out) {
  SKERRY_TRY(Check());
  plaintext_size_ += in.size();
  WriteHeaderOnce(out);
  // Reserve once for every chunk this call can emit rather than growing per chunk; grow
  // geometrically so many small updates into an undrained `out` stay linear.
  const std::size_t need = out.size() + pending_.size() + in.size() +
                           ((pending_.size() + in.size()) / chunk_size_ + 1) * kGcmTagSize;
  if (need > out.capacity()) out.reserve(std::max(need, out.capacity() * 2));
  // A chunk is sealed only once more data follows it: until then it may be the final one.
  if (!pending_.empty()) {
    std::size_t take = std::min<std::size_t>(chunk_size_ - pending_.size(), in.size());
    pending_.insert(pending_.end(), in.begin(), in.begin() + take);
    in = in.subspan(take);
    if (in.empty()) return Ok();
    SKERRY_TRY(SealChunk(pending_, /*final=*/false, out));
    pending_.clear();
  }
  // Full chunks straight from the caller's buffer, no copy into pending_.
  while (in.size() > chunk_size_) {
    SKERRY_TRY(SealChunk(in.first(chunk_size_), /*final=*/false, out));
    in = in.subspan(chunk_size_);
  }
  pending_.assign(in.begin(), in.end());
  return Ok();
}

Status BlobEncryptor::Finish(Bytes& out) {
  SKERRY_TRY(Check());
  SKERRY_TRY(SealChunk(pending_, /*final=*/true, out));
  pending_.clear();
  done_ = true;
  return Ok();
}

Result<Bytes> EncryptBlob(const SecretBytes& data_key, std::string_view blob_id, ByteView plaintext,
                          Random& random, std::uint32_t chunk_size) {
  auto enc = SKERRY_TRY(BlobEncryptor::Create(data_key, blob_id, random, chunk_size));
  Bytes out;
  out.reserve(BlobCiphertextSize(plaintext.size(), chunk_size));
  SKERRY_TRY(enc.Update(plaintext, out));
  SKERRY_TRY(enc.Finish(out));
  return out;
}

// ---- BlobDecryptor ----

BlobDecryptor::BlobDecryptor(AesGcm gcm, ByteView header, std::string_view blob_id,
                             std::uint32_t chunk_size, std::uint64_t chunk_count,
                             std::uint64_t plaintext_size)
    : gcm_(std::move(gcm)),
      aad_(AadPrefix(header, blob_id)),
      base_nonce_(header.begin() + kNonceOffset, header.begin() + kNonceOffset + kGcmNonceSize),
      blob_id_(blob_id),
      chunk_size_(chunk_size),
      chunk_count_(chunk_count),
      plaintext_size_(plaintext_size) {}

Result<BlobDecryptor> BlobDecryptor::Create(const SecretBytes& data_key, std::string_view blob_id,
                                            ByteView header, std::uint64_t ciphertext_size) {
  if (header.size() != kBlobHeaderSize) {
    return MakeError(ErrorCode::kCorrupt, fmt::format("blob {}: header is {} bytes, want {}",
                                                      blob_id, header.size(), kBlobHeaderSize));
  }
  if (!std::equal(header.begin(), header.begin() + 4, kBlobMagic)) {
    return MakeError(ErrorCode::kCorrupt,
                     fmt::format("blob {}: not a sealed blob (bad magic)", blob_id));
  }
  if (header[4] != kBlobVersion) {
    return MakeError(ErrorCode::kCorrupt,
                     fmt::format("blob {}: unsupported stream version {}", blob_id, header[4]));
  }
  const std::uint32_t chunk_size = ReadBe32(header.subspan(5, 4));
  SKERRY_TRY(CheckChunkSize(chunk_size, ErrorCode::kCorrupt));
  auto plaintext_size = BlobPlaintextSize(ciphertext_size, chunk_size);
  if (!plaintext_size) {
    return MakeError(ErrorCode::kCorrupt,
                     fmt::format("blob {}: {}", blob_id, plaintext_size.error().detail));
  }
  auto gcm = SKERRY_TRY(AesGcm::Create(data_key));
  const std::uint64_t chunks =
      std::max<std::uint64_t>(1, (*plaintext_size + chunk_size - 1) / chunk_size);
  return BlobDecryptor(std::move(gcm), header, blob_id, chunk_size, chunks, *plaintext_size);
}

Result<BlobDecryptor> BlobDecryptor::Open(const SecretBytes& data_key, std::string_view blob_id,
                                          std::uint64_t ciphertext_size, const BlobReadFn& read) {
  if (ciphertext_size < kBlobHeaderSize) {
    return MakeError(ErrorCode::kCorrupt, fmt::format("blob {}: {} bytes, shorter than its header",
                                                      blob_id, ciphertext_size));
  }
  auto header = SKERRY_TRY(read(0, kBlobHeaderSize));
  return Create(data_key, blob_id, header, ciphertext_size);
}

std::size_t BlobDecryptor::ChunkPlaintextSize(std::uint64_t index) const {
  if (index + 1 < chunk_count_) return chunk_size_;
  return static_cast<std::size_t>(plaintext_size_ - index * chunk_size_);
}

Status BlobDecryptor::OpenChunk(std::uint64_t index, ByteView sealed, MutableByteView out) {
  std::uint8_t nonce[kGcmNonceSize];
  ChunkNonce(base_nonce_, index, nonce);
  SetAadTail(aad_, index, index + 1 == chunk_count_);
  auto st = gcm_.OpenInto(nonce, aad_, sealed, out);
  if (!st && st.error().code == ErrorCode::kCorrupt) {
    return MakeError(ErrorCode::kCorrupt,
                     fmt::format("blob {}: chunk {} of {} failed authentication", blob_id_, index,
                                 chunk_count_));
  }
  return st;
}

Status BlobDecryptor::ForEachChunk(std::uint64_t offset, std::uint64_t length,
                                   const BlobReadFn& read, const ChunkFn& fn) {
  std::uint64_t end, first, last;
  if (plaintext_size_ == 0) {
    // An empty blob is one empty final chunk. A read from offset 0 touches it and must verify
    // it: otherwise any blob cut down to header + 16 bytes would pass as empty.
    if (offset != 0) return Ok();
    end = first = last = 0;
  } else {
    if (offset >= plaintext_size_ || length == 0) return Ok();
    end = offset + std::min(length, plaintext_size_ - offset);
    first = offset / chunk_size_;
    last = (end - 1) / chunk_size_;
  }
  const std::uint64_t stride = std::uint64_t{chunk_size_} + kGcmTagSize;
  // Chunks per read: 1 MiB of plaintext (a typical message in one call), at least one chunk.
  const std::uint64_t per_batch = std::max<std::uint64_t>(1, kReadBatchBytes / chunk_size_);

  for (std::uint64_t batch = first; batch <= last; batch += per_batch) {
    const std::uint64_t batch_last = std::min(last, batch + per_batch - 1);
    const std::uint64_t from = kBlobHeaderSize + batch * stride;
    const std::uint64_t to =
        kBlobHeaderSize + batch_last * stride + ChunkPlaintextSize(batch_last) + kGcmTagSize;
    auto sealed = SKERRY_TRY(read(from, to - from));
    if (sealed.size() != to - from) {
      return MakeError(ErrorCode::kCorrupt,
                       fmt::format("blob {}: read {} bytes at {}, wanted {} (truncated?)", blob_id_,
                                   sealed.size(), from, to - from));
    }
    std::size_t pos = 0;  // chunk i's sealed bytes start at sealed[pos]
    for (std::uint64_t i = batch; i <= batch_last; ++i) {
      const std::size_t pt = ChunkPlaintextSize(i);
      const std::uint64_t start = i * chunk_size_;
      const std::size_t want_from = static_cast<std::size_t>(std::max(offset, start) - start);
      const std::size_t want_to = static_cast<std::size_t>(std::min(end, start + pt) - start);
      MutableByteView chunk = MutableByteView(sealed).subspan(pos, pt + kGcmTagSize);
      SKERRY_TRY(OpenChunk(i, chunk, chunk.first(pt)));
      SKERRY_TRY(fn(sealed, pos + want_from, want_to - want_from, i == batch_last));
      pos += pt + kGcmTagSize;
    }
  }
  return Ok();
}

Result<Bytes> BlobDecryptor::DecryptRange(std::uint64_t offset, std::uint64_t length,
                                          const BlobReadFn& read) {
  // The first read's buffer becomes the result: each chunk's wanted plaintext is moved down over
  // the tags and unwanted bytes before it (the write position never passes the read position),
  // and the buffer is cut to what was kept. Later reads (ranges over 1 MiB) are appended.
  Bytes out;
  std::size_t kept = 0;  // wanted plaintext at the front of the current batch
  SKERRY_TRY(ForEachChunk(
      offset, length, read,
      [&](Bytes& batch, std::size_t at, std::size_t size, bool last_of_batch) -> Status {
        if (size > 0 && at != kept) std::memmove(batch.data() + kept, batch.data() + at, size);
        kept += size;
        if (!last_of_batch) return Ok();
        batch.resize(kept);
        if (out.empty()) {
          if (offset < plaintext_size_) batch.reserve(std::min(length, plaintext_size_ - offset));
          out = std::move(batch);
        } else {
          out.insert(out.end(), batch.begin(), batch.end());
        }
        kept = 0;
        return Ok();
      }));
  return out;
}

Status BlobDecryptor::DecryptRangeTo(std::uint64_t offset, std::uint64_t length,
                                     const BlobReadFn& read, const BlobSinkFn& sink) {
  return ForEachChunk(
      offset, length, read,
      [&](Bytes& batch, std::size_t at, std::size_t size, bool) -> Status {
        return sink(ByteView(batch).subspan(at, size));
      });
}

}  // namespace skerry::crypto
