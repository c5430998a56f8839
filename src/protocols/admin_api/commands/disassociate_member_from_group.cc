// DisassociateMemberFromGroup.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(DisassociateMemberFromGroup) {
  (void)deps;
  SKERRY_TRY(s.groups.RemoveMember(JsonString(input, "OrganizationId"), JsonString(input, "GroupId"), JsonString(input, "MemberId")));
  return Json{};
}

}  // namespace skerry::admin_api
