#pragma once
// Framing of a WorkMail admin API call, AWS JSON 1.1 RPC (wire reference §3): POST / with
// "X-Amz-Target: WorkMailService.<Operation>", Content-Type application/x-amz-json-1.1 and a JSON
// object as body. Pure parsing: no authentication, no model lookup (the validator decides whether
// the operation exists).
//
// Errors, all as ApiError:
//   not POST, or a path other than "/"         -> 404 UnknownOperationException
//   X-Amz-Target missing, repeated, without the
//   "WorkMailService." prefix or empty         -> 400 UnknownOperationException
//   Content-Type missing or not one of
//   application/x-amz-json-1.1 (-1.0 and
//   application/json accepted leniently)       -> 400 SerializationException
//   body not JSON, not an object, invalid
//   UTF-8 or a lone surrogate escape           -> 400 SerializationException
// An empty body (Content-Length: 0) is taken as {}.

#include <boost/json/object.hpp>
#include <string>

#include "protocols/admin_api/wire/api_error.h"
#include "protocols/admin_api/wire/http_request_view.h"

namespace skerry::admin_api::wire {

inline constexpr std::string_view kTargetPrefix = "WorkMailService.";
inline constexpr std::string_view kJson11ContentType = "application/x-amz-json-1.1";

struct Json11Call {
  std::string operation;  // "CreateUser": not yet checked against the model
  boost::json::object input;
};

[[nodiscard]] ApiResult<Json11Call> ParseJson11Request(const HttpRequestView& request);

// The operation named by X-Amz-Target, or an UnknownOperationException. Exposed for callers that
// need the name before the body is parsed (logging, metrics).
[[nodiscard]] ApiResult<std::string> ParseTarget(const HttpRequestView& request);

// Parses a body as one JSON object ({} for an empty or all-whitespace body).
[[nodiscard]] ApiResult<boost::json::object> ParseJsonObject(std::string_view body);

}  // namespace skerry::admin_api::wire
