// DeleteIdentityCenterApplication: refused with OrganizationStateException while an active
// organization's identity provider configuration uses the application; otherwise succeeds
// (idempotent; applications are not recorded, see CreateIdentityCenterApplication).
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> DeleteIdentityCenterApplication(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto arn = JsonString(input, "ApplicationArn");
  auto orgs = deps.common->organizations->List();
  if (!orgs) return tl::unexpected(orgs.error());
  for (const auto& org : *orgs) {
    if (org.attributes.state != "Active") continue;
    auto config = deps.store->IdentityProvider(org.record.id);
    if (!config) {
      if (config.error().code == ErrorCode::kNotFound) continue;
      return tl::unexpected(config.error());
    }
    if (config->application_arn == arn)
      return MakeTypedError(ErrorCode::kFailedPrecondition, "OrganizationStateException",
                            "Organization " + org.record.id +
                                " uses the application in its identity provider configuration; delete that first.");
  }
  return Json{};
}

}  // namespace skerry::admin_api
