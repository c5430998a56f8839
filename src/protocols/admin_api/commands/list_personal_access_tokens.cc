// ListPersonalAccessTokens: the organization's tokens, or one user's (UserId resolved as an id,
// e-mail or name: EntityNotFoundException), by token id, paginated. Partial: nothing issues
// tokens yet, so the list is empty.
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> ListPersonalAccessTokens(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  std::string user_id;
  if (auto user = JsonString(input, "UserId"); !user.empty()) {
    auto entity = deps.entities->Resolve(org, user, {directory::EntityType::kUser});
    if (!entity) return IntegrationError(entity.error(), "EntityNotFoundException");
    user_id = entity->id;
  }
  auto tokens = deps.store->Tokens(org, user_id);
  if (!tokens) return IntegrationError(tokens.error(), "EntityNotFoundException");
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& t : *tokens) items.emplace_back(t.id, TokenJson(t));
  return PageOf(*deps.common, input, "ListPersonalAccessTokens", std::move(items), "PersonalAccessTokenSummaries");
}

}  // namespace skerry::admin_api
