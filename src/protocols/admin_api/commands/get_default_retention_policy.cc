// GetDefaultRetentionPolicy: the organization's retention policy; EntityNotFoundException when
// none was put.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(GetDefaultRetentionPolicy) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto policy = deps.settings->DefaultRetentionPolicy(org);
  if (!policy) return SettingsError(policy.error());
  return directory::RetentionPolicyToJson(*policy);
}

}  // namespace skerry::admin_api
