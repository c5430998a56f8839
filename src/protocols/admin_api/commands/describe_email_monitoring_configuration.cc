// DescribeEmailMonitoringConfiguration: RoleArn (when set) and LogGroupArn;
// ResourceNotFoundException when the organization has none.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(DescribeEmailMonitoringConfiguration) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto config = deps.settings->EmailMonitoringConfiguration(org);
  if (!config) return SettingsError(config.error());
  Json out{{"LogGroupArn", config->log_group_arn}};
  if (!config->role_arn.empty()) out["RoleArn"] = config->role_arn;
  return out;
}

}  // namespace skerry::admin_api
