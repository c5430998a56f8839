// GetMailDomain: the records the domain needs and the ownership and DKIM statuses, checked
// through the resolver when the last check is old (the console's refresh).
#include "protocols/admin_api/commands/domain_commands.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DOMAIN_HANDLER(GetMailDomain) {
  auto view = SKERRY_TRY(domains.Get(JsonString(input, "OrganizationId"), JsonString(input, "DomainName")));
  boost::json::array records;
  for (const auto& r : view.records)
    records.push_back(Json{{"Type", r.record.type}, {"Hostname", r.record.hostname}, {"Value", r.record.value}});
  return Json{{"Records", std::move(records)},
              {"IsTestDomain", view.is_test},
              {"IsDefault", view.is_default},
              {"OwnershipVerificationStatus", directory::RecordStatusName(view.ownership)},
              {"DkimVerificationStatus", directory::RecordStatusName(view.dkim)}};
}

}  // namespace skerry::admin_api
