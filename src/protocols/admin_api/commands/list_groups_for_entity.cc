// ListGroupsForEntity (newer model only): every group the entity belongs to, directly or
// through nested groups.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(ListGroupsForEntity) {
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& g : SKERRY_TRY(s.groups.GroupsOf(JsonString(input, "OrganizationId"), JsonString(input, "EntityId"),
                                                     FilterString(input, "GroupNamePrefix"))))
    items.emplace_back(g.id, GroupIdentifierJson(g));
  return PageOf(deps, input, "ListGroupsForEntity", std::move(items), "Groups");
}

}  // namespace skerry::admin_api
