// GetMobileDeviceAccessOverride: ResourceNotFoundException when the user and device have none.
#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> GetMobileDeviceAccessOverride(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto o = deps.rules->MobileDeviceAccessOverride(org, JsonString(input, "UserId"), JsonString(input, "DeviceId"));
  if (!o) return RuleError(o.error(), kResourceNotFound);
  return directory::MobileDeviceAccessOverrideToJson(*o);
}

}  // namespace skerry::admin_api
