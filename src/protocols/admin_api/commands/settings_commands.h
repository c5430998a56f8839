#pragma once
// The organization settings operations (wire reference §15): inbound DMARC, retention policy,
// email monitoring, tags and mailbox permissions, one per file in commands/<operation>.cc,
// registered by register_settings_commands.cc, which owns the stores they borrow.

#include "directory/entity_store.h"
#include "directory/mailbox_permissions.h"
#include "directory/settings_store.h"
#include "protocols/admin_api/commands/command_deps.h"

namespace skerry::admin_api {

struct SettingsDeps {
  const CommandDeps* common = nullptr;
  directory::SettingsStore* settings = nullptr;
  directory::MailboxPermissions* permissions = nullptr;
};

using SettingsHandler = Result<Json> (*)(const SettingsDeps&, const Json&);

#define SKERRY_SETTINGS_HANDLER(name) Result<Json> name(const SettingsDeps& deps, const Json& input)

SKERRY_SETTINGS_HANDLER(PutInboundDmarcSettings);
SKERRY_SETTINGS_HANDLER(DescribeInboundDmarcSettings);
SKERRY_SETTINGS_HANDLER(PutRetentionPolicy);
SKERRY_SETTINGS_HANDLER(GetDefaultRetentionPolicy);
SKERRY_SETTINGS_HANDLER(DeleteRetentionPolicy);
SKERRY_SETTINGS_HANDLER(PutEmailMonitoringConfiguration);
SKERRY_SETTINGS_HANDLER(DescribeEmailMonitoringConfiguration);
SKERRY_SETTINGS_HANDLER(DeleteEmailMonitoringConfiguration);
SKERRY_SETTINGS_HANDLER(TagResource);
SKERRY_SETTINGS_HANDLER(UntagResource);
SKERRY_SETTINGS_HANDLER(ListTagsForResource);
SKERRY_SETTINGS_HANDLER(PutMailboxPermissions);
SKERRY_SETTINGS_HANDLER(DeleteMailboxPermissions);
SKERRY_SETTINGS_HANDLER(ListMailboxPermissions);

}  // namespace skerry::admin_api
