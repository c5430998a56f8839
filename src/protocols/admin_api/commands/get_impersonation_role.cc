// GetImpersonationRole: the role with its rules; ResourceNotFoundException for an unknown id.
#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> GetImpersonationRole(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto role = deps.rules->ImpersonationRole(org, JsonString(input, "ImpersonationRoleId"));
  if (!role) return RuleError(role.error(), kResourceNotFound);
  return directory::ImpersonationRoleToJson(*role);
}

}  // namespace skerry::admin_api
