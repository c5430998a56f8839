// PutAccessControlRule: adds a rule, or replaces the rule of the same name (its DateCreated
// stays). CIDR ranges are parsed here even though the validator checked their pattern, because
// evaluation depends on them; impersonation role ids must name existing roles
// (ResourceNotFoundException). User ids are stored as given (see rule_store.h).
#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"

namespace skerry::admin_api {

Result<Json> PutAccessControlRule(const RuleDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto rule = directory::AccessControlRuleFromJson(input);
  if (!rule) return RuleError(rule.error());
  rule->date_created = rule->date_modified = 0;
  if (auto put = deps.rules->PutAccessControlRule(org, std::move(*rule)); !put)
    return RuleError(put.error(), "ResourceNotFoundException");
  return Json{};
}

}  // namespace skerry::admin_api
