#include "policy/mobile_device_rules.h"

#include <algorithm>

namespace skerry::policy {

MobileDeviceAccessRule DefaultMobileDeviceAccessRule(std::string id, double now) {
  MobileDeviceAccessRule rule;
  rule.id = std::move(id);
  rule.name = "DefaultAllowAll";
  rule.description = "Default rule: allow all devices";
  rule.effect = RuleEffect::kAllow;
  rule.date_created = rule.date_modified = now;
  return rule;
}

bool DeviceConditionHolds(const std::vector<std::string>& include, const std::vector<std::string>& exclude,
                          std::string_view value) {
  // "$NONE" stands for "reported nothing"; any other entry is a prefix of what was reported.
  auto matches = [&](const std::string& entry) {
    if (EqualsIgnoreCase(entry, kNoneValue)) return value.empty();
    return !value.empty() && StartsWithIgnoreCase(value, entry);
  };
  if (!include.empty() && std::none_of(include.begin(), include.end(), matches)) return false;
  if (!exclude.empty()) {
    // Guide: negative conditions "won't match these empty values".
    if (value.empty()) return false;
    if (std::any_of(exclude.begin(), exclude.end(), matches)) return false;
  }
  return true;
}

bool DeviceRuleMatches(const MobileDeviceAccessRule& rule, const DeviceAttributes& device) {
  return DeviceConditionHolds(rule.device_types, rule.not_device_types, device.device_type) &&
         DeviceConditionHolds(rule.device_models, rule.not_device_models, device.device_model) &&
         DeviceConditionHolds(rule.device_operating_systems, rule.not_device_operating_systems,
                              device.device_operating_system) &&
         DeviceConditionHolds(rule.device_user_agents, rule.not_device_user_agents, device.device_user_agent);
}

DeviceAccessDecision EvaluateMobileDeviceAccess(const std::vector<MobileDeviceAccessRule>& rules,
                                                const DeviceAttributes& device) {
  std::vector<MatchedDeviceRule> allowed, denied;
  for (const auto& rule : rules) {
    if (!DeviceRuleMatches(rule, device)) continue;
    (rule.effect == RuleEffect::kDeny ? denied : allowed).push_back({rule.id, rule.name});
  }
  if (!denied.empty()) return {RuleEffect::kDeny, std::move(denied), false};
  if (!allowed.empty()) return {RuleEffect::kAllow, std::move(allowed), false};
  return {RuleEffect::kDeny, {}, false};  // guide: "If no rule applies, the device is blocked."
}

DeviceAccessDecision EvaluateDeviceAccess(const std::vector<MobileDeviceAccessRule>& rules,
                                          const std::vector<MobileDeviceAccessOverride>& overrides,
                                          std::string_view user_id, std::string_view device_id,
                                          const DeviceAttributes& device) {
  for (const auto& o : overrides) {
    if (EqualsIgnoreCase(o.user_id, user_id) && EqualsIgnoreCase(o.device_id, device_id))
      return {o.effect, {}, true};
  }
  return EvaluateMobileDeviceAccess(rules, device);
}

}  // namespace skerry::policy
