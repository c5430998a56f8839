// ListTagsForResource: the organization's tags in key order (at most 50, unpaginated).
#include <boost/json/array.hpp>

#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(ListTagsForResource) {
  auto org = SKERRY_TRY(OrganizationOfArn(deps, JsonString(input, "ResourceARN"), kResourceNotFound));
  auto tags = deps.settings->Tags(org);
  if (!tags) return SettingsError(tags.error());
  boost::json::array out;
  for (const auto& t : *tags) out.emplace_back(directory::TagToJson(t));
  return Json{{"Tags", std::move(out)}};
}

}  // namespace skerry::admin_api
