// DescribeGroup.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DescribeGroup) {
  (void)deps;
  return DescribeGroupJson(SKERRY_TRY(s.groups.Describe(JsonString(input, "OrganizationId"), JsonString(input, "GroupId"))));
}

}  // namespace skerry::admin_api
