// AssociateDelegateToResource: a user or a group handles the resource's booking requests.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(AssociateDelegateToResource) {
  (void)deps;
  SKERRY_TRY(s.resources.AddDelegate(JsonString(input, "OrganizationId"), JsonString(input, "ResourceId"), JsonString(input, "EntityId")));
  return Json{};
}

}  // namespace skerry::admin_api
