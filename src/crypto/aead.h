#pragma once
// AES-256-GCM authenticated encryption (NIST SP 800-38D) through OpenSSL EVP: the one AEAD every
// sealed byte in Skerry goes through (DESIGN §3).
//
// Wire shape of one sealed record: ciphertext || 16-byte tag. The 12-byte nonce and the AAD are
// supplied by the caller and never stored by this layer; the formats above it (sealed_value.h,
// blob_stream.h) decide where the nonce lives and what the AAD binds.

#include <cstddef>
#include <memory>

#include "base/bytes.h"
#include "base/error.h"
#include "base/secret_bytes.h"

struct evp_cipher_ctx_st;

namespace skerry::crypto {

inline constexpr std::size_t kAesKeySize = 32;    // AES-256
inline constexpr std::size_t kGcmNonceSize = 12;  // 96-bit IV, SP 800-38D §8.2 recommended length
inline constexpr std::size_t kGcmTagSize = 16;    // full 128-bit tag, SP 800-38D §5.2.1.2
// SP 800-38D §5.2.1.1: at most 2^39 - 256 bits of plaintext under one (key, nonce).
inline constexpr std::uint64_t kGcmMaxPlaintext = (std::uint64_t{1} << 36) - 32;

// AesGcm holds one key and one EVP_CIPHER_CTX whose key schedule is set up once, so bulk use
// (a blob of many chunks, many sealed values under one key) pays only a nonce reset per record.
//
// Not thread-safe: one instance per thread (it is cheap to create another from the same key).
// Move-only. The context's copy of the key is cleansed by OpenSSL when the instance dies.
class AesGcm {
 public:
  // kInvalidArgument unless key is exactly 32 bytes; kInternal if OpenSSL cannot allocate.
  [[nodiscard]] static Result<AesGcm> Create(const SecretBytes& key);

  AesGcm(AesGcm&&) noexcept;
  AesGcm& operator=(AesGcm&&) noexcept;
  ~AesGcm();

  // Appends ciphertext || tag (plaintext.size() + 16 bytes) to `out`.
  // REQUIRES: `plaintext` and `aad` do not point into `out` (it may reallocate).
  // kInvalidArgument for a nonce that is not 12 bytes or plaintext over kGcmMaxPlaintext.
  [[nodiscard]] Status Seal(ByteView nonce, ByteView aad, ByteView plaintext, Bytes& out);

  // Verifies and decrypts ciphertext || tag, appending the plaintext to `out`. kCorrupt when
  // the record is shorter than a tag or fails authentication; `out` is then left as it was
  // (unauthenticated plaintext is wiped, never returned).
  [[nodiscard]] Status Open(ByteView nonce, ByteView aad, ByteView sealed, Bytes& out);

  // The same, into caller-owned memory of exactly the right size:
  // SealInto: out.size() == plaintext.size() + 16.  OpenInto: out.size() == sealed.size() - 16.
  // `out` may equal the input span (in-place) but must not partially overlap it.
  [[nodiscard]] Status SealInto(ByteView nonce, ByteView aad, ByteView plaintext,
                                MutableByteView out);
  [[nodiscard]] Status OpenInto(ByteView nonce, ByteView aad, ByteView sealed, MutableByteView out);

 private:
  struct CtxDeleter {
    void operator()(evp_cipher_ctx_st* ctx) const;
  };
  explicit AesGcm(std::unique_ptr<evp_cipher_ctx_st, CtxDeleter> ctx) : ctx_(std::move(ctx)) {}
  Status Start(ByteView nonce, ByteView aad, bool encrypt);

  std::unique_ptr<evp_cipher_ctx_st, CtxDeleter> ctx_;
};

// One-shot helpers for occasional use; bulk callers keep an AesGcm.
[[nodiscard]] Result<Bytes> AesGcmSeal(const SecretBytes& key, ByteView nonce, ByteView aad,
                                       ByteView plaintext);
[[nodiscard]] Result<Bytes> AesGcmOpen(const SecretBytes& key, ByteView nonce, ByteView aad,
                                       ByteView sealed);

}  // namespace skerry::crypto
