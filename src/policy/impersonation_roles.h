#pragma once
// WorkMail impersonation roles (administrator guide, "Impersonation roles overview"): a role of
// type FULL_ACCESS or READ_ONLY whose rules say which users it may impersonate. A rule matches a
// target user when the user is in TargetUsers (if set) and not in NotTargetUsers (if set); a rule
// with neither matches everyone. Any matching DENY denies, else any matching ALLOW allows, else
// impersonation is denied ("If no rule applies, impersonation is denied").
//
// Users are compared as the administrator wrote them (id, e-mail or name), case-insensitively;
// resolving a name to the user's id belongs to the users service.
//
// Pure values and functions: no I/O, thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "policy/access_control_rules.h"

namespace skerry::policy {

enum class ImpersonationRoleType { kFullAccess, kReadOnly };
std::string_view ImpersonationRoleTypeName(ImpersonationRoleType type);  // "FULL_ACCESS" / "READ_ONLY"
Result<ImpersonationRoleType> ParseImpersonationRoleType(std::string_view text);

inline constexpr std::size_t kMaxImpersonationRoles = 20;  // per organization (the model's list bound)
inline constexpr std::size_t kMaxImpersonationRules = 10;  // per role (the model's list bound)
inline constexpr int kImpersonationTokenSeconds = 15 * 60;  // guide: "passed within 15 minutes"

struct ImpersonationRule {
  std::string id;
  std::string name;
  std::string description;
  RuleEffect effect = RuleEffect::kAllow;
  std::vector<std::string> target_users, not_target_users;
};

struct ImpersonationRole {
  std::string id;
  std::string name;
  std::string description;
  ImpersonationRoleType type = ImpersonationRoleType::kReadOnly;
  std::vector<ImpersonationRule> rules;
  double date_created = 0;  // epoch seconds
  double date_modified = 0;
};

struct MatchedImpersonationRule {
  std::string id;
  std::string name;
};

struct ImpersonationDecision {
  RuleEffect effect = RuleEffect::kDeny;
  std::vector<MatchedImpersonationRule> matched_rules;  // the rules with the winning effect
};

// kInvalidArgument when two rules share an id (the id is how MatchedRules name them) or there
// are more than kMaxImpersonationRules rules.
Status ValidateImpersonationRole(const ImpersonationRole& role);

bool ImpersonationRuleMatches(const ImpersonationRule& rule, std::string_view target_user);
ImpersonationDecision EvaluateImpersonation(const ImpersonationRole& role, std::string_view target_user);

}  // namespace skerry::policy
