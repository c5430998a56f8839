// UpdateImpersonationRole: replaces name, type, description and rules; ResourceNotFoundException
// for an unknown role. The change is immediate for tokens already issued (they resolve the role
// when used).
#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> UpdateImpersonationRole(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto role = directory::ImpersonationRoleFromJson(input);
  if (!role) return RuleError(role.error());
  if (auto done = deps.rules->UpdateImpersonationRole(org, std::move(*role)); !done)
    return RuleError(done.error(), kResourceNotFound);
  return Json{};
}

}  // namespace skerry::admin_api
