// DeleteMobileDeviceAccessOverride: deleting an override that does not exist succeeds; the
// rules decide for that user and device again.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> DeleteMobileDeviceAccessOverride(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  if (auto done = deps.rules->DeleteMobileDeviceAccessOverride(org, JsonString(input, "UserId"),
                                                               JsonString(input, "DeviceId"));
      !done)
    return RuleError(done.error());
  return Json{};
}

}  // namespace skerry::admin_api
