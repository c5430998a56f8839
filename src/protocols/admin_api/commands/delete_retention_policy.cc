// DeleteRetentionPolicy: removes the policy with that Id; idempotent (another or no policy: {}).
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(DeleteRetentionPolicy) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  if (auto del = deps.settings->DeleteRetentionPolicy(org, JsonString(input, "Id")); !del)
    return SettingsError(del.error());
  return Json{};
}

}  // namespace skerry::admin_api
