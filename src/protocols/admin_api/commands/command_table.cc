#include "protocols/admin_api/commands/command_deps.h"

namespace skerry::admin_api {

Result<std::vector<std::unique_ptr<CommandSet>>> RegisterCommands(Dispatcher& dispatcher, const CommandDeps& deps) {
  using Fn = Result<Json> (*)(const CommandDeps&, const RequestContext&, const Json&);
  static constexpr std::pair<std::string_view, Fn> kTable[] = {
      {"CreateOrganization", &CreateOrganization},
      {"DescribeOrganization", &DescribeOrganization},
      {"ListOrganizations", &ListOrganizations},
      {"DeleteOrganization", &DeleteOrganization},
  };
  for (const auto& [name, fn] : kTable) {
    SKERRY_TRY(dispatcher.Register(name, [&deps, fn](const RequestContext& c, const Json& in) { return fn(deps, c, in); }));
  }
  std::vector<std::unique_ptr<CommandSet>> sets;
  sets.push_back(SKERRY_TRY(RegisterDirectoryCommands(dispatcher, deps)));
  sets.push_back(SKERRY_TRY(RegisterRuleCommands(dispatcher, deps)));
  sets.push_back(SKERRY_TRY(RegisterSettingsCommands(dispatcher, deps)));
  sets.push_back(SKERRY_TRY(RegisterIntegrationCommands(dispatcher, deps)));
  sets.push_back(SKERRY_TRY(RegisterDomainCommands(dispatcher, deps)));
  return sets;
}

}  // namespace skerry::admin_api
