// CreateResource: a DISABLED room or equipment resource, id r-<32 hex>, booking options at
// their defaults (auto-accept, decline conflicts, accept recurring).
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(CreateResource) {
  (void)deps;
  directory::CreateResourceRequest r;
  r.name = JsonString(input, "Name");
  r.type = JsonString(input, "Type");
  r.description = JsonString(input, "Description");
  r.hidden_from_gal = JsonBool(input, "HiddenFromGlobalAddressList");
  auto id = SKERRY_TRY(s.resources.Create(JsonString(input, "OrganizationId"), r));
  return Json{{"ResourceId", id}};
}

}  // namespace skerry::admin_api
