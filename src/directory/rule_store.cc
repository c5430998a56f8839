#include "directory/rule_store.h"

#include <algorithm>

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include "base/bytes.h"
#include "base/ids.h"
#include "directory/entity_addresses.h"
#include "directory/rule_codec.h"

namespace skerry::directory {
namespace json = boost::json;
namespace {

constexpr std::string_view kAccessRulesKind = "access-control-rules";
constexpr std::string_view kDeviceRulesKind = "mobile-device-access-rules";
constexpr std::string_view kOverridesKind = "mobile-device-access-overrides";
constexpr std::string_view kRolesKind = "impersonation-roles";
// The single document of each family (see the header for why there is one).
constexpr std::string_view kFamilyDoc = "all";


// The member holding a family's list, and decoding every entry with `decode`.
template <typename T, typename Decode>
Result<std::vector<T>> DecodeList(const Document& doc, std::string_view member, Decode decode) {
  std::vector<T> out;
  auto* list = doc.body.if_contains(member);
  if (!list) return out;
  if (!list->is_array()) return MakeError(ErrorCode::kCorrupt, fmt::format("{} of {} is not a list", member, doc.id));
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) return MakeError(ErrorCode::kCorrupt, fmt::format("an entry of {} is not an object", member));
    auto value = decode(item.as_object());
    if (!value) return MakeError(ErrorCode::kCorrupt, fmt::format("stored {} entry: {}", member, value.error().detail));
    out.push_back(std::move(*value));
  }
  return out;
}

template <typename T, typename Encode>
void EncodeList(Document& doc, std::string_view member, const std::vector<T>& values, Encode encode) {
  json::array list;
  for (const auto& v : values) list.emplace_back(encode(v));
  doc.body[member] = std::move(list);
}

}  // namespace

double RuleStore::Now() const {
  // Milliseconds are enough for DateCreated/DateModified and print without float noise.
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch()).count();
  return static_cast<double>(ms) / 1000.0;
}

// The family's document; for rule families never written, the guide's default rule, saved now
// so its id and dates stay what the first reader saw.
Result<Document> RuleStore::LoadOrDefault(const std::string& org, const std::string& kind) {
  auto doc = directory_.Get(org, kind, std::string(kFamilyDoc));
  if (doc) return doc;
  if (doc.error().code != ErrorCode::kNotFound) return tl::unexpected(doc.error());
  Document fresh{std::string(kFamilyDoc), {}, 0};
  if (kind == kAccessRulesKind) {
    EncodeList(fresh, "Rules", std::vector{policy::DefaultAccessControlRule(Now())}, AccessControlRuleToJson);
  } else if (kind == kDeviceRulesKind) {
    EncodeList(fresh, "Rules", std::vector{policy::DefaultMobileDeviceAccessRule(NewUuid(random_), Now())},
               MobileDeviceAccessRuleToJson);
  } else {
    return fresh;  // overrides and roles start empty; nothing to save
  }
  SKERRY_TRY(directory_.Put(org, kind, fresh));
  return fresh;
}

Status RuleStore::Save(const std::string& org, const std::string& kind, Document& doc) {
  // A version of 0 means the document did not exist when read: an upsert (the mutex covers this
  // process). Otherwise the store refuses the write if another node changed it since.
  return directory_.Put(org, kind, doc, {}, {}, doc.version);
}

