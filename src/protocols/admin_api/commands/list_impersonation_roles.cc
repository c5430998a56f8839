// ListImpersonationRoles: role summaries (no rules or description, as the model's
// ImpersonationRole) in id order, MaxResults (default 100) per page with an opaque NextToken.
#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/list_page.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> ListImpersonationRoles(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto roles = deps.rules->ImpersonationRoles(org);
  if (!roles) return RuleError(roles.error());
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& role : *roles) items.emplace_back(role.id, directory::ImpersonationRoleToJson(role, true));
  return PageOf(*deps.common, input, "ListImpersonationRoles", std::move(items), "Roles");
}

}  // namespace skerry::admin_api
