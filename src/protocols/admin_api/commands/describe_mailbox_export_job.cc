// DescribeMailboxExportJob: the job's details; EntityNotFoundException for an unknown job id.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> DescribeMailboxExportJob(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto job = deps.store->ExportJobById(org, JsonString(input, "JobId"));
  if (!job) return IntegrationError(job.error(), "EntityNotFoundException");
  return ExportJobDetailJson(*job);
}

}  // namespace skerry::admin_api
