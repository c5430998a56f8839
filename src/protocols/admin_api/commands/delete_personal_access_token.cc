// DeletePersonalAccessToken: idempotent (an unknown id succeeds: the model lists no not-found
// exception for it).
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> DeletePersonalAccessToken(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto done = deps.store->DeleteToken(org, JsonString(input, "PersonalAccessTokenId"));
  if (!done) return IntegrationError(done.error(), "ResourceNotFoundException");
  return Json{};
}

}  // namespace skerry::admin_api
