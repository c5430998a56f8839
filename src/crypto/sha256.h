#pragma once
// SHA-256 (FIPS 180-4) through OpenSSL EVP: request payload hashes for AWS SigV4, fingerprints of
// request parameters. Not a MAC: anything that must resist forgery uses hmac.h.

#include <array>
#include <cstdint>
#include <string>

#include "base/bytes.h"
#include "base/error.h"

namespace skerry::crypto {

using Sha256Digest = std::array<std::uint8_t, 32>;

// kInternal only if OpenSSL cannot run the digest (allocation failure, broken provider).
[[nodiscard]] Result<Sha256Digest> Sha256(ByteView data);
// Lowercase hex of the digest (64 characters), the form SigV4 uses.
[[nodiscard]] Result<std::string> Sha256Hex(ByteView data);

}  // namespace skerry::crypto
