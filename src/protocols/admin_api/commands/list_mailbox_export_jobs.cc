// ListMailboxExportJobs: the jobs started within the last seven days, oldest first, MaxResults
// (default 100) per page with an opaque NextToken.
#include <fmt/format.h>

#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> ListMailboxExportJobs(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto jobs = deps.store->RecentExportJobs(org);
  if (!jobs) return IntegrationError(jobs.error(), "EntityNotFoundException");
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& j : *jobs)
    items.emplace_back(fmt::format("{:016d}/{}", static_cast<long long>(j.start_time * 1000), j.id),
                       ExportJobSummaryJson(j));
  return PageOf(*deps.common, input, "ListMailboxExportJobs", std::move(items), "Jobs");
}

}  // namespace skerry::admin_api
