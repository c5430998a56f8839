// CreateGroup: a DISABLED group (RegisterToWorkMail gives it an address).
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(CreateGroup) {
  (void)deps;
  auto id = SKERRY_TRY(s.groups.Create(JsonString(input, "OrganizationId"), JsonString(input, "Name"), JsonBool(input, "HiddenFromGlobalAddressList")));
  return Json{{"GroupId", id}};
}

}  // namespace skerry::admin_api
