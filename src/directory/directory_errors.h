#pragma once
// The directory's failures, named after the WorkMail exceptions (the WorkMail model is the
// directory's specification). Each Error keeps a generic ErrorCode for callers that only branch
// on codes, and puts the exception name first in the detail ("EntityNotFoundException: ...") —
// the form the admin API sends as the client's __type (admin_api/wire/api_error.h). Other front
// ends map by ErrorCode and may show the detail to operators only.

#include <string>
#include <string_view>

#include "base/error.h"

namespace skerry::directory {

[[nodiscard]] inline tl::unexpected<Error> DirectoryError(ErrorCode code, std::string_view exception,
                                                          std::string_view message,
                                                          SourceLocation where = SourceLocation::Current()) {
  std::string detail(exception);
  detail += ": ";
  detail += message;
  return tl::unexpected<Error>(Error{code, std::move(detail), where});
}

inline constexpr std::string_view kOrganizationNotFoundError = "OrganizationNotFoundException";
inline constexpr std::string_view kOrganizationStateError = "OrganizationStateException";
inline constexpr std::string_view kEntityNotFoundError = "EntityNotFoundException";
inline constexpr std::string_view kEntityStateError = "EntityStateException";
inline constexpr std::string_view kEntityAlreadyRegisteredError = "EntityAlreadyRegisteredException";
inline constexpr std::string_view kNameAvailabilityError = "NameAvailabilityException";
inline constexpr std::string_view kEmailAddressInUseError = "EmailAddressInUseException";
inline constexpr std::string_view kMailDomainNotFoundError = "MailDomainNotFoundException";
inline constexpr std::string_view kMailDomainStateError = "MailDomainStateException";
inline constexpr std::string_view kMailDomainInUseError = "MailDomainInUseException";
inline constexpr std::string_view kInvalidPasswordError = "InvalidPasswordException";
inline constexpr std::string_view kInvalidParameterError = "InvalidParameterException";
inline constexpr std::string_view kLimitExceededError = "LimitExceededException";

// True when `e` carries the named exception.
inline bool IsDirectoryError(const Error& e, std::string_view exception) {
  return e.detail.size() > exception.size() && e.detail.compare(0, exception.size(), exception) == 0 &&
         e.detail[exception.size()] == ':';
}

}  // namespace skerry::directory
