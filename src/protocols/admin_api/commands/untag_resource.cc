// UntagResource: removes tags by key; keys the organization does not have are ignored.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(UntagResource) {
  auto org = SKERRY_TRY(OrganizationOfArn(deps, JsonString(input, "ResourceARN"), kResourceNotFound));
  std::vector<std::string> keys;
  if (auto* list = input.if_contains("TagKeys"); list && list->is_array())
    for (const auto& k : list->as_array())
      if (k.is_string()) keys.emplace_back(k.as_string());
  if (auto del = deps.settings->UntagResource(org, keys); !del) return SettingsError(del.error());
  return Json{};
}

}  // namespace skerry::admin_api
