// PutMailboxPermissions: sets a user's or group's permissions on a user's or resource's mailbox
// (rules in directory/mailbox_permissions.h).
#include <boost/json/array.hpp>

#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(PutMailboxPermissions) {
  auto values = JsonStrings(input, "PermissionValues");
  if (auto put = deps.permissions->Put(JsonString(input, "OrganizationId"), JsonString(input, "EntityId"),
                                       JsonString(input, "GranteeId"), values);
      !put)
    return SettingsError(put.error());
  return Json{};
}

}  // namespace skerry::admin_api
