// ListGroups: groups in id order, Filters NamePrefix, PrimaryEmailPrefix, State.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(ListGroups) {
  directory::GroupFilters f;
  f.name_prefix = FilterString(input, "NamePrefix");
  f.primary_email_prefix = FilterString(input, "PrimaryEmailPrefix");
  f.state = FilterState(input);
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& g : SKERRY_TRY(s.groups.List(JsonString(input, "OrganizationId"), f))) items.emplace_back(g.id, GroupSummaryJson(g));
  return PageOf(deps, input, "ListGroups", std::move(items), "Groups");
}

}  // namespace skerry::admin_api
