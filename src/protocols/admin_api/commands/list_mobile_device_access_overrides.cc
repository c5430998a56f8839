// ListMobileDeviceAccessOverrides: overrides filtered by UserId and/or DeviceId, ordered by user
// then device, MaxResults (default 100) per page with an opaque NextToken bound to the filter.
#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/list_page.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> ListMobileDeviceAccessOverrides(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto all = deps.rules->MobileDeviceAccessOverrides(org, {JsonString(input, "UserId"), JsonString(input, "DeviceId")});
  if (!all) return RuleError(all.error());
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& [key, entry] : *all) items.emplace_back(key, directory::MobileDeviceAccessOverrideToJson(entry));
  return PageOf(*deps.common, input, "ListMobileDeviceAccessOverrides", std::move(items), "Overrides");
}

}  // namespace skerry::admin_api
