// DescribeOrganization: deleted organizations stay describable (State "Deleted").
#include "protocols/admin_api/commands/command_deps.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/organization_json.h"

namespace skerry::admin_api {

Result<Json> DescribeOrganization(const CommandDeps& deps, const RequestContext&, const Json& input) {
  auto org = deps.organizations->Get(JsonString(input, "OrganizationId"));
  if (!org) return OrganizationError(org.error());
  return DescribeOrganizationJson(*org);
}

}  // namespace skerry::admin_api
