#include "directory/rule_codec.h"

#include <boost/json/array.hpp>

#include "formats/json/json_fields.h"

namespace skerry::directory {
namespace json = boost::json;
using formats::JsonNumber;
using formats::JsonString;
namespace {

void PutList(json::object& out, std::string_view key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  json::array a;
  for (const auto& v : values) a.emplace_back(v);
  out[key] = std::move(a);
}
void PutString(json::object& out, std::string_view key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}
Result<policy::RuleEffect> Effect(const json::object& in) { return policy::ParseRuleEffect(JsonString(in, "Effect")); }

json::object ImpersonationRuleToJson(const policy::ImpersonationRule& rule) {
  json::object out{{"ImpersonationRuleId", rule.id}, {"Effect", policy::RuleEffectName(rule.effect)}};
  PutString(out, "Name", rule.name);
  PutString(out, "Description", rule.description);
  PutList(out, "TargetUsers", rule.target_users);
  PutList(out, "NotTargetUsers", rule.not_target_users);
  return out;
}

}  // namespace

json::object AccessControlRuleToJson(const policy::AccessControlRule& r) {
  json::object out{{"Name", r.name},
                   {"Effect", policy::RuleEffectName(r.effect)},
                   {"Description", r.description},
                   {"DateCreated", r.date_created},
                   {"DateModified", r.date_modified}};
  PutList(out, "IpRanges", r.ip_ranges);
  PutList(out, "NotIpRanges", r.not_ip_ranges);
  PutList(out, "Actions", r.actions);
  PutList(out, "NotActions", r.not_actions);
  PutList(out, "UserIds", r.user_ids);
  PutList(out, "NotUserIds", r.not_user_ids);
  PutList(out, "ImpersonationRoleIds", r.impersonation_role_ids);
  PutList(out, "NotImpersonationRoleIds", r.not_impersonation_role_ids);
  return out;
}

Result<policy::AccessControlRule> AccessControlRuleFromJson(const json::object& in) {
  policy::AccessControlRule r;
  r.name = JsonString(in, "Name");
  r.effect = SKERRY_TRY(Effect(in));
  r.description = JsonString(in, "Description");
  r.ip_ranges = formats::JsonStrings(in, "IpRanges");
  r.not_ip_ranges = formats::JsonStrings(in, "NotIpRanges");
  r.actions = formats::JsonStrings(in, "Actions");
  r.not_actions = formats::JsonStrings(in, "NotActions");
  r.user_ids = formats::JsonStrings(in, "UserIds");
  r.not_user_ids = formats::JsonStrings(in, "NotUserIds");
  r.impersonation_role_ids = formats::JsonStrings(in, "ImpersonationRoleIds");
  r.not_impersonation_role_ids = formats::JsonStrings(in, "NotImpersonationRoleIds");
  r.date_created = JsonNumber(in, "DateCreated");
  r.date_modified = JsonNumber(in, "DateModified");
  return r;
}

json::object MobileDeviceAccessRuleToJson(const policy::MobileDeviceAccessRule& r) {
  json::object out{{"MobileDeviceAccessRuleId", r.id},
                   {"Name", r.name},
                   {"Effect", policy::RuleEffectName(r.effect)},
                   {"DateCreated", r.date_created},
                   {"DateModified", r.date_modified}};
  PutString(out, "Description", r.description);
  PutList(out, "DeviceTypes", r.device_types);
  PutList(out, "NotDeviceTypes", r.not_device_types);
  PutList(out, "DeviceModels", r.device_models);
  PutList(out, "NotDeviceModels", r.not_device_models);
  PutList(out, "DeviceOperatingSystems", r.device_operating_systems);
  PutList(out, "NotDeviceOperatingSystems", r.not_device_operating_systems);
  PutList(out, "DeviceUserAgents", r.device_user_agents);
  PutList(out, "NotDeviceUserAgents", r.not_device_user_agents);
  return out;
}

Result<policy::MobileDeviceAccessRule> MobileDeviceAccessRuleFromJson(const json::object& in) {
  policy::MobileDeviceAccessRule r;
  r.id = JsonString(in, "MobileDeviceAccessRuleId");
  r.name = JsonString(in, "Name");
  r.description = JsonString(in, "Description");
  r.effect = SKERRY_TRY(Effect(in));
  r.device_types = formats::JsonStrings(in, "DeviceTypes");
  r.not_device_types = formats::JsonStrings(in, "NotDeviceTypes");
  r.device_models = formats::JsonStrings(in, "DeviceModels");
  r.not_device_models = formats::JsonStrings(in, "NotDeviceModels");
  r.device_operating_systems = formats::JsonStrings(in, "DeviceOperatingSystems");
  r.not_device_operating_systems = formats::JsonStrings(in, "NotDeviceOperatingSystems");
  r.device_user_agents = formats::JsonStrings(in, "DeviceUserAgents");
  r.not_device_user_agents = formats::JsonStrings(in, "NotDeviceUserAgents");
  r.date_created = JsonNumber(in, "DateCreated");
  r.date_modified = JsonNumber(in, "DateModified");
  return r;
}

json::object MobileDeviceAccessOverrideToJson(const policy::MobileDeviceAccessOverride& o) {
  json::object out{{"UserId", o.user_id},
                   {"DeviceId", o.device_id},
                   {"Effect", policy::RuleEffectName(o.effect)},
                   {"DateCreated", o.date_created},
                   {"DateModified", o.date_modified}};
  PutString(out, "Description", o.description);
  return out;
}

Result<policy::MobileDeviceAccessOverride> MobileDeviceAccessOverrideFromJson(const json::object& in) {
  policy::MobileDeviceAccessOverride o;
  o.user_id = JsonString(in, "UserId");
  o.device_id = JsonString(in, "DeviceId");
  o.effect = SKERRY_TRY(Effect(in));
  o.description = JsonString(in, "Description");
  o.date_created = JsonNumber(in, "DateCreated");
  o.date_modified = JsonNumber(in, "DateModified");
  return o;
}

json::object ImpersonationRoleToJson(const policy::ImpersonationRole& role, bool summary) {
  json::object out{{"ImpersonationRoleId", role.id},
                   {"Name", role.name},
                   {"Type", policy::ImpersonationRoleTypeName(role.type)},
                   {"DateCreated", role.date_created},
                   {"DateModified", role.date_modified}};
  if (summary) return out;
  PutString(out, "Description", role.description);
  json::array rules;
  for (const auto& rule : role.rules) rules.emplace_back(ImpersonationRuleToJson(rule));
  out["Rules"] = std::move(rules);
  return out;
}

Result<policy::ImpersonationRole> ImpersonationRoleFromJson(const json::object& in) {
  policy::ImpersonationRole role;
  role.id = JsonString(in, "ImpersonationRoleId");
  role.name = JsonString(in, "Name");
  role.description = JsonString(in, "Description");
  role.type = SKERRY_TRY(policy::ParseImpersonationRoleType(JsonString(in, "Type")));
  role.date_created = JsonNumber(in, "DateCreated");
  role.date_modified = JsonNumber(in, "DateModified");
  if (auto* rules = in.if_contains("Rules"); rules && rules->is_array()) {
    for (const auto& item : rules->as_array()) {
      if (!item.is_object()) return MakeError(ErrorCode::kInvalidArgument, "an impersonation rule is not an object");
      const auto& r = item.as_object();
      policy::ImpersonationRule rule;
      rule.id = JsonString(r, "ImpersonationRuleId");
      rule.name = JsonString(r, "Name");
      rule.description = JsonString(r, "Description");
      rule.effect = SKERRY_TRY(Effect(r));
      rule.target_users = formats::JsonStrings(r, "TargetUsers");
      rule.not_target_users = formats::JsonStrings(r, "NotTargetUsers");
      role.rules.push_back(std::move(rule));
    }
  }
  return role;
}

}  // namespace skerry::directory
