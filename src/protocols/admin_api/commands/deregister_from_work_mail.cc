// DeregisterFromWorkMail: state DISABLED, addresses released, the mailbox crypto-shredded.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DeregisterFromWorkMail) {
  (void)deps;
  SKERRY_TRY(s.entities.Deregister(JsonString(input, "OrganizationId"), JsonString(input, "EntityId")));
  return Json{};
}

}  // namespace skerry::admin_api