Result<std::vector<policy::AccessControlRule>> RuleStore::LoadAccessRules(const std::string& org, Document& doc) {
  doc = SKERRY_TRY(LoadOrDefault(org, std::string(kAccessRulesKind)));
  return DecodeList<policy::AccessControlRule>(doc, "Rules", AccessControlRuleFromJson);
}
Result<std::vector<policy::MobileDeviceAccessRule>> RuleStore::LoadDeviceRules(const std::string& org, Document& doc) {
  doc = SKERRY_TRY(LoadOrDefault(org, std::string(kDeviceRulesKind)));
  return DecodeList<policy::MobileDeviceAccessRule>(doc, "Rules", MobileDeviceAccessRuleFromJson);
}
Result<std::vector<policy::MobileDeviceAccessOverride>> RuleStore::LoadOverrides(const std::string& org, Document& doc) {
  doc = SKERRY_TRY(LoadOrDefault(org, std::string(kOverridesKind)));
  return DecodeList<policy::MobileDeviceAccessOverride>(doc, "Overrides", MobileDeviceAccessOverrideFromJson);
}
Result<std::vector<policy::ImpersonationRole>> RuleStore::LoadRoles(const std::string& org, Document& doc) {
  doc = SKERRY_TRY(LoadOrDefault(org, std::string(kRolesKind)));
  auto roles = SKERRY_TRY(DecodeList<policy::ImpersonationRole>(doc, "Roles", ImpersonationRoleFromJson));
  std::sort(roles.begin(), roles.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return roles;
}

// ---------------------------------------------------------------- access control rules

Result<std::vector<policy::AccessControlRule>> RuleStore::AccessControlRules(const std::string& org) {
  std::lock_guard lock(mutex_);
  Document doc;
  return LoadAccessRules(org, doc);
}

Status RuleStore::PutAccessControlRule(const std::string& org, policy::AccessControlRule rule) {
  SKERRY_TRY(policy::ValidateAccessControlRule(rule));
  std::lock_guard lock(mutex_);
  auto all_roles = [&]() -> Result<std::vector<policy::ImpersonationRole>> {
    Document roles_doc;
    return LoadRoles(org, roles_doc);
  };
  if (!rule.impersonation_role_ids.empty() || !rule.not_impersonation_role_ids.empty()) {
    auto roles = SKERRY_TRY(all_roles());
    for (const auto* ids : {&rule.impersonation_role_ids, &rule.not_impersonation_role_ids})
      for (const auto& id : *ids)
        if (std::none_of(roles.begin(), roles.end(), [&](const auto& r) { return r.id == id; }))
          return MakeError(ErrorCode::kNotFound, fmt::format("impersonation role {} does not exist", id));
  }
  Document doc;
  auto rules = SKERRY_TRY(LoadAccessRules(org, doc));
  auto now = Now();
  rule.date_created = rule.date_modified = now;
  auto it = std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r.name == rule.name; });
  if (it != rules.end()) {
    rule.date_created = it->date_created;
    *it = std::move(rule);
  } else {
    if (rules.size() >= policy::kMaxAccessControlRules)
      return MakeError(ErrorCode::kResourceExhausted,
                       fmt::format("an organization has at most {} access control rules", policy::kMaxAccessControlRules));
    rules.push_back(std::move(rule));
  }
  EncodeList(doc, "Rules", rules, AccessControlRuleToJson);
  return Save(org, std::string(kAccessRulesKind), doc);
}

Status RuleStore::DeleteAccessControlRule(const std::string& org, const std::string& name) {
  std::lock_guard lock(mutex_);
  Document doc;
  auto rules = SKERRY_TRY(LoadAccessRules(org, doc));
  auto removed = std::erase_if(rules, [&](const auto& r) { return r.name == name; });
  if (removed == 0) return Ok();
  EncodeList(doc, "Rules", rules, AccessControlRuleToJson);
  return Save(org, std::string(kAccessRulesKind), doc);
}

Result<policy::AccessDecision> RuleStore::AccessControlEffect(const std::string& org,
                                                              const policy::AccessRequest& request) {
  auto rules = SKERRY_TRY(AccessControlRules(org));
  return policy::EvaluateAccessControl(rules, request);
}

// ---------------------------------------------------------------- mobile device access rules

Result<std::vector<policy::MobileDeviceAccessRule>> RuleStore::MobileDeviceAccessRules(const std::string& org) {
  std::lock_guard lock(mutex_);
  Document doc;
  return LoadDeviceRules(org, doc);
}

Result<std::string> RuleStore::CreateMobileDeviceAccessRule(const std::string& org,
                                                            policy::MobileDeviceAccessRule rule) {
  std::lock_guard lock(mutex_);
  Document doc;
  auto rules = SKERRY_TRY(LoadDeviceRules(org, doc));
  if (rules.size() >= policy::kMaxMobileDeviceAccessRules)
    return MakeError(ErrorCode::kResourceExhausted, fmt::format("an organization has at most {} mobile device access rules",
                                                                policy::kMaxMobileDeviceAccessRules));
  rule.id = NewUuid(random_);
  rule.date_created = rule.date_modified = Now();
  auto id = rule.id;
  rules.push_back(std::move(rule));
  EncodeList(doc, "Rules", rules, MobileDeviceAccessRuleToJson);
  SKERRY_TRY(Save(org, std::string(kDeviceRulesKind), doc));
  return id;
}

Status RuleStore::UpdateMobileDeviceAccessRule(const std::string& org, policy::MobileDeviceAccessRule rule) {
  std::lock_guard lock(mutex_);
  Document doc;
  auto rules = SKERRY_TRY(LoadDeviceRules(org, doc));
  auto it = std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r.id == rule.id; });
  if (it == rules.end())
    return MakeError(ErrorCode::kNotFound, fmt::format("mobile device access rule {} does not exist", rule.id));
  rule.date_created = it->date_created;
  rule.date_modified = Now();
  *it = std::move(rule);
  EncodeList(doc, "Rules", rules, MobileDeviceAccessRuleToJson);
  return Save(org, std::string(kDeviceRulesKind), doc);
}

