#include "protocols/http/error_response.h"

#include <fmt/format.h>

namespace skerry::http {
namespace {
std::string JsonEscape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += {'\\', static_cast<char>(c)};
    else if (c < 0x20) out += fmt::format("\\u{:04x}", c);
    else out.push_back(static_cast<char>(c));
  }
  return out;
}
}  // namespace

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kKeyDestroyed: return 410;  // Gone: crypto-shredded, and it says so
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnimplemented: return 501;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kTimeout: return 504;
    default: return 500;
  }
}

Response ErrorResponse(const Error& error) {
  return Response::Json(HttpStatusFor(error.code),
                        fmt::format(R"({{"error":"{}","message":"{}"}})", ErrorCodeName(error.code),
                                    JsonEscape(error.detail)));
}

}  // namespace skerry::http
