#include "protocols/admin_api/commands/settings_json.h"

#include "directory/organization_attributes.h"
#include "protocols/admin_api/commands/organization_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<std::string> OrganizationOfArn(const SettingsDeps& deps, const std::string& arn, std::string_view state_error) {
  constexpr std::string_view kMarker = ":organization/";
  auto at = arn.rfind(kMarker);
  std::string org_id = at == std::string::npos ? std::string() : arn.substr(at + kMarker.size());
  auto not_found = [&] {
    return MakeTypedError(ErrorCode::kNotFound, kResourceNotFound, "The resource " + arn + " does not exist.");
  };
  if (org_id.empty()) return not_found();
  auto org = deps.common->organizations->Get(org_id);
  if (!org) return org.error().code == ErrorCode::kNotFound ? not_found() : tl::unexpected(org.error());
  if (directory::OrganizationArn(org->attributes.region, org_id) != arn) return not_found();
  if (org->attributes.state != "Active")
    return MakeTypedError(ErrorCode::kFailedPrecondition, state_error, "The organization is " + org->attributes.state + ".");
  return org_id;
}

tl::unexpected<Error> SettingsError(const Error& e) {
  if (e.code == ErrorCode::kKeyDestroyed)
    return MakeTypedError(e.code, "OrganizationStateException", "The organization is deleted.");
  return tl::unexpected(e);
}

}  // namespace skerry::admin_api
