// CreateUser: a DISABLED user (RegisterToWorkMail enables it); a given password must meet the
// built-in directory's policy and is stored only as an argon2id hash.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(CreateUser) {
  (void)deps;
  directory::CreateUserRequest r;
  r.name = JsonString(input, "Name");
  r.display_name = JsonString(input, "DisplayName");
  r.password = OptionalString(input, "Password");
  if (auto role = OptionalString(input, "Role")) r.role = *role;
  r.first_name = JsonString(input, "FirstName");
  r.last_name = JsonString(input, "LastName");
  r.hidden_from_gal = JsonBool(input, "HiddenFromGlobalAddressList");
  r.identity_provider_user_id = JsonString(input, "IdentityProviderUserId");
  auto id = SKERRY_TRY(s.users.Create(JsonString(input, "OrganizationId"), r));
  return Json{{"UserId", id}};
}

}  // namespace skerry::admin_api
