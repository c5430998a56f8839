#include "protocols/admin_api/sigv4_verifier.h"

#include <fmt/format.h>

#include "base/bytes.h"
#include "crypto/hmac.h"
#include "crypto/sha256.h"
#include "protocols/admin_api/wire/sigv4_request.h"

namespace skerry::admin_api {
namespace {

constexpr std::string_view kSignatureMismatch =
    "The request signature we calculated does not match the signature you provided. Check your AWS "
    "Secret Access Key and signing method. Consult the service documentation for details.";
constexpr std::string_view kInvalidToken = "The security token included in the request is invalid.";

std::string SkewText(std::chrono::seconds skew) {
  if (skew.count() % 60 == 0) return fmt::format("{} min.", skew.count() / 60);
  return fmt::format("{} sec.", skew.count());
}

bool SameSecretString(std::string_view a, std::string_view b) {
  return ConstantTimeEqual(AsBytes(a), AsBytes(b));
}

}  // namespace

Result<SecretBytes> Sigv4Verifier::DeriveSigningKey(const SecretBytes& secret,
                                                    std::string_view date, std::string_view region,
                                                    std::string_view service) {
  SecretBytes key(4 + secret.size());
  std::copy_n(reinterpret_cast<const std::uint8_t*>("AWS4"), 4, key.data());
  std::copy(secret.view().begin(), secret.view().end(), key.data() + 4);
  for (std::string_view part : {date, region, service, wire::kSigv4Terminator}) {
    auto mac = SKERRY_TRY(crypto::HmacSha256Mac(key, AsBytes(part)));
    key = SecretBytes(mac);
    std::fill(mac.begin(), mac.end(), 0);
  }
  return key;
}

ApiStatus Sigv4Verifier::CheckSkew(const std::string& amz_date,
                                   std::chrono::system_clock::time_point signed_at) const {
  auto now = clock_.Now();
  auto skew = options_.max_skew;
  if (signed_at < now - skew) {
    return MakeApiError(
        kInvalidSignature,
        fmt::format("Signature expired: {} is now earlier than {} ({} - {})", amz_date,
                    wire::FormatAmzDate(now - skew), wire::FormatAmzDate(now), SkewText(skew)));
  }
  if (signed_at > now + skew) {
    return MakeApiError(
        kInvalidSignature,
        fmt::format("Signature not yet current: {} is still later than {} ({} + {})", amz_date,
                    wire::FormatAmzDate(now + skew), wire::FormatAmzDate(now), SkewText(skew)));
  }
  return {};
}

ApiResult<VerifiedCaller> Sigv4Verifier::Verify(const wire::HttpRequestView& request,
                                                std::string_view service) const {
  wire::Sigv4Request sig = SKERRY_API_TRY(wire::ParseSigv4Request(request));
  const wire::CredentialScope& scope = sig.authorization.credential;
  if (scope.service != service) {
    return MakeApiError(
        kInvalidSignature,
        fmt::format("Credential should be scoped to correct service: '{}'. ", service));
  }
  SKERRY_API_TRY(CheckSkew(sig.amz_date, sig.signed_at));

  Result<Credential> found = lookup_(scope.access_key_id);
  if (!found) {
    if (found.error().code == ErrorCode::kNotFound)
      return MakeApiError(kUnrecognizedClient, std::string(kInvalidToken));
    return tl::unexpected(ApiErrorFromError(found.error()));
  }
  const Credential& credential = *found;

  auto payload_hash = crypto::Sha256Hex(AsBytes(request.body));
  if (!payload_hash) return tl::unexpected(ApiErrorFromError(payload_hash.error()));
  if (const std::string_view* declared = request.FindHeader("X-Amz-Content-Sha256")) {
    if (wire::TrimOws(*declared) != *payload_hash) {
      return MakeApiError(
          kInvalidSignature,
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
  }
  std::string canonical =
      wire::CanonicalRequest(request, sig.authorization.signed_headers, *payload_hash);
  auto canonical_hash = crypto::Sha256Hex(AsBytes(canonical));
  if (!canonical_hash) return tl::unexpected(ApiErrorFromError(canonical_hash.error()));
  std::string string_to_sign = wire::StringToSign(sig.amz_date, scope, *canonical_hash);

  auto signing_key =
      DeriveSigningKey(credential.secret_access_key, scope.date, scope.region, scope.service);
  if (!signing_key) return tl::unexpected(ApiErrorFromError(signing_key.error()));
  auto mac = crypto::HmacSha256Mac(*signing_key, AsBytes(string_to_sign));
  if (!mac) return tl::unexpected(ApiErrorFromError(mac.error()));
  if (!SameSecretString(HexEncode(*mac), sig.authorization.signature)) {
    return MakeApiError(kInvalidSignature, std::string(kSignatureMismatch));
  }

  // The token is signed (the parser insists), so only its value is left to check.
  if (credential.session_token.has_value() != sig.security_token.has_value() ||
      (credential.session_token &&
       !SameSecretString(*credential.session_token, *sig.security_token))) {
    return MakeApiError(kUnrecognizedClient, std::string(kInvalidToken));
  }
  return VerifiedCaller{scope.access_key_id,
                        credential.principal_arn,
                        credential.principal_name,
                        scope.region,
                        scope.service,
                        sig.signed_at,
                        credential.session_token.has_value(),
                        credential.policy};
}

}  // namespace skerry::admin_api
