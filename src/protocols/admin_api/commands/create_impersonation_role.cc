// CreateImpersonationRole: a role with a fresh UUID id; names are unique in the organization
// (InvalidParameterException), at most 20 roles (LimitExceededException). Partial: target users
// are stored as named, not yet checked to exist (comes with the users service).
#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> CreateImpersonationRole(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto role = directory::ImpersonationRoleFromJson(input);
  if (!role) return RuleError(role.error());
  auto id = deps.rules->CreateImpersonationRole(org, std::move(*role));
  if (!id) return RuleError(id.error());
  return Json{{"ImpersonationRoleId", *id}};
}

}  // namespace skerry::admin_api
