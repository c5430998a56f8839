// AssociateMemberToGroup: a user or a group (nesting allowed, cycles refused).
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(AssociateMemberToGroup) {
  (void)deps;
  SKERRY_TRY(s.groups.AddMember(JsonString(input, "OrganizationId"), JsonString(input, "GroupId"), JsonString(input, "MemberId")));
  return Json{};
}

}  // namespace skerry::admin_api
