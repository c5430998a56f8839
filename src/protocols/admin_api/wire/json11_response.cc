#include "protocols/admin_api/wire/json11_response.h"

#include <boost/json/serialize.hpp>

#include "protocols/admin_api/wire/http_request_view.h"

namespace skerry::admin_api::wire {

const std::string* ResponseParts::Header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (EqualsIgnoreCase(n, name)) return &v;
  return nullptr;
}

ResponseParts Json11SuccessBody(std::string_view request_id, std::string body) {
  ResponseParts r;
  r.status = 200;
  r.content_type = std::string(kJson11ContentTypeValue);
  r.headers.emplace_back(kRequestIdHeader, request_id);
  r.body = std::move(body);
  return r;
}

ResponseParts Json11Success(std::string_view request_id, const boost::json::object& output) {
  return Json11SuccessBody(request_id, boost::json::serialize(output));
}

ResponseParts Json11Error(std::string_view request_id, const ApiError& error) {
  ResponseParts r;
  r.status = error.status;
  r.content_type = std::string(kJson11ContentTypeValue);
  r.headers.emplace_back(kRequestIdHeader, request_id);
  r.headers.emplace_back(kErrorTypeHeader, error.type);
  boost::json::object body;
  body["__type"] = error.type;
  body["Message"] = error.message;
  r.body = boost::json::serialize(body);
  return r;
}

ResponseParts RestJsonError(std::string_view request_id, const ApiError& error) {
  ResponseParts r;
  r.status = error.type == kResourceNotFound ? 404 : error.status;
  r.content_type = "application/json";
  r.headers.emplace_back(kRequestIdHeader, request_id);
  r.headers.emplace_back(kErrorTypeHeader, error.type);
  boost::json::object body;
  body["message"] = error.message;
  r.body = boost::json::serialize(body);
  return r;
}

boost::json::value EpochSeconds(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  if (ms % 1000 == 0) return boost::json::value(static_cast<std::int64_t>(ms / 1000));
  return boost::json::value(static_cast<double>(ms) / 1000.0);
}

}  // namespace skerry::admin_api::wire
