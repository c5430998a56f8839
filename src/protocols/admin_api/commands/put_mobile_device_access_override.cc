// PutMobileDeviceAccessOverride: creates or replaces the override for one user and device.
// Partial: the user is stored as named (id, e-mail or name) and not yet checked to exist
// (EntityNotFoundException comes with the users service).
#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> PutMobileDeviceAccessOverride(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto o = directory::MobileDeviceAccessOverrideFromJson(input);
  if (!o) return RuleError(o.error());
  if (auto done = deps.rules->PutMobileDeviceAccessOverride(org, std::move(*o)); !done) return RuleError(done.error());
  return Json{};
}

}  // namespace skerry::admin_api
