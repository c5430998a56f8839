#pragma once
// Responses of the WorkMail admin API (AWS JSON 1.1, wire reference §5, §6.2) and the Message
// Flow API's REST-JSON error variant (§9). Pure serialisation into ResponseParts; the gate copies
// them into an http::Response.
//
//   success:    200, Content-Type application/x-amz-json-1.1, x-amzn-RequestId, body = object
//   error:      ApiError::status (400, 403 auth, 500/503), same Content-Type, x-amzn-RequestId,
//               x-amzn-ErrorType (ignored by botocore for JSON 1.1, read by Smithy SDKs),
//               body {"__type":"<type>","Message":"<message>"} (botocore reads only __type)
//   Message Flow error: 404 for ResourceNotFoundException, else ApiError::status;
//               Content-Type application/json, x-amzn-ErrorType, body {"message":"..."}

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api::wire {

struct ResponseParts {
  int status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
  std::string body;

  // The value of a header this layer set; nullptr when absent (for tests and the gate).
  const std::string* Header(std::string_view name) const;
};

inline constexpr std::string_view kRequestIdHeader = "x-amzn-RequestId";
inline constexpr std::string_view kErrorTypeHeader = "x-amzn-ErrorType";
inline constexpr std::string_view kJson11ContentTypeValue = "application/x-amz-json-1.1";

[[nodiscard]] ResponseParts Json11Success(std::string_view request_id,
                                          const boost::json::object& output);
// A stored body replayed verbatim (idempotent retries).
[[nodiscard]] ResponseParts Json11SuccessBody(std::string_view request_id, std::string body);
[[nodiscard]] ResponseParts Json11Error(std::string_view request_id, const ApiError& error);
[[nodiscard]] ResponseParts RestJsonError(std::string_view request_id, const ApiError& error);

// A response timestamp as AWS JSON sends it: epoch seconds, a JSON integer when whole, otherwise
// a number with millisecond precision (1700000000.5). Clients parse either.
[[nodiscard]] boost::json::value EpochSeconds(std::chrono::system_clock::time_point t);

}  // namespace skerry::admin_api::wire
