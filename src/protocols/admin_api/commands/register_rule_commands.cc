// Access control rules, mobile device access rules and overrides, impersonation roles: builds
// the family's RuleStore (kept alive by the AdminApi through the returned CommandSet) and
// registers one handler per operation.
#include <utility>

#include "protocols/admin_api/commands/command_deps.h"
#include "protocols/admin_api/commands/rule_commands.h"

namespace skerry::admin_api {
namespace {

struct RuleCommands final : CommandSet {
  explicit RuleCommands(const CommandDeps& deps) : store(*deps.directory, *deps.clock, *deps.random) {
    rule_deps.common = &deps;
    rule_deps.rules = &store;
  }
  directory::RuleStore store;
  RuleDeps rule_deps;
};

constexpr std::pair<std::string_view, RuleHandler> kRuleTable[] = {
    {"PutAccessControlRule", &PutAccessControlRule},
    {"DeleteAccessControlRule", &DeleteAccessControlRule},
    {"ListAccessControlRules", &ListAccessControlRules},
    {"GetAccessControlEffect", &GetAccessControlEffect},
    {"CreateMobileDeviceAccessRule", &CreateMobileDeviceAccessRule},
    {"UpdateMobileDeviceAccessRule", &UpdateMobileDeviceAccessRule},
    {"DeleteMobileDeviceAccessRule", &DeleteMobileDeviceAccessRule},
    {"ListMobileDeviceAccessRules", &ListMobileDeviceAccessRules},
    {"GetMobileDeviceAccessEffect", &GetMobileDeviceAccessEffect},
    {"PutMobileDeviceAccessOverride", &PutMobileDeviceAccessOverride},
    {"GetMobileDeviceAccessOverride", &GetMobileDeviceAccessOverride},
    {"DeleteMobileDeviceAccessOverride", &DeleteMobileDeviceAccessOverride},
    {"ListMobileDeviceAccessOverrides", &ListMobileDeviceAccessOverrides},
    {"CreateImpersonationRole", &CreateImpersonationRole},
    {"UpdateImpersonationRole", &UpdateImpersonationRole},
    {"DeleteImpersonationRole", &DeleteImpersonationRole},
    {"GetImpersonationRole", &GetImpersonationRole},
    {"ListImpersonationRoles", &ListImpersonationRoles},
    {"GetImpersonationRoleEffect", &GetImpersonationRoleEffect},
    {"AssumeImpersonationRole", &AssumeImpersonationRole},
};

}  // namespace

Result<std::unique_ptr<CommandSet>> RegisterRuleCommands(Dispatcher& dispatcher, const CommandDeps& deps) {
  auto set = std::make_unique<RuleCommands>(deps);
  // The set is heap-allocated and outlives the dispatcher's use of it (the AdminApi keeps both).
  const RuleDeps* rule_deps = &set->rule_deps;
  for (const auto& [name, fn] : kRuleTable) {
    SKERRY_TRY(dispatcher.Register(
        name, [rule_deps, fn](const RequestContext& c, const Json& in) { return fn(*rule_deps, c, in); }));
  }
  return set;
}

}  // namespace skerry::admin_api
