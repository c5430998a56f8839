#include "protocols/admin_api/wire/json11_request.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace skerry::admin_api::wire {
namespace {

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

ApiStatus CheckContentType(const HttpRequestView& request) {
  const std::string_view* value = request.FindHeader("Content-Type");
  if (value == nullptr) {
    return MakeApiError(kSerialization,
                        "Missing Content-Type header: expected " + std::string(kJson11ContentType));
  }
  std::string_view media = TrimOws(value->substr(0, value->find(';')));
  if (EqualsIgnoreCase(media, kJson11ContentType) ||
      EqualsIgnoreCase(media, "application/x-amz-json-1.0") ||
      EqualsIgnoreCase(media, "application/json")) {
    return {};
  }
  return MakeApiError(kSerialization, "Unsupported Content-Type '" +
                                          std::string(media.substr(0, 100)) + "': expected " +
                                          std::string(kJson11ContentType));
}

}  // namespace

ApiResult<std::string> ParseTarget(const HttpRequestView& request) {
  int count = request.CountHeader("X-Amz-Target");
  if (count == 0) return MakeApiError(kUnknownOperation, "Missing X-Amz-Target header");
  if (count > 1) return MakeApiError(kUnknownOperation, "More than one X-Amz-Target header");
  std::string_view target = TrimOws(*request.FindHeader("X-Amz-Target"));
  if (!target.starts_with(kTargetPrefix)) {
    return MakeApiError(kUnknownOperation, "X-Amz-Target '" + std::string(target.substr(0, 200)) +
                                               "' does not name a WorkMailService operation");
  }
  std::string_view op = target.substr(kTargetPrefix.size());
  if (!IsIdentifier(op)) {
    return MakeApiError(kUnknownOperation, "X-Amz-Target '" + std::string(target.substr(0, 200)) +
                                               "' has no valid operation name");
  }
  return std::string(op);
}

ApiResult<boost::json::object> ParseJsonObject(std::string_view body) {
  if (TrimOws(body).find_first_not_of("\r\n") == std::string_view::npos)
    return boost::json::object{};
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);  // validates UTF-8 and \u escapes
  if (ec)
    return MakeApiError(kSerialization, "The request body is not valid JSON: " + ec.message());
  if (!value.is_object())
    return MakeApiError(kSerialization, "The request body must be a JSON object");
  return std::move(value.as_object());
}

ApiResult<Json11Call> ParseJson11Request(const HttpRequestView& request) {
  if (request.method != "POST" || request.path != "/") {
    return MakeApiError(kUnknownOperation,
                        "The WorkMail API is served by POST / only, not " +
                            std::string(request.method.substr(0, 16)) + " " +
                            std::string(request.path.substr(0, 200)),
                        404);
  }
  Json11Call call;
  call.operation = SKERRY_API_TRY(ParseTarget(request));
  SKERRY_API_TRY(CheckContentType(request));
  call.input = SKERRY_API_TRY(ParseJsonObject(request.body));
  return call;
}

}  // namespace skerry::admin_api::wire
