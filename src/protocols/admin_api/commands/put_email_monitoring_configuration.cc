// PutEmailMonitoringConfiguration: stores the log group (and the role, optional in the newer
// model). Nothing is delivered to CloudWatch yet: the configuration is kept for the event log.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(PutEmailMonitoringConfiguration) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  directory::EmailMonitoring config{JsonString(input, "RoleArn"), JsonString(input, "LogGroupArn")};
  if (auto put = deps.settings->PutEmailMonitoring(org, config); !put) return SettingsError(put.error());
  return Json{};
}

}  // namespace skerry::admin_api
