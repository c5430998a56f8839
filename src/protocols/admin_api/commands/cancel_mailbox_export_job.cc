// CancelMailboxExportJob: a pending or running job becomes CANCELLED (again: no-op); a finished
// one is InvalidParameterException; an unknown id EntityNotFoundException.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> CancelMailboxExportJob(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto done = deps.store->CancelExportJob(org, JsonString(input, "JobId"));
  if (!done) return IntegrationError(done.error(), "EntityNotFoundException");
  return Json{};
}

}  // namespace skerry::admin_api
