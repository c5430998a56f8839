#pragma once
// Verifies AWS Signature Version 4 on admin API and Message Flow requests (wire reference §4):
// parses the signing headers (wire/sigv4_request.h), checks the credential scope's service and the
// clock skew, looks the access key up, recomputes the signature and compares it in constant time,
// then checks the session token. Any region is accepted.
//
// Errors (ApiError), in the order they are checked:
//   syntax (wire/sigv4_request.h)                       MissingAuthenticationToken /
//   IncompleteSignature scope service differs from the endpoint's       403
//   InvalidSignatureException "Credential should be
//                                                       scoped to correct service: 'workmail'. "
//   X-Amz-Date outside now ± max_skew               403 InvalidSignatureException "Signature
//   expired: ..."
//                                                       or "Signature not yet current: ..."
//   unknown access key (lookup says kNotFound)      403 UnrecognizedClientException
//   lookup failed otherwise                         the lookup's error through ApiErrorFromError
//   X-Amz-Content-Sha256 present and wrong          403 InvalidSignatureException
//   signature mismatch                              403 InvalidSignatureException "The request
//   signature
//                                                       we calculated does not match ..."
//   session token missing, unexpected or different  403 UnrecognizedClientException
//
// Thread-safe: Verify() is const and the lookup is called concurrently; the lookup must be too.
// The clock is borrowed and must outlive the verifier.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/error.h"
#include "base/secret_bytes.h"
#include "protocols/admin_api/wire/api_error.h"
#include "protocols/admin_api/wire/http_request_view.h"

namespace skerry::admin_api {

inline constexpr std::string_view kWorkMailService = "workmail";
inline constexpr std::string_view kMessageFlowService = "workmailmessageflow";

// What the server knows about one access key.
struct Credential {
  SecretBytes secret_access_key;  // the secret as the client holds it (ASCII bytes)
  std::string principal_arn;      // "arn:aws:iam::000000000000:user/admin"
  std::string principal_name;     // "admin"
  // Set for temporary credentials: the request must carry exactly this X-Amz-Security-Token.
  std::optional<std::string> session_token;
  // The principal's policy (a managed policy name or a JSON document), carried to the
  // authorizer so one request looks its key up once.
  std::string policy;
};

// kNotFound for an unknown key id; other errors are failures of the lookup itself.
using CredentialLookup = std::function<Result<Credential>(const std::string& access_key_id)>;

// Who signed a verified request.
struct VerifiedCaller {
  std::string access_key_id;
  std::string principal_arn;
  std::string principal_name;
  std::string region;
  std::string service;
  std::chrono::system_clock::time_point signed_at;
  bool temporary = false;  // authenticated with a session token
  std::string policy;      // from the Credential
};

struct Sigv4VerifierOptions {
  std::chrono::seconds max_skew{std::chrono::minutes(5)};
};

class Sigv4Verifier {
 public:
  Sigv4Verifier(CredentialLookup lookup, const Clock& clock, Sigv4VerifierOptions options = {})
      : lookup_(std::move(lookup)), clock_(clock), options_(options) {}

  // `service` is the endpoint's signing name: kWorkMailService for POST /, kMessageFlowService
  // for /messages/{id}.
  [[nodiscard]] ApiResult<VerifiedCaller> Verify(const wire::HttpRequestView& request,
                                                 std::string_view service) const;

  // HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
  [[nodiscard]] static Result<SecretBytes> DeriveSigningKey(const SecretBytes& secret,
                                                            std::string_view date,
                                                            std::string_view region,
                                                            std::string_view service);

 private:
  ApiStatus CheckSkew(const std::string& amz_date,
                      std::chrono::system_clock::time_point signed_at) const;

  CredentialLookup lookup_;
  const Clock& clock_;
  Sigv4VerifierOptions options_;
};

}  // namespace skerry::admin_api
