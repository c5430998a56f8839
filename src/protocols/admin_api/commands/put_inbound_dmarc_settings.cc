// PutInboundDmarcSettings: turns enforcement of senders' DMARC policies on or off.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(PutInboundDmarcSettings) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  if (auto put = deps.settings->PutInboundDmarc(org, JsonBool(input, "Enforced", true)); !put)
    return SettingsError(put.error());
  return Json{};
}

}  // namespace skerry::admin_api
