// GetPersonalAccessTokenMetadata: a token's metadata; ResourceNotFoundException for an unknown
// id. Partial: nothing issues tokens yet, so every id is unknown for now.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> GetPersonalAccessTokenMetadata(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto token = deps.store->Token(org, JsonString(input, "PersonalAccessTokenId"));
  if (!token) return IntegrationError(token.error(), "ResourceNotFoundException");
  return TokenJson(*token);
}

}  // namespace skerry::admin_api
