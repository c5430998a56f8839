// GetAccessControlEffect: the effect of the organization's rules on one request, and the rules
// that produced it. The request is made by a user or by an impersonation role: at least one of
// UserId and ImpersonationRoleId is needed (InvalidParameterException), and a role id must
// exist (ResourceNotFoundException). The user is not looked up yet (see rule_store.h).
#include <boost/json/array.hpp>

#include "policy/access_control_rules.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> GetAccessControlEffect(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  policy::AccessRequest request{JsonString(input, "IpAddress"), JsonString(input, "Action"),
                                JsonString(input, "UserId"), JsonString(input, "ImpersonationRoleId")};
  if (request.user_id.empty() && request.impersonation_role_id.empty())
    return MakeTypedError(ErrorCode::kInvalidArgument, kInvalidParameter,
                          "Either UserId or ImpersonationRoleId is required.");
  if (!policy::ParseIpv4(request.ip_address))
    return MakeTypedError(ErrorCode::kInvalidArgument, kInvalidParameter, "IpAddress is not an IPv4 address.");
  if (!request.impersonation_role_id.empty()) {
    if (auto role = deps.rules->ImpersonationRole(org, request.impersonation_role_id); !role)
      return RuleError(role.error(), kResourceNotFound);
  }
  auto decision = deps.rules->AccessControlEffect(org, request);
  if (!decision) return RuleError(decision.error());
  boost::json::array matched;
  for (const auto& name : decision->matched_rules)
    if (matched.size() < kMaxMatchedRules) matched.emplace_back(name);
  return Json{{"Effect", policy::RuleEffectName(decision->effect)}, {"MatchedRules", std::move(matched)}};
}

}  // namespace skerry::admin_api
