// ListAliases: the entity's aliases in case-insensitive order.
#include "base/ascii.h"
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(ListAliases) {
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& a : SKERRY_TRY(s.entities.ListAliases(JsonString(input, "OrganizationId"), JsonString(input, "EntityId"))))
    items.emplace_back(AsciiLower(a), boost::json::value(a));
  return PageOf(deps, input, "ListAliases", std::move(items), "Aliases");
}

}  // namespace skerry::admin_api
