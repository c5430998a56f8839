// DescribeIdentityProviderConfiguration: the stored configuration; ResourceNotFoundException
// when the organization has none.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> DescribeIdentityProviderConfiguration(const IntegrationDeps& deps, const RequestContext&,
                                                   const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto config = deps.store->IdentityProvider(org);
  if (!config) return IntegrationError(config.error(), "ResourceNotFoundException");
  Json tokens{{"Status", config->token_status}};
  if (config->token_lifetime_days > 0) tokens["LifetimeInDays"] = config->token_lifetime_days;
  return Json{{"AuthenticationMode", config->authentication_mode},
              {"IdentityCenterConfiguration",
               Json{{"InstanceArn", config->instance_arn}, {"ApplicationArn", config->application_arn}}},
              {"PersonalAccessTokenConfiguration", std::move(tokens)}};
}

}  // namespace skerry::admin_api
