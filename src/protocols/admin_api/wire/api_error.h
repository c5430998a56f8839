#pragma once
// The error a WorkMail client sees: an exception name (sent as the body's "__type"), a message,
// and an HTTP status (wire reference §6). Gate stages return ApiResult<T>; handlers return
// skerry::Result<T> and ApiErrorFromError() maps their Error here (the one mapping table of
// DESIGN §6 for this protocol).
//
// A handler picks a specific modelled exception by putting its name first in the detail:
// MakeTypedError(ErrorCode::kNotFound, kOrganizationNotFound, "...") makes the detail
// "OrganizationNotFoundException: ..."; without a name, the ErrorCode's default applies.

#include "base/error.h"
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "base/error.h"

namespace skerry::admin_api {

struct ApiError {
  std::string type;     // "EntityNotFoundException"
  std::string message;  // for the client: never keys, secrets or another tenant's data
  int status = 400;
};

template <typename T>
using ApiResult = tl::expected<T, ApiError>;
using ApiStatus = ApiResult<void>;

// Exception names used by the gate itself. The 22 modelled ones are in the model's error lists.
inline constexpr std::string_view kUnknownOperation = "UnknownOperationException";
inline constexpr std::string_view kSerialization = "SerializationException";
inline constexpr std::string_view kValidation = "ValidationException";
inline constexpr std::string_view kInvalidParameter = "InvalidParameterException";
inline constexpr std::string_view kMissingAuthenticationToken =
    "MissingAuthenticationTokenException";
inline constexpr std::string_view kIncompleteSignature = "IncompleteSignatureException";
inline constexpr std::string_view kInvalidSignature = "InvalidSignatureException";
inline constexpr std::string_view kUnrecognizedClient = "UnrecognizedClientException";
inline constexpr std::string_view kAccessDenied = "AccessDeniedException";
inline constexpr std::string_view kThrottling = "ThrottlingException";
inline constexpr std::string_view kInternalFailure = "InternalFailure";
inline constexpr std::string_view kServiceUnavailable = "ServiceUnavailable";
inline constexpr std::string_view kUnsupportedOperation = "UnsupportedOperationException";
inline constexpr std::string_view kEntityNotFound = "EntityNotFoundException";
inline constexpr std::string_view kOrganizationNotFound = "OrganizationNotFoundException";
inline constexpr std::string_view kResourceNotFound = "ResourceNotFoundException";

// 403 for the authentication family, 500 for InternalFailure, 503 for ServiceUnavailable, 400
// otherwise (no WorkMail exception shape declares a status).
int DefaultStatusFor(std::string_view type);

[[nodiscard]] inline tl::unexpected<ApiError> MakeApiError(std::string_view type,
                                                           std::string message) {
  return tl::unexpected<ApiError>(
      ApiError{std::string(type), std::move(message), DefaultStatusFor(type)});
}
[[nodiscard]] inline tl::unexpected<ApiError> MakeApiError(std::string_view type,
                                                           std::string message, int status) {
  return tl::unexpected<ApiError>(ApiError{std::string(type), std::move(message), status});
}

// An Error whose detail names the WorkMail exception to send: "<type>: <message>".
[[nodiscard]] tl::unexpected<Error> MakeTypedError(
    ErrorCode code, std::string_view type, std::string_view message,
    SourceLocation where = SourceLocation::Current());

// The default exception for each ErrorCode (kNotFound -> EntityNotFoundException, ...).
std::string_view DefaultExceptionFor(ErrorCode code);

// Maps a handler's or service's Error. A detail of the MakeTypedError form keeps its name and
// message; otherwise DefaultExceptionFor(code) applies, with the detail as message for 4xx and a
// fixed text for 5xx (details of internal failures are for the log, not the client).
ApiError ApiErrorFromError(const Error& error);

namespace detail {
template <typename T>
T TakeApiValue(ApiResult<T>& r) {
  return std::move(r).value();
}
inline void TakeApiValue(ApiStatus&) {}
}  // namespace detail

}  // namespace skerry::admin_api

// SKERRY_TRY for ApiResult: propagates the ApiError, yields the value (nothing for ApiStatus).
#define SKERRY_API_TRY(expr)                                              \
  ({                                                                      \
    auto&& skerry_api_try_result_ = (expr);                               \
    if (!skerry_api_try_result_) [[unlikely]]                             \
      return ::tl::unexpected(std::move(skerry_api_try_result_).error()); \
    ::skerry::admin_api::detail::TakeApiValue(skerry_api_try_result_);    \
  })
