// DeregisterMailDomain: succeeds for a domain the organization does not have (the operation is
// idempotent); refused while the domain is the default or any address uses it.
#include "protocols/admin_api/commands/domain_commands.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DOMAIN_HANDLER(DeregisterMailDomain) {
  SKERRY_TRY(domains.Deregister(JsonString(input, "OrganizationId"), JsonString(input, "DomainName")));
  return Json{};
}

}  // namespace skerry::admin_api
