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
  auto page = SKERRY_TRY(OpenPage(deps, input, "ListResources"));
  auto found = SKERRY_TRY(s.resources.ListPage(page.org, f, page.after, page.max));
  return EntityPageResponse(deps, page, "ListResources", "Resources", found, ResourceSummaryJson);
}

}  // namespace skerry::admin_api
