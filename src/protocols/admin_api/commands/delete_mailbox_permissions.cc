// DeleteMailboxPermissions: removes the grantee's grant; idempotent for an existing grantee.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(DeleteMailboxPermissions) {
  if (auto del = deps.permissions->Delete(JsonString(input, "OrganizationId"), JsonString(input, "EntityId"),
                                          JsonString(input, "GranteeId"));
      !del)
    return SettingsError(del.error());
  return Json{};
}

}  // namespace skerry::admin_api
