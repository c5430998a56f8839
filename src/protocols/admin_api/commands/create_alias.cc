// CreateAlias: at most 100 per entity, unique among every address of the organization, in one
// of its mail domains.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(CreateAlias) {
  (void)deps;
  SKERRY_TRY(s.entities.CreateAlias(JsonString(input, "OrganizationId"), JsonString(input, "EntityId"), JsonString(input, "Alias")));
  return Json{};
}

}  // namespace skerry::admin_api
