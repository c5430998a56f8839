// DescribeEntity (newer model only): the user, group or resource holding an address.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DescribeEntity) {
  (void)deps;
  auto e = SKERRY_TRY(s.entities.DescribeByEmail(JsonString(input, "OrganizationId"), JsonString(input, "Email")));
  return Json{{"EntityId", e.id}, {"Name", e.name}, {"Type", directory::EntityTypeName(e.type)}};
}

}  // namespace skerry::admin_api
