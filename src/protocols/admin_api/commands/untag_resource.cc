// UntagResource: removes tags by key; keys the organization does not have are ignored.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(UntagResource) {
  auto org = SKERRY_TRY(OrganizationOfArn(deps, JsonString(input, "ResourceARN"), kResourceNotFound));
  auto keys = JsonStrings(input, "TagKeys");
  if (auto del = deps.settings->UntagResource(org, keys); !del) return SettingsError(del.error());
  return Json{};
}

}  // namespace skerry::admin_api
