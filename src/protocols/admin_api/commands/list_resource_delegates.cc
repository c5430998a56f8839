// ListResourceDelegates: delegates in id order.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(ListResourceDelegates) {
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& d : SKERRY_TRY(s.resources.Delegates(JsonString(input, "OrganizationId"), JsonString(input, "ResourceId"))))
    items.emplace_back(d.id, DelegateJson(d));
  return PageOf(deps, input, "ListResourceDelegates", std::move(items), "Delegates");
}

}  // namespace skerry::admin_api
