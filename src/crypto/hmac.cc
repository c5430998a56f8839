#include "crypto/hmac.h"

#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace skerry::crypto {
namespace {

EVP_MAC* HmacAlgorithm() {
  static EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

tl::unexpected<Error> OpenSslError(std::string_view what) {
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  char buf[256] = "no OpenSSL error queued";
  if (e != 0) ERR_error_string_n(e, buf, sizeof buf);
  return MakeError(ErrorCode::kInternal, fmt::format("{}: {}", what, buf));
}

}  // namespace

void HmacSha256::CtxDeleter::operator()(evp_mac_ctx_st* ctx) const { EVP_MAC_CTX_free(ctx); }

Result<HmacSha256> HmacSha256::Create(const SecretBytes& key) {
  if (key.empty()) return MakeError(ErrorCode::kInvalidArgument, "HMAC key is empty");
  if (HmacAlgorithm() == nullptr) return OpenSslError("fetch HMAC");
  std::unique_ptr<evp_mac_ctx_st, CtxDeleter> ctx(EVP_MAC_CTX_new(HmacAlgorithm()));
  if (!ctx) return OpenSslError("EVP_MAC_CTX_new");
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_end(),
  };
  if (EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1)
    return OpenSslError("HMAC init");
  return HmacSha256(std::move(ctx));
}

HmacSha256::HmacSha256(HmacSha256&&) noexcept = default;
HmacSha256& HmacSha256::operator=(HmacSha256&&) noexcept = default;
HmacSha256::~HmacSha256() = default;

Result<Mac256> HmacSha256::Mac(ByteView data) {
  if (!ctx_) return MakeError(ErrorCode::kInternal, "HmacSha256 used after move");
  // A null key re-initialises with the key already set (OpenSSL 3 HMAC provider), so each call
  // starts from the precomputed pads.
  if (EVP_MAC_init(ctx_.get(), nullptr, 0, nullptr) != 1) return OpenSslError("HMAC reinit");
  if (!data.empty() && EVP_MAC_update(ctx_.get(), data.data(), data.size()) != 1) {
    return OpenSslError("HMAC update");
  }
  Mac256 out{};
  std::size_t len = 0;
  if (EVP_MAC_final(ctx_.get(), out.data(), &len, out.size()) != 1 || len != out.size()) {
    return OpenSslError("HMAC final");
  }
  return out;
}

Result<bool> HmacSha256::Verify(ByteView data, ByteView mac) {
  auto expected = SKERRY_TRY(Mac(data));
  return ConstantTimeEqual(expected, mac);
}

Result<Mac256> HmacSha256Mac(const SecretBytes& key, ByteView data) {
  auto hmac = SKERRY_TRY(HmacSha256::Create(key));
  return hmac.Mac(data);
}

}  // namespace skerry::crypto
