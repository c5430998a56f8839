// ResetPassword: the built-in directory's policy applies (InvalidPasswordException naming the
// rule broken).
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(ResetPassword) {
  (void)deps;
  SKERRY_TRY(s.users.ResetPassword(JsonString(input, "OrganizationId"), JsonString(input, "UserId"), JsonString(input, "Password")));
  return Json{};
}

}  // namespace skerry::admin_api
