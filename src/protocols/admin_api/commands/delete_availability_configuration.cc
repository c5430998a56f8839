// DeleteAvailabilityConfiguration: idempotent (a domain without a configuration succeeds, as the
// model lists no not-found exception).
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> DeleteAvailabilityConfiguration(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto done = deps.store->DeleteAvailability(org, JsonString(input, "DomainName"));
  if (!done) return IntegrationError(done.error(), "ResourceNotFoundException");
  return Json{};
}

}  // namespace skerry::admin_api