Status RuleStore::DeleteMobileDeviceAccessRule(const std::string& org, const std::string& id) {
  std::lock_guard lock(mutex_);
  Document doc;
  auto rules = SKERRY_TRY(LoadDeviceRules(org, doc));
  if (std::erase_if(rules, [&](const auto& r) { return r.id == id; }) == 0) return Ok();
  EncodeList(doc, "Rules", rules, MobileDeviceAccessRuleToJson);
  return Save(org, std::string(kDeviceRulesKind), doc);
}

Result<policy::DeviceAccessDecision> RuleStore::MobileDeviceAccessEffect(const std::string& org,
                                                                         const policy::DeviceAttributes& device) {
  auto rules = SKERRY_TRY(MobileDeviceAccessRules(org));
  return policy::EvaluateMobileDeviceAccess(rules, device);
}

// ---------------------------------------------------------------- overrides

namespace {
bool SameOverride(const policy::MobileDeviceAccessOverride& o, std::string_view user, std::string_view device) {
  return policy::EqualsIgnoreCase(o.user_id, user) && policy::EqualsIgnoreCase(o.device_id, device);
}
std::string OverrideKey(const policy::MobileDeviceAccessOverride& o) {
  return AsciiLower(o.user_id) + '\n' + AsciiLower(o.device_id);
}
}  // namespace

Status RuleStore::PutMobileDeviceAccessOverride(const std::string& org, policy::MobileDeviceAccessOverride o) {
  std::lock_guard lock(mutex_);
  Document doc;
  auto overrides = SKERRY_TRY(LoadOverrides(org, doc));
  auto now = Now();
  o.date_created = o.date_modified = now;
  auto it = std::find_if(overrides.begin(), overrides.end(),
                         [&](const auto& x) { return SameOverride(x, o.user_id, o.device_id); });
  if (it != overrides.end()) {
    o.date_created = it->date_created;
    *it = std::move(o);
  } else {
    overrides.push_back(std::move(o));
  }
  EncodeList(doc, "Overrides", overrides, MobileDeviceAccessOverrideToJson);
  return Save(org, std::string(kOverridesKind), doc);
}

Result<policy::MobileDeviceAccessOverride> RuleStore::MobileDeviceAccessOverride(const std::string& org,
                                                                                 const std::string& user,
                                                                                 const std::string& device) {
  std::lock_guard lock(mutex_);
  Document doc;
  auto overrides = SKERRY_TRY(LoadOverrides(org, doc));
  for (auto& o : overrides)
    if (SameOverride(o, user, device)) return std::move(o);
  return MakeError(ErrorCode::kNotFound, "no mobile device access override for this user and device");
}

Status RuleStore::DeleteMobileDeviceAccessOverride(const std::string& org, const std::string& user,
                                                   const std::string& device) {
  std::lock_guard lock(mutex_);
  Document doc;
  auto overrides = SKERRY_TRY(LoadOverrides(org, doc));
  if (std::erase_if(overrides, [&](const auto& o) { return SameOverride(o, user, device); }) == 0) return Ok();
  EncodeList(doc, "Overrides", overrides, MobileDeviceAccessOverrideToJson);
  return Save(org, std::string(kOverridesKind), doc);
}

Result<std::vector<std::pair<std::string, policy::MobileDeviceAccessOverride>>> RuleStore::MobileDeviceAccessOverrides(
    const std::string& org, const OverrideFilter& filter) {
  std::vector<policy::MobileDeviceAccessOverride> overrides;
  {
    std::lock_guard lock(mutex_);
    Document doc;
    overrides = SKERRY_TRY(LoadOverrides(org, doc));
  }
  std::vector<std::pair<std::string, policy::MobileDeviceAccessOverride>> out;
  for (auto& o : overrides) {
    if (!filter.user_id.empty() && !policy::EqualsIgnoreCase(o.user_id, filter.user_id)) continue;
    if (!filter.device_id.empty() && !policy::EqualsIgnoreCase(o.device_id, filter.device_id)) continue;
    auto key = OverrideKey(o);
    out.emplace_back(std::move(key), std::move(o));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

Result<policy::DeviceAccessDecision> RuleStore::DeviceAccess(const std::string& org, const std::string& user,
                                                             const std::string& device_id,
                                                             const policy::DeviceAttributes& device) {
  std::lock_guard lock(mutex_);
  Document rules_doc, overrides_doc;
  auto rules = SKERRY_TRY(LoadDeviceRules(org, rules_doc));
  auto overrides = SKERRY_TRY(LoadOverrides(org, overrides_doc));
  return policy::EvaluateDeviceAccess(rules, overrides, user, device_id, device);
}

}  // namespace skerry::directory
