// DeleteResource: only a DISABLED resource (guide: 'you must first disable the resource').
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DeleteResource) {
  (void)deps;
  SKERRY_TRY(s.resources.Delete(JsonString(input, "OrganizationId"), JsonString(input, "ResourceId")));
  return Json{};
}

}  // namespace skerry::admin_api
