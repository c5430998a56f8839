#pragma once
// NextToken values for the admin API's List operations (wire reference §8): opaque, stable
// (the same page position always yields the same token) and tamper-evident strings of 1..1024
// characters.
//
// token = base64( 0x01 || resume_key || HMAC-SHA256(server_key, context) )
// context = "skerry.next-token.v1" and, length-prefixed: operation, organization id, filter
// fingerprint, resume key. Operation, organization and fingerprint are bound by the MAC but not
// carried, so a token replayed on another operation, organization or filter fails like a forged
// one. The resume key (where the next page starts: an id, never a secret) is readable by whoever
// holds the token; it is not encrypted.
//
// A rejected token gives InvalidParameterException "The next token is invalid." (WorkMail models
// no InvalidNextTokenException; every paginated operation declares InvalidParameterException).
//
// Thread-safe: const methods only, no shared mutable state.

#include <boost/json/object.hpp>
#include <string>

#include "base/error.h"
#include "base/secret_bytes.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

class PaginationTokens {
 public:
  static constexpr std::size_t kMaxTokenLength = 1024;  // the model's NextToken max
  static constexpr std::size_t kMinKeySize = 32;

  // kInvalidArgument for a key shorter than 32 bytes.
  [[nodiscard]] static Result<PaginationTokens> Create(SecretBytes server_key);

  // kInvalidArgument if the resume key is empty or the token would exceed 1024 characters (a
  // resume key of up to 735 bytes fits).
  [[nodiscard]] Result<std::string> Issue(std::string_view operation,
                                          std::string_view organization_id,
                                          std::string_view filter_fingerprint,
                                          std::string_view resume_key) const;

  // The resume key of a token issued for the same operation, organization and fingerprint.
  [[nodiscard]] ApiResult<std::string> Resume(std::string_view token, std::string_view operation,
                                              std::string_view organization_id,
                                              std::string_view filter_fingerprint) const;

  // Hex SHA-256 of the request's parameters other than NextToken and MaxResults (canonical JSON):
  // a page size may change between pages, a filter may not.
  [[nodiscard]] static Result<std::string> FilterFingerprint(const boost::json::object& input);

 private:
  explicit PaginationTokens(SecretBytes key) : key_(std::move(key)) {}
  Result<std::string> Mac(std::string_view operation, std::string_view organization_id,
                          std::string_view filter_fingerprint, std::string_view resume_key) const;

  SecretBytes key_;
};

}  // namespace skerry::admin_api
