// RegisterMailDomain: idempotent for a domain the organization already has; the domain's
// records are then listed by GetMailDomain.
#include "protocols/admin_api/commands/domain_commands.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DOMAIN_HANDLER(RegisterMailDomain) {
  SKERRY_TRY(domains.Register(JsonString(input, "OrganizationId"), JsonString(input, "DomainName")));
  return Json{};
}

}  // namespace skerry::admin_api
