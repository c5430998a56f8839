#include "directory/rule_codec.h"

#include <boost/json/array.hpp>

namespace skerry::directory {
namespace json = boost::json;
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
double JsonNumber(const json::object& in, std::string_view key) {
  auto* v = in.if_contains(key);
  if (!v) return 0;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  return 0;
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

std::string JsonString(const json::object& in, std::string_view key) {
  auto* v = in.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::vector<std::string> JsonStringList(const json::object& in, std::string_view key) {
  std::vector<std::string> out;
  auto* v = in.if_contains(key);
  if (!v || !v->is_array()) return out;
  for (const auto& item : v->as_array())
    if (item.is_string()) out.emplace_back(item.as_string());
  return out;
}

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
  r.ip_ranges = JsonStringList(in, "IpRanges");
  r.not_ip_ranges = JsonStringList(in, "NotIpRanges");
  r.actions = JsonStringList(in, "Actions");
  r.not_actions = JsonStringList(in, "NotActions");
  r.user_ids = JsonStringList(in, "UserIds");
  r.not_user_ids = JsonStringList(in, "NotUserIds");
  r.impersonation_role_ids = JsonStringList(in, "ImpersonationRoleIds");
  r.not_impersonation_role_ids = JsonStringList(in, "NotImpersonationRoleIds");
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
  r.device_types = JsonStringList(in, "DeviceTypes");
  r.not_device_types = JsonStringList(in, "NotDeviceTypes");
  r.device_models = JsonStringList(in, "DeviceModels");
  r.not_device_models = JsonStringList(in, "NotDeviceModels");
  r.device_operating_systems = JsonStringList(in, "DeviceOperatingSystems");
  r.not_device_operating_systems = JsonStringList(in, "NotDeviceOperatingSystems");
  r.device_user_agents = JsonStringList(in, "DeviceUserAgents");
  r.not_device_user_agents = JsonStringList(in, "NotDeviceUserAgents");
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
      rule.target_users = JsonStringList(r, "TargetUsers");
      rule.not_target_users = JsonStringList(r, "NotTargetUsers");
      role.rules.push_back(std::move(rule));
    }
  }
  return role;
}

}  // namespace skerry::directory
