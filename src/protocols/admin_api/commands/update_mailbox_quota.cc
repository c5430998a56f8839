// UpdateMailboxQuota: 1..51200 MB (the guide's range; the model declares only the minimum).
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(UpdateMailboxQuota) {
  (void)deps;
  SKERRY_TRY(s.users.UpdateMailboxQuota(JsonString(input, "OrganizationId"), JsonString(input, "UserId"), JsonInt(input, "MailboxQuota", 0)));
  return Json{};
}

}  // namespace skerry::admin_api
