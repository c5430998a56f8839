#include "protocols/admin_api/pagination_token.h"

#include "base/bytes.h"
#include "crypto/hmac.h"
#include "crypto/sha256.h"
#include "protocols/admin_api/wire/canonical_json.h"

namespace skerry::admin_api {
namespace {

constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kMacSize = crypto::kHmacSha256Size;
constexpr std::string_view kContext = "skerry.next-token.v1";
constexpr std::string_view kInvalid = "The next token is invalid.";

void AppendField(Bytes& out, std::string_view field) {
  AppendBe32(out, static_cast<std::uint32_t>(field.size()));
  out.insert(out.end(), field.begin(), field.end());
}

}  // namespace

Result<PaginationTokens> PaginationTokens::Create(SecretBytes server_key) {
  if (server_key.size() < kMinKeySize) {
    return MakeError(ErrorCode::kInvalidArgument, "pagination token key must be at least 32 bytes");
  }
  return PaginationTokens(std::move(server_key));
}

Result<std::string> PaginationTokens::Mac(std::string_view operation,
                                          std::string_view organization_id,
                                          std::string_view filter_fingerprint,
                                          std::string_view resume_key) const {
  Bytes context(kContext.begin(), kContext.end());
  AppendField(context, operation);
  AppendField(context, organization_id);
  AppendField(context, filter_fingerprint);
  AppendField(context, resume_key);
  auto mac = SKERRY_TRY(crypto::HmacSha256Mac(key_, context));
  return std::string(AsChars(mac));
}

Result<std::string> PaginationTokens::Issue(std::string_view operation,
                                            std::string_view organization_id,
                                            std::string_view filter_fingerprint,
                                            std::string_view resume_key) const {
  if (resume_key.empty())
    return MakeError(ErrorCode::kInvalidArgument, "empty pagination resume key");
  std::string raw(1, static_cast<char>(kVersion));
  raw += resume_key;
  raw += SKERRY_TRY(Mac(operation, organization_id, filter_fingerprint, resume_key));
  std::string token = Base64Encode(AsBytes(raw));
  if (token.size() > kMaxTokenLength) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "pagination resume key too long for a 1024-character NextToken");
  }
  return token;
}

ApiResult<std::string> PaginationTokens::Resume(std::string_view token, std::string_view operation,
                                                std::string_view organization_id,
                                                std::string_view filter_fingerprint) const {
  if (token.empty() || token.size() > kMaxTokenLength)
    return MakeApiError(kInvalidParameter, std::string(kInvalid));
  for (char c : token) {  // standard alphabet only: Base64Decode also takes url-safe and spaces
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '/' || c == '=';
    if (!ok) return MakeApiError(kInvalidParameter, std::string(kInvalid));
  }
  auto raw = Base64Decode(token);
  if (!raw || raw->size() < 1 + 1 + kMacSize || (*raw)[0] != kVersion ||
      Base64Encode(*raw) != token) {
    return MakeApiError(kInvalidParameter, std::string(kInvalid));
  }
  std::string_view bytes = AsChars(*raw);
  std::string_view resume = bytes.substr(1, bytes.size() - 1 - kMacSize);
  std::string_view mac = bytes.substr(bytes.size() - kMacSize);
  auto expected = Mac(operation, organization_id, filter_fingerprint, resume);
  if (!expected) return tl::unexpected(ApiErrorFromError(expected.error()));
  if (!ConstantTimeEqual(AsBytes(*expected), AsBytes(mac))) {
    return MakeApiError(kInvalidParameter, std::string(kInvalid));
  }
  return std::string(resume);
}

Result<std::string> PaginationTokens::FilterFingerprint(const boost::json::object& input) {
  boost::json::object filters = input;
  filters.erase("NextToken");
  filters.erase("MaxResults");
  return crypto::Sha256Hex(AsBytes(wire::CanonicalJson(filters)));
}

}  // namespace skerry::admin_api
