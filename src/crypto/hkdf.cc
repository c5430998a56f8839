#include "crypto/hkdf.h"

#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>

namespace skerry::crypto {
namespace {

struct KdfCtxDeleter {
  void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};

// Fetched once for the life of the process (OpenSSL 3 explicit fetch).
EVP_KDF* HkdfAlgorithm() {
  static EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  return kdf;
}

Result<SecretBytes> Run(int mode, ByteView key, ByteView salt, ByteView info, std::size_t length) {
  if (HkdfAlgorithm() == nullptr) {
    ERR_clear_error();
    return MakeError(ErrorCode::kInternal, "HKDF unavailable in OpenSSL");
  }
  std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter> ctx(EVP_KDF_CTX_new(HkdfAlgorithm()));
  if (!ctx) return MakeError(ErrorCode::kInternal, "EVP_KDF_CTX_new failed");

  // OSSL_PARAM wants non-const pointers even for inputs it only reads.
  char digest[] = "SHA256";
  // An empty octet string parameter still needs a valid pointer.
  static std::uint8_t empty = 0;
  auto ptr = [](ByteView b) {
    return b.empty() ? static_cast<void*>(&empty) : const_cast<std::uint8_t*>(b.data());
  };
  OSSL_PARAM params[6];
  int n = 0;
  params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
  params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
  params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ptr(key), key.size());
  if (mode != EVP_KDF_HKDF_MODE_EXPAND_ONLY) {
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, ptr(salt), salt.size());
  }
  if (mode != EVP_KDF_HKDF_MODE_EXTRACT_ONLY) {
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, ptr(info), info.size());
  }
  params[n] = OSSL_PARAM_construct_end();

  SecretBytes out(length);
  if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
    unsigned long e = ERR_get_error();
    ERR_clear_error();
    char buf[256] = "unknown";
    if (e != 0) ERR_error_string_n(e, buf, sizeof buf);
    return MakeError(ErrorCode::kInternal, fmt::format("HKDF derive: {}", buf));
  }
  return out;
}

}  // namespace

Result<SecretBytes> HkdfExtract(ByteView salt, ByteView ikm) {
  return Run(EVP_KDF_HKDF_MODE_EXTRACT_ONLY, ikm, salt, {}, kSha256Size);
}

Result<SecretBytes> HkdfExpand(ByteView prk, ByteView info, std::size_t length) {
  if (length == 0 || length > kHkdfMaxOutput) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("HKDF output length {} outside 1..{}", length, kHkdfMaxOutput));
  }
  if (prk.size() < kSha256Size) {  // RFC 5869 §2.3: PRK of at least HashLen octets
    return MakeError(ErrorCode::kInvalidArgument, "HKDF-Expand PRK shorter than 32 bytes");
  }
  return Run(EVP_KDF_HKDF_MODE_EXPAND_ONLY, prk, {}, info, length);
}

Result<SecretBytes> HkdfSha256(ByteView ikm, ByteView salt, ByteView info, std::size_t length) {
  if (length == 0 || length > kHkdfMaxOutput) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("HKDF output length {} outside 1..{}", length, kHkdfMaxOutput));
  }
  return Run(EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND, ikm, salt, info, length);
}

}  // namespace skerry::crypto
