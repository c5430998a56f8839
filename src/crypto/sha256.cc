#include "crypto/sha256.h"

#include <openssl/evp.h>

namespace skerry::crypto {

Result<Sha256Digest> Sha256(ByteView data) {
  Sha256Digest out{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr) != 1 ||
      len != out.size()) {
    return MakeError(ErrorCode::kInternal, "EVP_Digest(SHA-256) failed");
  }
  return out;
}

Result<std::string> Sha256Hex(ByteView data) {
  auto digest = SKERRY_TRY(Sha256(data));
  return HexEncode(digest);
}

}  // namespace skerry::crypto
