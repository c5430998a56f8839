// UpdateDefaultMailDomain: only a verified domain (or the test domain) can become the default;
// existing addresses do not change (guide, "Choosing the default domain").
#include "protocols/admin_api/commands/domain_commands.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DOMAIN_HANDLER(UpdateDefaultMailDomain) {
  SKERRY_TRY(domains.SetDefault(JsonString(input, "OrganizationId"), JsonString(input, "DomainName")));
  return Json{};
}

}  // namespace skerry::admin_api
