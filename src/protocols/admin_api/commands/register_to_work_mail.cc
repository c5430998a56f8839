// RegisterToWorkMail: gives a user, group or resource its primary address (in one of the
// organization's mail domains) and, for users and resources, a mailbox; state ENABLED.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(RegisterToWorkMail) {
  (void)deps;
  SKERRY_TRY(s.entities.Register(JsonString(input, "OrganizationId"), JsonString(input, "EntityId"), JsonString(input, "Email")));
  return Json{};
}

}  // namespace skerry::admin_api
