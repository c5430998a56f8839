// DeleteGroup: only a DISABLED group (guide: 'you must first disable that group').
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DeleteGroup) {
  (void)deps;
  SKERRY_TRY(s.groups.Delete(JsonString(input, "OrganizationId"), JsonString(input, "GroupId")));
  return Json{};
}

}  // namespace skerry::admin_api
