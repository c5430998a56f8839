#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {
namespace {

// "SomethingException" / "InternalFailure"-style names: PascalCase letters only.
bool LooksLikeExceptionName(std::string_view s) {
  if (s.empty() || !(s[0] >= 'A' && s[0] <= 'Z')) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  return s.ends_with("Exception") || s.ends_with("Failure") || s == kServiceUnavailable;
}

}  // namespace

int DefaultStatusFor(std::string_view type) {
  if (type == kUnrecognizedClient || type == kInvalidSignature || type == kAccessDenied ||
      type == kMissingAuthenticationToken || type == "ExpiredTokenException") {
    return 403;
  }
  if (type == kInternalFailure) return 500;
  if (type == kServiceUnavailable) return 503;
  return 400;
}

tl::unexpected<Error> MakeTypedError(ErrorCode code, std::string_view type,
                                     std::string_view message, SourceLocation where) {
  std::string detail(type);
  detail += ": ";
  detail += message;
  return tl::unexpected<Error>(Error{code, std::move(detail), where});
}

std::string_view DefaultExceptionFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return kInvalidParameter;
    case ErrorCode::kNotFound:
      return kEntityNotFound;
    case ErrorCode::kAlreadyExists:
      return "NameAvailabilityException";
    case ErrorCode::kPermissionDenied:
      return kAccessDenied;
    case ErrorCode::kFailedPrecondition:
      return "EntityStateException";
    case ErrorCode::kResourceExhausted:
      return "LimitExceededException";
    case ErrorCode::kKeyDestroyed:
      return "OrganizationStateException";  // crypto-shredded
    case ErrorCode::kUnimplemented:
      return kUnsupportedOperation;
    case ErrorCode::kUnavailable:
    case ErrorCode::kTimeout:
    case ErrorCode::kCancelled:
      return kServiceUnavailable;  // retried by every client
    case ErrorCode::kIo:
    case ErrorCode::kCorrupt:
    case ErrorCode::kConfig:
    case ErrorCode::kInternal:
      return kInternalFailure;
  }
  return kInternalFailure;
}

ApiError ApiErrorFromError(const Error& error) {
  std::string_view detail = error.detail;
  if (auto colon = detail.find(": "); colon != std::string_view::npos) {
    std::string_view type = detail.substr(0, colon);
    if (LooksLikeExceptionName(type)) {
      return ApiError{std::string(type), std::string(detail.substr(colon + 2)),
                      DefaultStatusFor(type)};
    }
  }
  std::string_view type = DefaultExceptionFor(error.code);
  int status = DefaultStatusFor(type);
  std::string message;
  if (status == 500) {
    message = "An internal error occurred. The failure has been logged.";
  } else if (status == 503) {
    message = "The service is temporarily unavailable. Try again.";
  } else {
    message = std::string(detail);
  }
  return ApiError{std::string(type), std::move(message), status};
}

}  // namespace skerry::admin_api
