// DescribeResource.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DescribeResource) {
  (void)deps;
  return DescribeResourceJson(SKERRY_TRY(s.resources.Describe(JsonString(input, "OrganizationId"), JsonString(input, "ResourceId"))));
}

}  // namespace skerry::admin_api
