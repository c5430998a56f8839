// PutInboundDmarcSettings: turns enforcement of senders' DMARC policies on or off.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(PutInboundDmarcSettings) {
  auto org = StringMember(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrg(deps, org));
  if (auto put = deps.settings->PutInboundDmarc(org, BoolMember(input, "Enforced", true)); !put)
    return SettingsError(put.error());
  return Json{};
}

}  // namespace skerry::admin_api
