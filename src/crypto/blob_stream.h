#pragma once
// The sealed blob stream: how a message body or attachment is encrypted at rest (DESIGN §3).
// Normative description with the byte layout: docs/formats/blob-stream.md.
//
//   header  = "SKB1" | version 0x01 | chunk size (be32) | base nonce (12)          21 bytes
//   chunk i = AES-256-GCM(data key, nonce_i, aad_i, plaintext_i) = ciphertext || tag16
//   nonce_i = base nonce with its last 8 bytes XOR be64(i)
//   aad_i   = header || blob id || be64(i) || final flag (0x01 on the last chunk, else 0x00)
//
// Every chunk but the last holds exactly `chunk size` plaintext bytes; the last holds 1..chunk
// size bytes, or 0 when the whole plaintext is empty (an empty blob is one empty final chunk).
// Because a chunk's position and finality are authenticated, a reader can decrypt any range by
// touching only the chunks that cover it (IMAP BODY[]<o.n>), and truncation, extension,
// reordering, header edits and moving the blob to another id are all detected as kCorrupt.
//
// Each blob is encrypted under its own random data key (wrapped by the mailbox key), and the
// base nonce is random too, so (key, nonce) pairs never repeat.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "base/random.h"
#include "base/secret_bytes.h"
#include "crypto/aead.h"

namespace skerry::crypto {

inline constexpr std::uint8_t kBlobMagic[4] = {'S', 'K', 'B', '1'};
inline constexpr std::uint8_t kBlobVersion = 0x01;
inline constexpr std::size_t kBlobHeaderSize = 4 + 1 + 4 + kGcmNonceSize;  // 21
inline constexpr std::uint32_t kDefaultBlobChunkSize = 64 * 1024;
inline constexpr std::uint32_t kMinBlobChunkSize = 16;
inline constexpr std::uint32_t kMaxBlobChunkSize = 16 * 1024 * 1024;

// Stored size of a plaintext of `plaintext_size` bytes.
[[nodiscard]] std::uint64_t BlobCiphertextSize(std::uint64_t plaintext_size,
                                               std::uint32_t chunk_size = kDefaultBlobChunkSize);
// Inverse of BlobCiphertextSize; kCorrupt for a size no encryptor can produce (a blob cut off
// inside its header or inside a chunk's tag, or ending in an empty chunk after full ones).
[[nodiscard]] Result<std::uint64_t> BlobPlaintextSize(
    std::uint64_t ciphertext_size, std::uint32_t chunk_size = kDefaultBlobChunkSize);

// Reads `length` ciphertext bytes at `offset` of the stored blob (BlobStore::Read). Returning
// fewer bytes than asked means the blob is shorter than claimed and is reported as kCorrupt.
using BlobReadFn = std::function<Result<Bytes>(std::uint64_t offset, std::uint64_t length)>;
// Receives decrypted, authenticated plaintext in order.
using BlobSinkFn = std::function<Status(ByteView plaintext)>;

// Streams plaintext in and sealed bytes out, holding at most one chunk of plaintext, so a
// 40 MB message is never held twice. Usage: Create, Update* (append to `out`, drain `out` to the
// blob writer), Finish once. After Finish or any error, further calls fail (kFailedPrecondition).
// Not thread-safe. Move-only.
class BlobEncryptor {
 public:
  // kInvalidArgument for a data key that is not 32 bytes or a chunk size outside
  // [kMinBlobChunkSize, kMaxBlobChunkSize].
  [[nodiscard]] static Result<BlobEncryptor> Create(
      const SecretBytes& data_key, std::string_view blob_id, Random& random,
      std::uint32_t chunk_size = kDefaultBlobChunkSize);

  // Appends the header (first call only) and every chunk that is known not to be the last.
  // REQUIRES: `plaintext` does not point into `out`.
  [[nodiscard]] Status Update(ByteView plaintext, Bytes& out);
  // Appends the final chunk (and the header if nothing was written yet).
  [[nodiscard]] Status Finish(Bytes& out);

  std::uint64_t plaintext_size() const { return plaintext_size_; }

 private:
  BlobEncryptor(AesGcm gcm, Bytes header, std::string_view blob_id, std::uint32_t chunk_size);
  void WriteHeaderOnce(Bytes& out);
  Status SealChunk(ByteView plaintext, bool final, Bytes& out);
  Status Check();

