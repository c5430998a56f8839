// DescribeUser: every member of the newer model's output.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DescribeUser) {
  (void)deps;
  return DescribeUserJson(SKERRY_TRY(s.users.Describe(JsonString(input, "OrganizationId"), JsonString(input, "UserId"))));
}

}  // namespace skerry::admin_api
