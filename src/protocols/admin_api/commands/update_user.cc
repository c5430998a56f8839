// UpdateUser (newer model only): personal data, GAL visibility, role; absent members unchanged.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(UpdateUser) {
  (void)deps;
  directory::UpdateUserRequest r;
  r.role = OptionalString(input, "Role");
  r.display_name = OptionalString(input, "DisplayName");
  r.hidden_from_gal = OptionalBool(input, "HiddenFromGlobalAddressList");
  r.identity_provider_user_id = OptionalString(input, "IdentityProviderUserId");
  for (auto name : directory::UserAttributeNames())
    if (auto v = OptionalString(input, name)) r.attributes[std::string(name)] = *v;
  SKERRY_TRY(s.users.Update(JsonString(input, "OrganizationId"), JsonString(input, "UserId"), r));
  return Json{};
}

}  // namespace skerry::admin_api
