#pragma once
// WorkMail mobile device access rules and overrides (administrator guide, "How mobile device
// access rules work", "Dealing with empty fields", "How mobile device access overrides work"),
// which decide whether an Exchange ActiveSync device may synchronise:
//
// - a rule matches when every condition it sets holds; rules with no conditions match all;
// - each condition is a case-insensitive *prefix* match against the device's reported property;
// - the value "$NONE" in a positive condition matches a device that reports nothing for it;
// - a negative condition (NotDeviceTypes, ...) never matches an empty property;
// - any matching DENY blocks, else any matching ALLOW allows, else the device is blocked;
// - an override for the exact user and device replaces whatever the rules decide.
//
// Pure values and functions: no I/O, thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/access_control_rules.h"

namespace skerry::policy {

inline constexpr std::string_view kNoneValue = "$NONE";
inline constexpr std::size_t kMaxMobileDeviceAccessRules = 10;  // per organization (see rule_store.h)

struct MobileDeviceAccessRule {
  std::string id;
  std::string name;
  std::string description;
  RuleEffect effect = RuleEffect::kAllow;
  std::vector<std::string> device_types, not_device_types;
  std::vector<std::string> device_models, not_device_models;
  std::vector<std::string> device_operating_systems, not_device_operating_systems;
  std::vector<std::string> device_user_agents, not_device_user_agents;
  double date_created = 0;  // epoch seconds
  double date_modified = 0;
};

// What the guide promises every new organization: one rule allowing any device.
MobileDeviceAccessRule DefaultMobileDeviceAccessRule(std::string id, double now);

// The properties a device reported; empty = not reported.
struct DeviceAttributes {
  std::string device_type;
  std::string device_model;
  std::string device_operating_system;
  std::string device_user_agent;
};

struct MobileDeviceAccessOverride {
  std::string user_id;  // as the administrator named the user (id, e-mail or name)
  std::string device_id;
  RuleEffect effect = RuleEffect::kDeny;
  std::string description;
  double date_created = 0;
  double date_modified = 0;
};

struct MatchedDeviceRule {
  std::string id;
  std::string name;
};

struct DeviceAccessDecision {
  RuleEffect effect = RuleEffect::kDeny;
  std::vector<MatchedDeviceRule> matched_rules;  // the rules with the winning effect, in order
  bool overridden = false;                       // an override decided, not the rules
};

// One condition pair against one property (exposed for tests).
bool DeviceConditionHolds(const std::vector<std::string>& include, const std::vector<std::string>& exclude,
                          std::string_view value);
bool DeviceRuleMatches(const MobileDeviceAccessRule& rule, const DeviceAttributes& device);

// The rules alone, in the given order (GetMobileDeviceAccessEffect).
DeviceAccessDecision EvaluateMobileDeviceAccess(const std::vector<MobileDeviceAccessRule>& rules,
                                                const DeviceAttributes& device);

// What ActiveSync enforces for one user's device: the override for (user, device) if any —
// users and device ids compared case-insensitively — else the rules.
DeviceAccessDecision EvaluateDeviceAccess(const std::vector<MobileDeviceAccessRule>& rules,
                                          const std::vector<MobileDeviceAccessOverride>& overrides,
                                          std::string_view user_id, std::string_view device_id,
                                          const DeviceAttributes& device);

}  // namespace skerry::policy
