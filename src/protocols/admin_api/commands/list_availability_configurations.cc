// ListAvailabilityConfigurations: by domain (case-insensitive order), EWS providers redacted (no
// password), MaxResults (default 100) per page with an opaque NextToken.
#include "base/ascii.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> ListAvailabilityConfigurations(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto configs = deps.store->AvailabilityConfigs(org);
  if (!configs) return IntegrationError(configs.error(), "ResourceNotFoundException");
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& c : *configs) items.emplace_back(AsciiLower(c.domain), AvailabilityJson(c));
  return PageOf(*deps.common, input, "ListAvailabilityConfigurations", std::move(items), "AvailabilityConfigurations");
}

}  // namespace skerry::admin_api
