// GetMailboxDetails: the quota in MB and the mailbox's size in MB, summed over its items'
// sizes (0 for a user without a mailbox).
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

namespace {
Result<double> MailboxSizeMb(mailbox::MailboxService& mailboxes, const std::string& mailbox_id) {
  std::uint64_t bytes = 0;
  for (const auto& folder : SKERRY_TRY(mailboxes.ListFolders(mailbox_id))) {
    std::uint32_t after = 0;
    for (;;) {
      auto items = SKERRY_TRY(mailboxes.ListItems(mailbox_id, folder.id, after, 1000));
      if (items.empty()) break;
      for (const auto& item : items) bytes += item.size;
      after = items.back().uid;
    }
  }
  return static_cast<double>(bytes) / (1024.0 * 1024.0);
}
}  // namespace

SKERRY_DIRECTORY_HANDLER(GetMailboxDetails) {
  auto user = SKERRY_TRY(s.users.Describe(JsonString(input, "OrganizationId"), JsonString(input, "UserId")));
  double size = 0.0;
  if (!user.mailbox_id.empty()) size = SKERRY_TRY(MailboxSizeMb(*deps.mailboxes, user.mailbox_id));
  return Json{{"MailboxQuota", user.mailbox_quota_mb}, {"MailboxSize", size}};
}

}  // namespace skerry::admin_api
