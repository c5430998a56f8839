#pragma once
// HMAC-SHA256 (RFC 2104, FIPS 198-1): the keyed hash behind lookups of sealed values (address
// and alias indexes) and the blind index of search tokens (DESIGN §3). The key must come from a
// dedicated subkey (key_hierarchy.h), never from a key that also encrypts.

#include <array>
#include <cstdint>
#include <memory>

#include "base/bytes.h"
#include "base/error.h"
#include "base/secret_bytes.h"

struct evp_mac_ctx_st;

namespace skerry::crypto {

inline constexpr std::size_t kHmacSha256Size = 32;
using Mac256 = std::array<std::uint8_t, kHmacSha256Size>;

// A keyed HMAC-SHA256 instance. The key's inner and outer pads are computed once, so hashing
// many short values (index tokens) costs only the two compression passes each.
//
// Not thread-safe: one instance per thread. Move-only.
class HmacSha256 {
 public:
  // Any key length is valid for HMAC; kInvalidArgument for an empty key, which would make the
  // "keyed" hash public.
  [[nodiscard]] static Result<HmacSha256> Create(const SecretBytes& key);

  HmacSha256(HmacSha256&&) noexcept;
  HmacSha256& operator=(HmacSha256&&) noexcept;
  ~HmacSha256();

  [[nodiscard]] Result<Mac256> Mac(ByteView data);
  // Constant-time check of a received MAC.
  [[nodiscard]] Result<bool> Verify(ByteView data, ByteView mac);

 private:
  struct CtxDeleter {
    void operator()(evp_mac_ctx_st* ctx) const;
  };
  explicit HmacSha256(std::unique_ptr<evp_mac_ctx_st, CtxDeleter> ctx) : ctx_(std::move(ctx)) {}
  std::unique_ptr<evp_mac_ctx_st, CtxDeleter> ctx_;
};

// One-shot form.
[[nodiscard]] Result<Mac256> HmacSha256Mac(const SecretBytes& key, ByteView data);

}  // namespace skerry::crypto
