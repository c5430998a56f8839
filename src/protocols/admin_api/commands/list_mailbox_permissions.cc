// ListMailboxPermissions: grants on the mailbox in grantee id order, paginated.
#include <boost/json/array.hpp>

#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(ListMailboxPermissions) {
  auto grants = deps.permissions->List(JsonString(input, "OrganizationId"), JsonString(input, "EntityId"));
  if (!grants) return SettingsError(grants.error());
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& g : *grants) {
    boost::json::array values;
    for (const auto& p : g.permissions) values.emplace_back(p);
    items.emplace_back(g.grantee_id, Json{{"GranteeId", g.grantee_id},
                                          {"GranteeType", directory::EntityTypeName(g.grantee_type)},
                                          {"PermissionValues", std::move(values)}});
  }
  return PageOf(*deps.common, input, "ListMailboxPermissions", std::move(items), "Permissions");
}

}  // namespace skerry::admin_api
