// ListOrganizations: summaries in id order, MaxResults (1..100, default 100) per page, an opaque
// NextToken resuming after the last id returned.
#include <algorithm>

#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/list_page.h"
#include "protocols/admin_api/commands/organization_json.h"

namespace skerry::admin_api {

Result<Json> ListOrganizations(const CommandDeps& deps, const RequestContext&, const Json& input) {
  auto page = SKERRY_TRY(OpenPage(deps, input, "ListOrganizations"));
  auto orgs = deps.organizations->List();
  if (!orgs) return OrganizationError(orgs.error());
  auto it = std::upper_bound(orgs->begin(), orgs->end(), page.after,
                             [](const std::string& id, const directory::Organization& o) { return id < o.record.id; });
  boost::json::array summaries;
  std::string last;
  for (; it != orgs->end() && summaries.size() < page.max; ++it) {
    summaries.push_back(OrganizationSummaryJson(*it));
    last = it->record.id;
  }
  return ClosePage(deps, page, "ListOrganizations", std::move(summaries), "OrganizationSummaries",
                   it != orgs->end(), last);
}

}  // namespace skerry::admin_api
