// CreateMobileDeviceAccessRule: a new rule with a fresh UUID id; at most
// kMaxMobileDeviceAccessRules per organization (LimitExceededException). ClientToken replays
// are answered by the gate (client_token.h) before this runs.
#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> CreateMobileDeviceAccessRule(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto rule = directory::MobileDeviceAccessRuleFromJson(input);
  if (!rule) return RuleError(rule.error());
  auto id = deps.rules->CreateMobileDeviceAccessRule(org, std::move(*rule));
  if (!id) return RuleError(id.error());
  return Json{{"MobileDeviceAccessRuleId", *id}};
}

}  // namespace skerry::admin_api
