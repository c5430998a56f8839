// PutRetentionPolicy: creates or replaces the organization's one retention policy. Period is
// required for DELETE and PERMANENTLY_DELETE and refused for NONE (InvalidParameterException);
// an Id other than the existing policy's is LimitExceededException (settings_store.h).
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(PutRetentionPolicy) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto policy = directory::RetentionPolicyFromJson(input);
  if (!policy) return SettingsError(policy.error());
  if (auto put = deps.settings->PutRetentionPolicy(org, std::move(*policy)); !put) return SettingsError(put.error());
  return Json{};
}

}  // namespace skerry::admin_api
