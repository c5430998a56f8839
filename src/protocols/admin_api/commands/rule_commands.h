#pragma once
// The access control rule, mobile device access rule/override and impersonation role operations
// (wire reference §15), one per file in commands/<operation>.cc, registered by
// register_rule_commands.cc. Each borrows the family's RuleStore, which that file owns.

#include "directory/rule_store.h"
#include "protocols/admin_api/commands/command_deps.h"

namespace skerry::admin_api {

struct RuleDeps {
  const CommandDeps* common = nullptr;
  directory::RuleStore* rules = nullptr;
};

using RuleHandler = Result<Json> (*)(const RuleDeps&, const RequestContext&, const Json&);

Result<Json> PutAccessControlRule(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> DeleteAccessControlRule(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> ListAccessControlRules(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> GetAccessControlEffect(const RuleDeps& deps, const RequestContext& context, const Json& input);

Result<Json> CreateMobileDeviceAccessRule(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> UpdateMobileDeviceAccessRule(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> DeleteMobileDeviceAccessRule(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> ListMobileDeviceAccessRules(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> GetMobileDeviceAccessEffect(const RuleDeps& deps, const RequestContext& context, const Json& input);

Result<Json> PutMobileDeviceAccessOverride(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> GetMobileDeviceAccessOverride(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> DeleteMobileDeviceAccessOverride(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> ListMobileDeviceAccessOverrides(const RuleDeps& deps, const RequestContext& context, const Json& input);

Result<Json> CreateImpersonationRole(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> UpdateImpersonationRole(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> DeleteImpersonationRole(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> GetImpersonationRole(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> ListImpersonationRoles(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> GetImpersonationRoleEffect(const RuleDeps& deps, const RequestContext& context, const Json& input);
Result<Json> AssumeImpersonationRole(const RuleDeps& deps, const RequestContext& context, const Json& input);

}  // namespace skerry::admin_api
