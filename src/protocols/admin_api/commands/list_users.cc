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
  auto org = JsonString(input, "OrganizationId");
  auto fingerprint = SKERRY_TRY(PaginationTokens::FilterFingerprint(input));
  std::string after;
  if (auto token = JsonString(input, "NextToken"); !token.empty()) {
    auto resumed = deps.pagination->Resume(token, "ListUsers", org, fingerprint);
    if (!resumed) return MakeTypedError(ErrorCode::kInvalidArgument, resumed.error().type, resumed.error().message);
    after = *resumed;
  }
  auto max = static_cast<std::size_t>(JsonInt(input, "MaxResults", 100));
  auto [users, more] = SKERRY_TRY(s.users.ListPage(org, f, after, max));
  boost::json::array page;
  for (const auto& u : users) page.push_back(UserSummaryJson(u));
  Json out{{"Users", std::move(page)}};
  if (more && !users.empty())
    out["NextToken"] = SKERRY_TRY(deps.pagination->Issue("ListUsers", org, fingerprint, users.back().id));
  return out;
}

}  // namespace skerry::admin_api