  AesGcm gcm_;
  Bytes header_;
  Bytes aad_;  // header || blob id || be64 index || flag; the last 9 bytes rewritten per chunk
  std::uint32_t chunk_size_;
  Bytes pending_;  // plaintext not yet sealed: 0..chunk_size bytes
  std::uint64_t next_chunk_ = 0;
  std::uint64_t plaintext_size_ = 0;
  bool header_written_ = false;
  bool done_ = false;  // finished or failed
};

// Random-access reader of one sealed blob. Each call verifies every chunk it decrypts, so a
// range read trusts only what it touched: truncation or extension of the blob is reported by
// any read that touches the final chunk, and always by DecryptAll.
// Not thread-safe (it owns one AesGcm); use one per reader. Move-only.
class BlobDecryptor {
 public:
  // `header` is the first kBlobHeaderSize bytes; `ciphertext_size` the stored blob size.
  // kCorrupt for a bad magic, version, chunk size, or a size no encryptor can produce.
  [[nodiscard]] static Result<BlobDecryptor> Create(const SecretBytes& data_key,
                                                    std::string_view blob_id, ByteView header,
                                                    std::uint64_t ciphertext_size);
  // Same, reading the header through `read`.
  [[nodiscard]] static Result<BlobDecryptor> Open(const SecretBytes& data_key,
                                                  std::string_view blob_id,
                                                  std::uint64_t ciphertext_size,
                                                  const BlobReadFn& read);

  std::uint64_t plaintext_size() const { return plaintext_size_; }
  std::uint32_t chunk_size() const { return chunk_size_; }
  // Plaintext size of a blob of this chunk size stored in `ciphertext_size` bytes.
  [[nodiscard]] Result<std::uint64_t> PlaintextSize(std::uint64_t ciphertext_size) const {
    return BlobPlaintextSize(ciphertext_size, chunk_size_);
  }

  // Plaintext bytes [offset, offset + length) clipped to the plaintext size (an offset at or
  // past the end yields nothing). Reads and decrypts only the chunks the range touches; for an
  // empty blob, a read at offset 0 touches (and verifies) its one empty final chunk.
  [[nodiscard]] Result<Bytes> DecryptRange(std::uint64_t offset, std::uint64_t length,
                                           const BlobReadFn& read);
  // The same, streamed to `sink` one chunk at a time (bounded memory for large ranges: one read
  // of at most 1 MiB of chunks at a time).
  [[nodiscard]] Status DecryptRangeTo(std::uint64_t offset, std::uint64_t length,
                                      const BlobReadFn& read, const BlobSinkFn& sink);
  [[nodiscard]] Result<Bytes> DecryptAll(const BlobReadFn& read) {
    return DecryptRange(0, plaintext_size_, read);
  }

 private:
  // Called per touched chunk, in order, once the chunk is open: the wanted part of its plaintext
  // is batch[at, at + size), inside the buffer the chunk was read into (chunks are opened in
  // place: no plaintext buffer to allocate and zero-fill, no copy). `batch` is the caller's to
  // reuse once `last_of_batch` says no later chunk of this read is in it; bytes before `at` it
  // may overwrite at any time.
  using ChunkFn = std::function<Status(Bytes& batch, std::size_t at, std::size_t size,
                                       bool last_of_batch)>;
  BlobDecryptor(AesGcm gcm, ByteView header, std::string_view blob_id, std::uint32_t chunk_size,
                std::uint64_t chunk_count, std::uint64_t plaintext_size);
  Status ForEachChunk(std::uint64_t offset, std::uint64_t length, const BlobReadFn& read,
                      const ChunkFn& fn);
  Status OpenChunk(std::uint64_t index, ByteView sealed, MutableByteView out);  // may alias
  std::size_t ChunkPlaintextSize(std::uint64_t index) const;

  AesGcm gcm_;
  Bytes aad_;  // header || blob id || be64 index || flag
  Bytes base_nonce_;
  std::string blob_id_;  // for error details only (an opaque id, not content)
  std::uint32_t chunk_size_;
  std::uint64_t chunk_count_;
  std::uint64_t plaintext_size_;
};

// One-shot encryption of a plaintext held in memory.
[[nodiscard]] Result<Bytes> EncryptBlob(const SecretBytes& data_key, std::string_view blob_id,
                                        ByteView plaintext, Random& random,
                                        std::uint32_t chunk_size = kDefaultBlobChunkSize);

}  // namespace skerry::crypto
