#include "protocols/admin_api/commands/rule_json.h"

#include "protocols/admin_api/commands/organization_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

tl::unexpected<Error> RuleError(const Error& e, std::string_view not_found) {
  switch (e.code) {
    case ErrorCode::kNotFound:
      return MakeTypedError(e.code, not_found, e.detail);
    case ErrorCode::kResourceExhausted:
      return MakeTypedError(e.code, "LimitExceededException", e.detail);
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kAlreadyExists:
      return MakeTypedError(e.code, kInvalidParameter, e.detail);
    case ErrorCode::kKeyDestroyed:
      return MakeTypedError(e.code, "OrganizationStateException", "The organization is deleted.");
    default:
      return tl::unexpected(e);
  }
}

}  // namespace skerry::admin_api
