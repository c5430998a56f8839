#pragma once
// HKDF with SHA-256 (RFC 5869), used to derive purpose-bound subkeys from one key (a mailbox
// key yields its metadata-sealing key and its blind-index key; see key_hierarchy.h).

#include <cstddef>

#include "base/bytes.h"
#include "base/error.h"
#include "base/secret_bytes.h"

namespace skerry::crypto {

inline constexpr std::size_t kSha256Size = 32;
// RFC 5869 §2.3: L <= 255 * HashLen.
inline constexpr std::size_t kHkdfMaxOutput = 255 * kSha256Size;

// RFC 5869 §2.2 HKDF-Extract(salt, IKM) -> PRK (32 bytes). An empty salt means HashLen zeros.
[[nodiscard]] Result<SecretBytes> HkdfExtract(ByteView salt, ByteView ikm);

// RFC 5869 §2.3 HKDF-Expand(PRK, info, L). kInvalidArgument for L == 0, L > kHkdfMaxOutput or a
// PRK shorter than HashLen.
[[nodiscard]] Result<SecretBytes> HkdfExpand(ByteView prk, ByteView info, std::size_t length);

// Extract-then-expand in one call, the usual entry point.
[[nodiscard]] Result<SecretBytes> HkdfSha256(ByteView ikm, ByteView salt, ByteView info,
                                             std::size_t length);

}  // namespace skerry::crypto
