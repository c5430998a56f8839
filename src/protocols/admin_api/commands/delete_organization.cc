// DeleteOrganization: crypto-shreds every mailbox and a service-managed key; the organization
// remains listed and describable with State "Deleted".
#include "protocols/admin_api/commands/command_deps.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/organization_json.h"

namespace skerry::admin_api {

Result<Json> DeleteOrganization(const CommandDeps& deps, const RequestContext&, const Json& input) {
  auto org = deps.organizations->Delete(JsonString(input, "OrganizationId"));
  if (!org) return OrganizationError(org.error());
  return Json{{"OrganizationId", org->record.id}, {"State", org->attributes.state}};
}

}  // namespace skerry::admin_api
