// GetMobileDeviceAccessEffect: simulates the rules (not overrides: the request names no user or
// device id) for the device properties given; absent properties count as not reported, which
// "$NONE" matches.
#include <boost/json/array.hpp>

#include "policy/mobile_device_rules.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> GetMobileDeviceAccessEffect(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  policy::DeviceAttributes device{JsonString(input, "DeviceType"), JsonString(input, "DeviceModel"),
                                  JsonString(input, "DeviceOperatingSystem"), JsonString(input, "DeviceUserAgent")};
  auto decision = deps.rules->MobileDeviceAccessEffect(org, device);
  if (!decision) return RuleError(decision.error());
  boost::json::array matched;
  for (const auto& m : decision->matched_rules)
    if (matched.size() < kMaxMatchedRules) matched.emplace_back(Json{{"MobileDeviceAccessRuleId", m.id}, {"Name", m.name}});
  return Json{{"Effect", policy::RuleEffectName(decision->effect)}, {"MatchedRules", std::move(matched)}};
}

}  // namespace skerry::admin_api
