// AssumeImpersonationRole: a bearer token for the role, valid 15 minutes (ExpiresIn 900; the
// guide: "This Token must be passed within 15 minutes"). ResourceNotFoundException for an
// unknown role. Only the token's SHA-256 is stored (rule_store.h); EWS will resolve it.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> AssumeImpersonationRole(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto grant = deps.rules->AssumeImpersonationRole(org, JsonString(input, "ImpersonationRoleId"));
  if (!grant) return RuleError(grant.error(), kResourceNotFound);
  return Json{{"Token", grant->token}, {"ExpiresIn", grant->expires_in}};
}

}  // namespace skerry::admin_api
