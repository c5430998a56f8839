// UpdatePrimaryEmailAddress: the old primary address becomes an alias (or swaps with the
// alias being promoted).
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(UpdatePrimaryEmailAddress) {
  (void)deps;
  SKERRY_TRY(s.entities.UpdatePrimaryEmail(JsonString(input, "OrganizationId"), JsonString(input, "EntityId"), JsonString(input, "Email")));
  return Json{};
}

}  // namespace skerry::admin_api
