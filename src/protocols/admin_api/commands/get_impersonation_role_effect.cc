// GetImpersonationRoleEffect: whether the role may impersonate TargetUser, with the rules that
// decided. ResourceNotFoundException for an unknown role. Partial: TargetUser is compared as
// written (id, e-mail or name) and not yet checked to exist — that comes with the users service.
#include <boost/json/array.hpp>

#include "policy/impersonation_roles.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> GetImpersonationRoleEffect(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto role_id = JsonString(input, "ImpersonationRoleId");
  auto role = deps.rules->ImpersonationRole(org, role_id);
  if (!role) return RuleError(role.error(), kResourceNotFound);
  auto decision = policy::EvaluateImpersonation(*role, JsonString(input, "TargetUser"));
  boost::json::array matched;
  for (const auto& m : decision.matched_rules) {
    if (matched.size() >= kMaxMatchedRules) break;
    Json rule{{"ImpersonationRuleId", m.id}};
    if (!m.name.empty()) rule["Name"] = m.name;
    matched.emplace_back(std::move(rule));
  }
  return Json{{"Type", policy::ImpersonationRoleTypeName(role->type)},
              {"Effect", policy::RuleEffectName(decision.effect)},
              {"MatchedRules", std::move(matched)}};
}

}  // namespace skerry::admin_api
