#pragma once
// WorkMail access control rules (administrator guide, "Working with access control rules"):
// each rule ALLOWs or DENYs a client request by protocol action, source IPv4 address (CIDR
// ranges), user and impersonation role, each condition optionally negated (NotActions, ...).
// A rule matches when every condition it sets holds; a matching DENY wins over any ALLOW, and a
// request no rule matches is denied — the guide: "If an administrator deletes all access control
// rules for an organization, Amazon WorkMail blocks all access". What makes a fresh organization
// open is its default rule (DefaultAccessControlRule), not this evaluator.
//
// Pure values and functions: no I/O, thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace skerry::policy {

enum class RuleEffect { kAllow, kDeny };
std::string_view RuleEffectName(RuleEffect effect);  // "ALLOW" / "DENY"
// kInvalidArgument for anything but "ALLOW" or "DENY" (exact case, as the model's enum).
Result<RuleEffect> ParseRuleEffect(std::string_view text);

// An IPv4 CIDR range "a.b.c.d/n" (the model's IpRange). Host bits may be set ("10.1.2.3/8"):
// they are ignored, as the range is what the administrator meant.
struct Ipv4Range {
  std::uint32_t network = 0;
  std::uint32_t mask = 0;
  bool Contains(std::uint32_t address) const { return (address & mask) == network; }
};
// Dotted quad with no leading zeros or spaces; kInvalidArgument otherwise.
Result<std::uint32_t> ParseIpv4(std::string_view text);
Result<Ipv4Range> ParseIpv4Range(std::string_view text);

// The access protocol actions WorkMail names (the model leaves the string open: [a-zA-Z]+).
inline constexpr std::string_view kAccessActions[] = {"ActiveSync", "AutoDiscover", "EWS",     "IMAP",
                                                      "SMTP",       "WindowsOutlook", "WebMail"};

struct AccessControlRule {
  std::string name;
  std::string description;
  RuleEffect effect = RuleEffect::kAllow;
  std::vector<std::string> ip_ranges, not_ip_ranges;
  std::vector<std::string> actions, not_actions;
  std::vector<std::string> user_ids, not_user_ids;
  std::vector<std::string> impersonation_role_ids, not_impersonation_role_ids;
  double date_created = 0;  // epoch seconds
  double date_modified = 0;
};

// What the guide promises every new organization: one rule allowing every request.
AccessControlRule DefaultAccessControlRule(double now);
inline constexpr std::size_t kMaxAccessControlRules = 20;  // per organization

// Checks what must hold for evaluation to mean anything: every range parses as a CIDR, and the
// effect is set. (A value listed both ways, e.g. in Actions and NotActions, is accepted as
// WorkMail does; such a rule simply never matches.) kInvalidArgument naming the bad value.
Status ValidateAccessControlRule(const AccessControlRule& rule);

struct AccessRequest {
  std::string ip_address;             // REQUIRES nothing: an unparsable address matches no range
  std::string action;                 // "IMAP"; compared case-insensitively
  std::string user_id;                // empty when the request is made by an impersonation role
  std::string impersonation_role_id;  // empty when the request is made by a user
};

struct AccessDecision {
  RuleEffect effect = RuleEffect::kDeny;
  std::vector<std::string> matched_rules;  // names of the rules with the winning effect, in order
};

// Whether one rule's conditions all hold. An absent user or role fails a positive condition
// (UserIds) and satisfies a negative one (NotUserIds): a request made by a role is not made by
// any of the excluded users.
bool AccessRuleMatches(const AccessControlRule& rule, const AccessRequest& request);

// Evaluates `rules` in the given order: any matching DENY → DENY, else any ALLOW → ALLOW, else
// DENY with no matched rules.
AccessDecision EvaluateAccessControl(const std::vector<AccessControlRule>& rules, const AccessRequest& request);

// ASCII case-insensitive equality and prefix test, shared by the rule evaluators.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix);

}  // namespace skerry::policy
