// DisassociateDelegateFromResource.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DisassociateDelegateFromResource) {
  (void)deps;
  SKERRY_TRY(s.resources.RemoveDelegate(JsonString(input, "OrganizationId"), JsonString(input, "ResourceId"), JsonString(input, "EntityId")));
  return Json{};
}

}  // namespace skerry::admin_api
