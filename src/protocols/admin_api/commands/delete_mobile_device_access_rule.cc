// DeleteMobileDeviceAccessRule: deleting an unknown id succeeds (the model declares no
// not-found error). With no rule left every device is blocked, as the guide warns.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> DeleteMobileDeviceAccessRule(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  if (auto done = deps.rules->DeleteMobileDeviceAccessRule(org, JsonString(input, "MobileDeviceAccessRuleId")); !done)
    return RuleError(done.error());
  return Json{};
}

}  // namespace skerry::admin_api
