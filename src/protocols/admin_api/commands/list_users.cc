// ListUsers: users in id order with the newer model's Filters (prefixes are case-sensitive, as
// the console's search), paginated by an opaque NextToken.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(ListUsers) {
  directory::UserFilters f;
  f.username_prefix = FilterString(input, "UsernamePrefix");
  f.display_name_prefix = FilterString(input, "DisplayNamePrefix");
  f.primary_email_prefix = FilterString(input, "PrimaryEmailPrefix");
  f.state = FilterState(input);
  f.identity_provider_user_id_prefix = FilterString(input, "IdentityProviderUserIdPrefix");
  auto page = SKERRY_TRY(OpenPage(deps, input, "ListUsers"));
  auto found = SKERRY_TRY(s.users.ListPage(page.org, f, page.after, page.max));
  return EntityPageResponse(deps, page, "ListUsers", "Users", found, UserSummaryJson);
}

}  // namespace skerry::admin_api
