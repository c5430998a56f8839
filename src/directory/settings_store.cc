#include "directory/settings_store.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include "base/ascii.h"
#include "base/ids.h"
#include "directory/directory_errors.h"
#include "formats/json/json_fields.h"

namespace skerry::directory {
namespace json = boost::json;
namespace {

constexpr std::string_view kSettingsKind = "organization-settings";
constexpr std::string_view kSettingsDoc = "all";
constexpr std::array<std::string_view, 5> kFolderNames = {"INBOX", "DELETED_ITEMS", "SENT_ITEMS", "DRAFTS",
                                                          "JUNK_EMAIL"};
constexpr std::array<std::string_view, 3> kActions = {"NONE", "DELETE", "PERMANENTLY_DELETE"};
constexpr std::int64_t kMaxRetentionDays = 730;

template <std::size_t N>
bool OneOf(const std::array<std::string_view, N>& names, std::string_view s) {
  return std::find(names.begin(), names.end(), s) != names.end();
}


tl::unexpected<Error> Invalid(std::string_view message) {
  return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError, message);
}

bool TagCharacterAllowed(unsigned char c) {
  if (c >= 0x80) return true;  // UTF-8: letters, separators and numbers of other scripts
  if (std::isalnum(c)) return true;
  return std::string_view(" _.:/=+-@").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

json::object RetentionPolicyToJson(const RetentionPolicy& p) {
  json::object out;
  if (!p.id.empty()) out["Id"] = p.id;
  out["Name"] = p.name;
  if (!p.description.empty()) out["Description"] = p.description;
  json::array folders;
  for (const auto& f : p.folders) {
    json::object o{{"Name", f.name}, {"Action", f.action}};
    if (f.period) o["Period"] = *f.period;
    folders.emplace_back(std::move(o));
  }
  out["FolderConfigurations"] = std::move(folders);
  return out;
}

Result<RetentionPolicy> RetentionPolicyFromJson(const json::object& in) {
  RetentionPolicy p{formats::JsonString(in, "Id"), formats::JsonString(in, "Name"), formats::JsonString(in, "Description"), {}};
  auto* folders = in.if_contains("FolderConfigurations");
  if (!folders || !folders->is_array()) return Invalid("FolderConfigurations is required");
  for (const auto& f : folders->as_array()) {
    if (!f.is_object()) return Invalid("a FolderConfiguration is not a structure");
    FolderConfiguration c{formats::JsonString(f.as_object(), "Name"), formats::JsonString(f.as_object(), "Action"), std::nullopt};
    if (auto* period = f.as_object().if_contains("Period"); period && period->is_int64()) c.period = period->as_int64();
    p.folders.push_back(std::move(c));
  }
  return p;
}

json::object TagToJson(const Tag& t) { return {{"Key", t.key}, {"Value", t.value}}; }

Result<Tag> TagFromJson(const json::object& in) {
  if (!in.contains("Key")) return Invalid("a tag has no Key");
  return Tag{formats::JsonString(in, "Key"), formats::JsonString(in, "Value")};
}

Status ValidateRetentionPolicy(const RetentionPolicy& p) {
  std::set<std::string> seen;
  for (const auto& f : p.folders) {
    if (!OneOf(kFolderNames, f.name)) return Invalid(fmt::format("unknown folder name {}", f.name));
    if (!OneOf(kActions, f.action)) return Invalid(fmt::format("unknown retention action {}", f.action));
    if (!seen.insert(f.name).second) return Invalid(fmt::format("folder {} is configured twice", f.name));
    if (f.action == "NONE") {
      if (f.period) return Invalid(fmt::format("folder {}: Period cannot be set with action NONE", f.name));
    } else if (!f.period) {
      return Invalid(fmt::format("folder {}: Period is required with action {}", f.name, f.action));
    } else if (*f.period < 1 || *f.period > kMaxRetentionDays) {
      return Invalid(fmt::format("folder {}: Period must be 1..{} days", f.name, kMaxRetentionDays));
    }
  }
  return Ok();
}

Status ValidateTag(const Tag& t) {
  if (t.key.empty() || t.key.size() > 128) return Invalid("a tag key has 1..128 characters");
  if (t.value.size() > 256) return Invalid("a tag value has at most 256 characters");
  if (AsciiLower(t.key.substr(0, 4)) == "aws:")
    return Invalid("tag keys starting with aws: are reserved");
  for (const auto* s : {&t.key, &t.value})
    for (unsigned char c : *s)
      if (!TagCharacterAllowed(c)) return Invalid(fmt::format("tag {} has a character that is not allowed", t.key));
  return Ok();
}

// ---------------------------------------------------------------- the document

Result<Document> SettingsStore::Load(const std::string& org) {
  auto doc = directory_.Get(org, std::string(kSettingsKind), std::string(kSettingsDoc));
  if (doc) return doc;
  if (doc.error().code != ErrorCode::kNotFound) return tl::unexpected(doc.error());
  return Document{std::string(kSettingsDoc), {}, 0};
}

Status SettingsStore::Save(const std::string& org, Document& doc) {
  // Version 0: the document did not exist when read (the mutex covers this process).
  return directory_.Put(org, std::string(kSettingsKind), doc, {}, {}, doc.version);
}

Result<bool> SettingsStore::InboundDmarcEnforced(const std::string& org) {
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  return formats::JsonBool(doc.body, "InboundDmarcEnforced", true);  // on for new organizations
}

Status SettingsStore::PutInboundDmarc(const std::string& org, bool enforced) {
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  doc.body["InboundDmarcEnforced"] = enforced;
  return Save(org, doc);
}

Result<RetentionPolicy> SettingsStore::DefaultRetentionPolicy(const std::string& org) {
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  auto* v = doc.body.if_contains("RetentionPolicy");
  if (!v || !v->is_object())
    return DirectoryError(ErrorCode::kNotFound, kEntityNotFoundError, "the organization has no retention policy");
  auto policy = RetentionPolicyFromJson(v->as_object());
  if (!policy) return MakeError(ErrorCode::kCorrupt, "stored retention policy: " + policy.error().detail);
  return policy;
}

Result<std::string> SettingsStore::PutRetentionPolicy(const std::string& org, RetentionPolicy policy) {
  SKERRY_TRY(ValidateRetentionPolicy(policy));
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  if (auto* v = doc.body.if_contains("RetentionPolicy"); v && v->is_object()) {
    auto existing = formats::JsonString(v->as_object(), "Id");
    if (!policy.id.empty() && policy.id != existing)
      return DirectoryError(ErrorCode::kResourceExhausted, kLimitExceededError,
                            "an organization has one retention policy; update it with its Id " + existing);
    policy.id = existing;
  }
  if (policy.id.empty()) policy.id = NewUuid(random_);
  doc.body["RetentionPolicy"] = RetentionPolicyToJson(policy);
  SKERRY_TRY(Save(org, doc));
  return policy.id;
}

Status SettingsStore::DeleteRetentionPolicy(const std::string& org, const std::string& id) {
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  auto* v = doc.body.if_contains("RetentionPolicy");
  if (!v || !v->is_object() || formats::JsonString(v->as_object(), "Id") != id) return Ok();
  doc.body.erase("RetentionPolicy");
  return Save(org, doc);
}

Result<EmailMonitoring> SettingsStore::EmailMonitoringConfiguration(const std::string& org) {
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  auto* v = doc.body.if_contains("EmailMonitoring");
  if (!v || !v->is_object())
    return DirectoryError(ErrorCode::kNotFound, "ResourceNotFoundException",
                          "the organization has no email monitoring configuration");
  return EmailMonitoring{formats::JsonString(v->as_object(), "RoleArn"), formats::JsonString(v->as_object(), "LogGroupArn")};
}

Status SettingsStore::PutEmailMonitoring(const std::string& org, const EmailMonitoring& config) {
  if (config.log_group_arn.empty()) return Invalid("LogGroupArn is required");
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  json::object o{{"LogGroupArn", config.log_group_arn}};
  if (!config.role_arn.empty()) o["RoleArn"] = config.role_arn;
  doc.body["EmailMonitoring"] = std::move(o);
  return Save(org, doc);
}

Status SettingsStore::DeleteEmailMonitoring(const std::string& org) {
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  if (!doc.body.erase("EmailMonitoring")) return Ok();
  return Save(org, doc);
}

namespace {
std::map<std::string, std::string> TagMap(const Document& doc) {
  std::map<std::string, std::string> out;
  if (auto* v = doc.body.if_contains("Tags"); v && v->is_object())
    for (const auto& [k, val] : v->as_object())
      if (val.is_string()) out[std::string(k)] = std::string(val.as_string());
  return out;
}
void StoreTags(Document& doc, const std::map<std::string, std::string>& tags) {
  json::object o;
  for (const auto& [k, v] : tags) o[k] = v;
  doc.body["Tags"] = std::move(o);
}
}  // namespace

Result<std::vector<Tag>> SettingsStore::Tags(const std::string& org) {
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  std::vector<Tag> out;
  for (auto& [k, v] : TagMap(doc)) out.push_back({k, v});
  return out;
}

Status SettingsStore::TagResource(const std::string& org, const std::vector<Tag>& tags) {
  std::set<std::string> keys;
  for (const auto& t : tags) {
    SKERRY_TRY(ValidateTag(t));
    if (!keys.insert(t.key).second) return Invalid(fmt::format("tag key {} is given twice", t.key));
  }
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  auto current = TagMap(doc);
  for (const auto& t : tags) current[t.key] = t.value;
  if (current.size() > kMaxTags)
    return DirectoryError(ErrorCode::kResourceExhausted, "TooManyTagsException",
                          fmt::format("an organization has at most {} tags", kMaxTags));
  StoreTags(doc, current);
  return Save(org, doc);
}

Status SettingsStore::UntagResource(const std::string& org, const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org));
  auto current = TagMap(doc);
  std::size_t removed = 0;
  for (const auto& k : keys) removed += current.erase(k);
  if (removed == 0) return Ok();
  StoreTags(doc, current);
  return Save(org, doc);
}

}  // namespace skerry::directory
