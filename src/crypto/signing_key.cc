#include "crypto/signing_key.h"

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>

#include "base/bytes.h"

namespace skerry::crypto {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Result<std::string> PublicBase64(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(key, &der);
  if (len <= 0) return MakeError(ErrorCode::kInternal, "encoding a public key failed");
  std::string out = Base64Encode(ByteView(der, static_cast<std::size_t>(len)));
  OPENSSL_free(der);
  return out;
}

}  // namespace

Result<SigningKeyPair> GenerateRsaKeyPair(int bits) {
  if (bits < 1024) return MakeError(ErrorCode::kInvalidArgument, "RSA keys under 1024 bits are refused (RFC 8301)");
  Pkey key(EVP_RSA_gen(static_cast<unsigned>(bits)));
  if (!key) return MakeError(ErrorCode::kInternal, "RSA key generation failed");
  SigningKeyPair pair;
  PKCS8_PRIV_KEY_INFO* p8 = EVP_PKEY2PKCS8(key.get());
  if (!p8) return MakeError(ErrorCode::kInternal, "encoding a private key failed");
  unsigned char* der = nullptr;
  int len = i2d_PKCS8_PRIV_KEY_INFO(p8, &der);
  PKCS8_PRIV_KEY_INFO_free(p8);
  if (len <= 0) return MakeError(ErrorCode::kInternal, "encoding a private key failed");
  pair.private_der = SecretBytes(std::span<const std::uint8_t>(der, static_cast<std::size_t>(len)));
  OPENSSL_clear_free(der, static_cast<std::size_t>(len));
  pair.public_base64 = SKERRY_TRY(PublicBase64(key.get()));
  return pair;
}

Result<std::string> PublicKeyOf(const SecretBytes& private_der) {
  const unsigned char* p = private_der.data();
  Pkey key(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(private_der.size())));
  if (!key) return MakeError(ErrorCode::kCorrupt, "the stored private key does not parse");
  return PublicBase64(key.get());
}

}  // namespace skerry::crypto
