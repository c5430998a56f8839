// DeleteAccessControlRule: deleting a rule that does not exist succeeds (the model declares no
// not-found error). Deleting every rule denies all access, as the guide warns.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> DeleteAccessControlRule(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  if (auto done = deps.rules->DeleteAccessControlRule(org, JsonString(input, "Name")); !done)
    return RuleError(done.error());
  return Json{};
}

}  // namespace skerry::admin_api
