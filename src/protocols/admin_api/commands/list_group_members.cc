// ListGroupMembers: direct members in id order.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(ListGroupMembers) {
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& m : SKERRY_TRY(s.groups.Members(JsonString(input, "OrganizationId"), JsonString(input, "GroupId"))))
    items.emplace_back(m.id, MemberJson(m));
  return PageOf(deps, input, "ListGroupMembers", std::move(items), "Members");
}

}  // namespace skerry::admin_api
