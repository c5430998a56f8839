// UpdateMobileDeviceAccessRule: replaces every member of the rule (conditions left out are
// cleared, as the request carries the whole rule); EntityNotFoundException for an unknown id.
#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> UpdateMobileDeviceAccessRule(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto rule = directory::MobileDeviceAccessRuleFromJson(input);
  if (!rule) return RuleError(rule.error());
  if (auto done = deps.rules->UpdateMobileDeviceAccessRule(org, std::move(*rule)); !done)
    return RuleError(done.error(), kEntityNotFound);
  return Json{};
}

}  // namespace skerry::admin_api
