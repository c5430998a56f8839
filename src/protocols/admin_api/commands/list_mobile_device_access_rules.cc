// ListMobileDeviceAccessRules: every rule in creation order (unpaginated, as in the model); a
// new organization lists its default allow-all rule.
#include <boost/json/array.hpp>

#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> ListMobileDeviceAccessRules(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto rules = deps.rules->MobileDeviceAccessRules(org);
  if (!rules) return RuleError(rules.error());
  boost::json::array out;
  for (const auto& r : *rules) out.emplace_back(directory::MobileDeviceAccessRuleToJson(r));
  return Json{{"Rules", std::move(out)}};
}

}  // namespace skerry::admin_api
