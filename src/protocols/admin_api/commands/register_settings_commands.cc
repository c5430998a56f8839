// Inbound DMARC, retention policy, email monitoring, tags and mailbox permissions: builds the
// family's stores (kept alive by the AdminApi through the returned CommandSet) and registers one
// handler per operation.
#include <utility>

#include "directory/entity_addresses.h"
#include "protocols/admin_api/commands/settings_commands.h"

namespace skerry::admin_api {
namespace {

struct SettingsCommands final : CommandSet {
  explicit SettingsCommands(const CommandDeps& deps)
      : entities(*deps.directory, deps.organizations->AsLookup(), *deps.clock, *deps.random),
        settings(*deps.directory, *deps.random),
        permissions(*deps.directory, entities) {
    settings_deps = {&deps, &settings, &permissions};
  }
  directory::EntityStore entities;
  directory::SettingsStore settings;
  directory::MailboxPermissions permissions;
  SettingsDeps settings_deps;
};

constexpr std::pair<std::string_view, SettingsHandler> kSettingsTable[] = {
    {"PutInboundDmarcSettings", &PutInboundDmarcSettings},
    {"DescribeInboundDmarcSettings", &DescribeInboundDmarcSettings},
    {"PutRetentionPolicy", &PutRetentionPolicy},
    {"GetDefaultRetentionPolicy", &GetDefaultRetentionPolicy},
    {"DeleteRetentionPolicy", &DeleteRetentionPolicy},
    {"PutEmailMonitoringConfiguration", &PutEmailMonitoringConfiguration},
    {"DescribeEmailMonitoringConfiguration", &DescribeEmailMonitoringConfiguration},
    {"DeleteEmailMonitoringConfiguration", &DeleteEmailMonitoringConfiguration},
    {"TagResource", &TagResource},
    {"UntagResource", &UntagResource},
    {"ListTagsForResource", &ListTagsForResource},
    {"PutMailboxPermissions", &PutMailboxPermissions},
    {"DeleteMailboxPermissions", &DeleteMailboxPermissions},
    {"ListMailboxPermissions", &ListMailboxPermissions},
};

}  // namespace

Result<std::unique_ptr<CommandSet>> RegisterSettingsCommands(Dispatcher& dispatcher, const CommandDeps& deps) {
  auto set = std::make_unique<SettingsCommands>(deps);
  // The set is heap-allocated and outlives the dispatcher's use of it (the AdminApi keeps both).
  const SettingsDeps* settings_deps = &set->settings_deps;
  for (const auto& [name, fn] : kSettingsTable)
    SKERRY_TRY(dispatcher.Register(
        name, [settings_deps, fn](const RequestContext&, const Json& in) { return fn(*settings_deps, in); }));
  return set;
}

}  // namespace skerry::admin_api
