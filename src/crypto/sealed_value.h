#pragma once
// Sealed values: small customer data (a folder name, a subject, an address) and wrapped keys,
// encrypted with AES-256-GCM and bound to where they are stored (DESIGN §3).
//
// Byte layout (docs/formats/key-hierarchy.md §"Sealed values"):
//   format (1) | nonce (12, random) | ciphertext (n) | tag (16)
//   format 0x01 = sealed value, 0x02 = wrapped key.
//   AAD = format byte || context
// `context` names the storage slot, e.g. "folder/<id>/name" or "mailbox/<id>/data-key/<blob>".
// A ciphertext copied to another row or column, or a sealed value presented as a wrapped key,
// fails authentication with kCorrupt.
//
// Nonces are random: with 96-bit nonces, SP 800-38D §8.3 bounds one key to 2^32 seals. Keys
// that seal values are per-mailbox (or per-org) subkeys, far below that bound.

#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "base/random.h"
#include "base/secret_bytes.h"
#include "crypto/aead.h"

namespace skerry::crypto {

inline constexpr std::uint8_t kSealedValueFormat = 0x01;
inline constexpr std::uint8_t kWrappedKeyFormat = 0x02;
inline constexpr std::size_t kSealedOverhead = 1 + kGcmNonceSize + kGcmTagSize;

// ValueSealer keeps one keyed AesGcm so that sealing many values under one key (every column
// of a listing) does not re-key each time. Not thread-safe; one per thread. Move-only.
class ValueSealer {
 public:
  // kInvalidArgument unless the key is 32 bytes.
  [[nodiscard]] static Result<ValueSealer> Create(const SecretBytes& key);

  [[nodiscard]] Result<Bytes> Seal(std::string_view context, ByteView plaintext, Random& random);
  // kCorrupt for a wrong key, a wrong context, an unknown format byte or any tampering.
  [[nodiscard]] Result<Bytes> Open(std::string_view context, ByteView sealed);

  [[nodiscard]] Result<Bytes> WrapKey(std::string_view context, const SecretBytes& key,
                                      Random& random);
  [[nodiscard]] Result<SecretBytes> UnwrapKey(std::string_view context, ByteView wrapped);

 private:
  explicit ValueSealer(AesGcm gcm) : gcm_(std::move(gcm)) {}
  Result<Bytes> SealFormat(std::uint8_t format, std::string_view context, ByteView plaintext,
                           Random& random);
  Status OpenFormat(std::uint8_t format, std::string_view context, ByteView sealed,
                    MutableByteView out);

  AesGcm gcm_;
};

// One-shot forms.
// REQUIRES: key.size() == 32. A wrong-sized key is a programming error (keys come from this
// module, never from input): it is logged as crypto.misuse and the process aborts rather than
// store something unreadable.
[[nodiscard]] Bytes SealValue(const SecretBytes& key, std::string_view context, ByteView plaintext,
                              Random& random);
[[nodiscard]] Result<Bytes> OpenValue(const SecretBytes& key, std::string_view context,
                                      ByteView sealed);

// Key wrapping: `key` sealed under `kek` with format 0x02. Same REQUIRES as SealValue.
[[nodiscard]] Bytes WrapKey(const SecretBytes& kek, std::string_view context,
                            const SecretBytes& key, Random& random);
[[nodiscard]] Result<SecretBytes> UnwrapKey(const SecretBytes& kek, std::string_view context,
                                            ByteView wrapped);

}  // namespace skerry::crypto
