// ListMailDomains: the test domain and every registered domain, by name.
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/domain_commands.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DOMAIN_HANDLER(ListMailDomains) {
  std::vector<std::pair<std::string, boost::json::value>> items;
  for (const auto& d : SKERRY_TRY(domains.List(JsonString(input, "OrganizationId"))))
    items.emplace_back(d.name, Json{{"DomainName", d.name}, {"DefaultDomain", d.is_default}});
  return PageOf(deps, input, "ListMailDomains", std::move(items), "MailDomains");
}

}  // namespace skerry::admin_api
