#include "policy/impersonation_roles.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace skerry::policy {
namespace {
bool Listed(const std::vector<std::string>& users, std::string_view user) {
  return std::any_of(users.begin(), users.end(), [&](const std::string& u) { return EqualsIgnoreCase(u, user); });
}
}  // namespace

std::string_view ImpersonationRoleTypeName(ImpersonationRoleType type) {
  return type == ImpersonationRoleType::kFullAccess ? "FULL_ACCESS" : "READ_ONLY";
}

Result<ImpersonationRoleType> ParseImpersonationRoleType(std::string_view text) {
  if (text == "FULL_ACCESS") return ImpersonationRoleType::kFullAccess;
  if (text == "READ_ONLY") return ImpersonationRoleType::kReadOnly;
  return MakeError(ErrorCode::kInvalidArgument, fmt::format("type '{}' is not FULL_ACCESS or READ_ONLY", text));
}

Status ValidateImpersonationRole(const ImpersonationRole& role) {
  if (role.rules.size() > kMaxImpersonationRules)
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("an impersonation role has at most {} rules", kMaxImpersonationRules));
  std::set<std::string> ids;
  for (const auto& rule : role.rules) {
    if (rule.id.empty()) return MakeError(ErrorCode::kInvalidArgument, "every impersonation rule needs an ImpersonationRuleId");
    if (!ids.insert(rule.id).second)
      return MakeError(ErrorCode::kInvalidArgument, fmt::format("impersonation rule id '{}' is used twice", rule.id));
  }
  return Ok();
}

bool ImpersonationRuleMatches(const ImpersonationRule& rule, std::string_view target_user) {
  if (!rule.target_users.empty() && !Listed(rule.target_users, target_user)) return false;
  if (!rule.not_target_users.empty() && Listed(rule.not_target_users, target_user)) return false;
  return true;
}

ImpersonationDecision EvaluateImpersonation(const ImpersonationRole& role, std::string_view target_user) {
  std::vector<MatchedImpersonationRule> allowed, denied;
  for (const auto& rule : role.rules) {
    if (!ImpersonationRuleMatches(rule, target_user)) continue;
    (rule.effect == RuleEffect::kDeny ? denied : allowed).push_back({rule.id, rule.name});
  }
  if (!denied.empty()) return {RuleEffect::kDeny, std::move(denied)};
  if (!allowed.empty()) return {RuleEffect::kAllow, std::move(allowed)};
  return {RuleEffect::kDeny, {}};
}

}  // namespace skerry::policy
