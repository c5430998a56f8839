// DeleteUser: only a DISABLED user (EntityStateException while enabled).
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DeleteUser) {
  (void)deps;
  SKERRY_TRY(s.users.Delete(JsonString(input, "OrganizationId"), JsonString(input, "UserId")));
  return Json{};
}

}  // namespace skerry::admin_api
