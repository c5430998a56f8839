#pragma once
// AWS Signature Version 4 request syntax (wire reference §4; AWS "Create a signed AWS API
// request"): parsing the Authorization header, X-Amz-Date and X-Amz-Security-Token, and building
// the canonical request and string to sign. Parsing only: hashing and HMACs live in
// sigv4_verifier (wire/ sees only base and formats), so the payload hash and the canonical
// request's hash come in as hex strings.
//
// Errors (ApiError):
//   no Authorization header                             -> 403 MissingAuthenticationTokenException
//   malformed header, component, credential scope,
//   SignedHeaders or Signature; missing or malformed
//   X-Amz-Date; a required header left unsigned
//   (host, x-amz-date, and x-amz-target and
//   x-amz-security-token when present); a signed
//   header absent from the request                      -> 400 IncompleteSignatureException
//   credential scope date != X-Amz-Date's date, scope
//   terminator other than aws4_request                  -> 403 InvalidSignatureException

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "protocols/admin_api/wire/api_error.h"
#include "protocols/admin_api/wire/http_request_view.h"

namespace skerry::admin_api::wire {

inline constexpr std::string_view kSigv4Algorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kSigv4Terminator = "aws4_request";

struct CredentialScope {
  std::string access_key_id;  // "AKIDEXAMPLE"
  std::string date;           // "20261122"
  std::string region;         // "us-east-1" (any region is accepted)
  std::string service;        // "workmail" or "workmailmessageflow" (checked by the verifier)

  // "20261122/us-east-1/workmail/aws4_request"
  std::string ScopeString() const;
};

struct Sigv4Authorization {
  CredentialScope credential;
  std::vector<std::string> signed_headers;  // lowercase, strictly ascending
  std::string signature;                    // 64 lowercase hex digits
};

struct Sigv4Request {
  Sigv4Authorization authorization;
  std::string amz_date;  // "20261122T102802Z", exactly as sent
  std::chrono::system_clock::time_point signed_at;
  std::optional<std::string> security_token;  // X-Amz-Security-Token, trimmed
};

// Parses the value of one Authorization header.
[[nodiscard]] ApiResult<Sigv4Authorization> ParseAuthorizationHeader(std::string_view value);

// Parses and cross-checks the request's SigV4 headers (see the error table above).
[[nodiscard]] ApiResult<Sigv4Request> ParseSigv4Request(const HttpRequestView& request);

// "yyyyMMddTHHmmssZ" (ISO 8601 basic, UTC) <-> time point.
[[nodiscard]] ApiResult<std::chrono::system_clock::time_point> ParseAmzDate(std::string_view text);
[[nodiscard]] std::string FormatAmzDate(std::chrono::system_clock::time_point t);

// The canonical URI of a raw (still percent-encoded) path, as botocore computes it for every
// service but S3: dot segments and empty segments removed, then each byte outside
// [A-Za-z0-9-_.~/] percent-encoded (so an existing "%2F" becomes "%252F"). "" -> "/".
[[nodiscard]] std::string CanonicalUri(std::string_view raw_path);

// The canonical query string: parameters percent-decoded, re-encoded with the SigV4 unreserved
// set, sorted by name then value, joined with '&' ("a=1&b="). "" for an empty query.
[[nodiscard]] std::string CanonicalQuery(std::string_view raw_query);

// "name:value\n" for each signed header in order; a header sent several times has its values
// joined with ','; each value trimmed with inner runs of spaces and tabs collapsed to one space.
[[nodiscard]] std::string CanonicalHeaders(const HttpRequestView& request,
                                           const std::vector<std::string>& signed_headers);

// METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n PayloadHash
[[nodiscard]] std::string CanonicalRequest(const HttpRequestView& request,
                                           const std::vector<std::string>& signed_headers,
                                           std::string_view payload_hash_hex);

// AWS4-HMAC-SHA256 \n AmzDate \n Scope \n hex(sha256(CanonicalRequest))
[[nodiscard]] std::string StringToSign(std::string_view amz_date, const CredentialScope& scope,
                                       std::string_view canonical_request_hash_hex);

}  // namespace skerry::admin_api::wire
