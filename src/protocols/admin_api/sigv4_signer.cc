#include "protocols/admin_api/sigv4_signer.h"

#include "base/bytes.h"
#include "crypto/hmac.h"
#include "crypto/sha256.h"
#include "protocols/admin_api/sigv4_verifier.h"

namespace skerry::admin_api {

Result<std::string> SignSigv4(const wire::HttpRequestView& request, const std::vector<std::string>& signed_headers,
                              const SecretBytes& secret, const wire::CredentialScope& scope,
                              const std::string& amz_date) {
  auto canonical = wire::CanonicalRequest(request, signed_headers, SKERRY_TRY(crypto::Sha256Hex(AsBytes(request.body))));
  auto to_sign = wire::StringToSign(amz_date, scope, SKERRY_TRY(crypto::Sha256Hex(AsBytes(canonical))));
  auto key = SKERRY_TRY(Sigv4Verifier::DeriveSigningKey(secret, scope.date, scope.region, scope.service));
  auto signature = HexEncode(SKERRY_TRY(crypto::HmacSha256Mac(key, AsBytes(to_sign))));
  std::string list;
  for (const auto& h : signed_headers) list += (list.empty() ? "" : ";") + h;
  return std::string(wire::kSigv4Algorithm) + " Credential=" + scope.access_key_id + "/" + scope.ScopeString() +
         ", SignedHeaders=" + list + ", Signature=" + signature;
}

}  // namespace skerry::admin_api
