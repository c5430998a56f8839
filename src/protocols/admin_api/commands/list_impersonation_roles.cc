// ListImpersonationRoles: role summaries (no rules or description, as the model's
// ImpersonationRole) in id order, MaxResults (default 100) per page with an opaque NextToken.
#include <algorithm>

#include <boost/json/array.hpp>

#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> ListImpersonationRoles(const RuleDeps& deps, const RequestContext&, const Json& input) {
  constexpr std::string_view kOp = "ListImpersonationRoles";
  auto org = StringMember(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(deps, org));
  auto fingerprint = SKERRY_TRY(PaginationTokens::FilterFingerprint(input));
  std::string after;
  if (auto token = StringMember(input, "NextToken"); !token.empty()) {
    auto resumed = deps.common->pagination->Resume(token, kOp, org, fingerprint);
    if (!resumed) return MakeTypedError(ErrorCode::kInvalidArgument, resumed.error().type, resumed.error().message);
    after = *resumed;
  }
  auto max = static_cast<std::size_t>(IntMember(input, "MaxResults", 100));
  auto roles = deps.rules->ImpersonationRoles(org);
  if (!roles) return RuleError(roles.error());
  auto it = std::upper_bound(roles->begin(), roles->end(), after,
                             [](const std::string& id, const auto& role) { return id < role.id; });
  boost::json::array page;
  for (; it != roles->end() && page.size() < max; ++it) page.emplace_back(directory::ImpersonationRoleToJson(*it, true));
  Json out{{"Roles", std::move(page)}};
  if (it != roles->end()) out["NextToken"] = SKERRY_TRY(deps.common->pagination->Issue(kOp, org, fingerprint, std::prev(it)->id));
  return out;
}

}  // namespace skerry::admin_api
