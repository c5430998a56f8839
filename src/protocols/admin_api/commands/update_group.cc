// UpdateGroup (newer model only): HiddenFromGlobalAddressList.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(UpdateGroup) {
  (void)deps;
  SKERRY_TRY(s.groups.Update(JsonString(input, "OrganizationId"), JsonString(input, "GroupId"), OptionalBool(input, "HiddenFromGlobalAddressList")));
  return Json{};
}

}  // namespace skerry::admin_api
