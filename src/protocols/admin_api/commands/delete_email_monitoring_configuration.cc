// DeleteEmailMonitoringConfiguration: idempotent.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(DeleteEmailMonitoringConfiguration) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  if (auto del = deps.settings->DeleteEmailMonitoring(org); !del) return SettingsError(del.error());
  return Json{};
}

}  // namespace skerry::admin_api
