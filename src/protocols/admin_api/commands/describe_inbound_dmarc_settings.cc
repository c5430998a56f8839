// DescribeInboundDmarcSettings: Enforced, true for an organization that never changed it (the
// guide: "New Amazon WorkMail organizations have DMARC enforcement turned on by default").
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(DescribeInboundDmarcSettings) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto enforced = deps.settings->InboundDmarcEnforced(org);
  if (!enforced) return SettingsError(enforced.error());
  return Json{{"Enforced", *enforced}};
}

}  // namespace skerry::admin_api
