// UpdateAvailabilityConfiguration: replaces the domain's provider (the type may change);
// ResourceNotFoundException when the domain has no configuration.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> UpdateAvailabilityConfiguration(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  directory::AvailabilityConfig config;
  config.domain = JsonString(input, "DomainName");
  SKERRY_TRY(ProviderFromInput(input, config));
  auto done = deps.store->UpdateAvailability(org, std::move(config));
  if (!done) return IntegrationError(done.error(), "ResourceNotFoundException");
  return Json{};
}

}  // namespace skerry::admin_api
