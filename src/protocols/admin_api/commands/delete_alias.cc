// DeleteAlias: idempotent; the primary address cannot be removed.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DeleteAlias) {
  (void)deps;
  SKERRY_TRY(s.entities.DeleteAlias(JsonString(input, "OrganizationId"), JsonString(input, "EntityId"), JsonString(input, "Alias")));
  return Json{};
}

}  // namespace skerry::admin_api
