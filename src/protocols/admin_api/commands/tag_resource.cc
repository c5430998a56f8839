// TagResource: adds or overwrites tags of an organization (its ARN); at most 50 in all
// (TooManyTagsException), keys not starting with "aws:" (InvalidParameterException).
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/settings_json.h"

namespace skerry::admin_api {

SKERRY_SETTINGS_HANDLER(TagResource) {
  auto org = SKERRY_TRY(OrganizationOfArn(deps, JsonString(input, "ResourceARN"), "OrganizationStateException"));
  std::vector<directory::Tag> tags;
  if (auto* list = input.if_contains("Tags"); list && list->is_array())
    for (const auto& t : list->as_array()) {
      if (!t.is_object()) continue;  // the validator checked the shape
      auto tag = directory::TagFromJson(t.as_object());
      if (!tag) return SettingsError(tag.error());
      tags.push_back(std::move(*tag));
    }
  if (auto put = deps.settings->TagResource(org, tags); !put) return SettingsError(put.error());
  return Json{};
}

}  // namespace skerry::admin_api
