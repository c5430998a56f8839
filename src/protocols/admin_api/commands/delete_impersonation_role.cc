// DeleteImpersonationRole: deleting an unknown role succeeds (no not-found error is modelled);
// tokens issued for the role stop working at once.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> DeleteImpersonationRole(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  if (auto done = deps.rules->DeleteImpersonationRole(org, JsonString(input, "ImpersonationRoleId")); !done)
    return RuleError(done.error());
  return Json{};
}

}  // namespace skerry::admin_api
