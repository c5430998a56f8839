// ListResources: resources in id order, Filters NamePrefix, PrimaryEmailPrefix, State.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(ListResources) {
  directory::ResourceFilters f;
  f.name_prefix = FilterString(input, "NamePrefix");
  f.primary_email_prefix = FilterString(input, "PrimaryEmailPrefix");
  f.state = FilterState(input);
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& r : SKERRY_TRY(s.resources.List(JsonString(input, "OrganizationId"), f))) items.emplace_back(r.id, ResourceSummaryJson(r));
  return PageOf(deps, input, "ListResources", std::move(items), "Resources");
}

}  // namespace skerry::admin_api
