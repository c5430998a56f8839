#include "directory/entity.h"
#include "formats/json/json_fields.h"

#include <boost/json.hpp>
#include <fmt/format.h>

namespace skerry::directory {
namespace json = boost::json;

namespace {
json::array Array(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}
}  // namespace

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kUser: return "USER";
    case EntityType::kGroup: return "GROUP";
    case EntityType::kResource: return "RESOURCE";
  }
  return "USER";
}

std::string_view DocumentKind(EntityType type) {
  switch (type) {
    case EntityType::kUser: return "user";
    case EntityType::kGroup: return "group";
    case EntityType::kResource: return "resource";
  }
  return "user";
}

std::string_view EntityStateName(EntityState state) {
  switch (state) {
    case EntityState::kEnabled: return "ENABLED";
    case EntityState::kDisabled: return "DISABLED";
    case EntityState::kDeleted: return "DELETED";
  }
  return "DISABLED";
}

std::optional<EntityState> ParseEntityState(std::string_view name) {
  if (name == "ENABLED") return EntityState::kEnabled;
  if (name == "DISABLED") return EntityState::kDisabled;
  if (name == "DELETED") return EntityState::kDeleted;
  return std::nullopt;
}

const std::vector<std::string_view>& UserAttributeNames() {
  static const std::vector<std::string_view> kNames = {"FirstName", "LastName", "Initials", "Telephone",
                                                       "Street",    "JobTitle", "City",     "Company",
                                                       "ZipCode",   "Department", "Country", "Office"};
  return kNames;
}

json::object EntityToJson(const Entity& e) {
  json::object o{{"Name", e.name},
                 {"Email", e.email},
                 {"Aliases", Array(e.aliases)},
                 {"State", EntityStateName(e.state)},
                 {"EnabledDate", e.enabled_date},
                 {"DisabledDate", e.disabled_date},
                 {"Hidden", e.hidden_from_gal}};
  if (e.type != EntityType::kGroup) {
    o["MailboxId"] = e.mailbox_id;
    o["MailboxProvisionedDate"] = e.mailbox_provisioned_date;
    o["MailboxDeprovisionedDate"] = e.mailbox_deprovisioned_date;
  }
  switch (e.type) {
    case EntityType::kUser: {
      o["DisplayName"] = e.display_name;
      o["Role"] = e.role;
      o["PasswordHash"] = e.password_hash;
      o["MailboxQuota"] = e.mailbox_quota_mb;
      o["IdpUserId"] = e.identity_provider_user_id;
      o["IdpStoreId"] = e.identity_provider_identity_store_id;
      json::object attrs;
      for (const auto& [k, v] : e.attributes) attrs[k] = v;
      o["Attributes"] = std::move(attrs);
      break;
    }
    case EntityType::kGroup:
      o["Members"] = Array(e.members);
      break;
    case EntityType::kResource:
      o["Type"] = e.resource_type;
      o["Description"] = e.description;
      o["Booking"] = json::object{{"AutoAcceptRequests", e.booking.auto_accept_requests},
                                  {"AutoDeclineRecurringRequests", e.booking.auto_decline_recurring_requests},
                                  {"AutoDeclineConflictingRequests", e.booking.auto_decline_conflicting_requests}};
      o["Delegates"] = Array(e.delegates);
      break;
  }
  return o;
}

Result<Entity> EntityFromJson(EntityType type, const std::string& id, const json::object& o, std::uint64_t version) {
  Entity e;
  e.type = type;
  e.id = id;
  e.version = version;
  e.name = formats::JsonString(o, "Name");
  auto state = ParseEntityState(formats::JsonString(o, "State"));
  if (e.name.empty() || !state)
    return MakeError(ErrorCode::kCorrupt, fmt::format("{} document {} lacks a name or state", DocumentKind(type), id));
  e.state = *state;
  e.email = formats::JsonString(o, "Email");
  e.aliases = formats::JsonStrings(o, "Aliases");
  e.enabled_date = formats::JsonInt(o, "EnabledDate");
  e.disabled_date = formats::JsonInt(o, "DisabledDate");
  e.hidden_from_gal = formats::JsonBool(o, "Hidden", false);
  e.mailbox_id = formats::JsonString(o, "MailboxId");
  e.mailbox_provisioned_date = formats::JsonInt(o, "MailboxProvisionedDate");
  e.mailbox_deprovisioned_date = formats::JsonInt(o, "MailboxDeprovisionedDate");
  switch (type) {
    case EntityType::kUser:
      e.display_name = formats::JsonString(o, "DisplayName");
      e.role = formats::JsonString(o, "Role");
      if (e.role.empty()) e.role = "USER";
      e.password_hash = formats::JsonString(o, "PasswordHash");
      e.mailbox_quota_mb = formats::JsonInt(o, "MailboxQuota", kDefaultMailboxQuotaMb);
      e.identity_provider_user_id = formats::JsonString(o, "IdpUserId");
      e.identity_provider_identity_store_id = formats::JsonString(o, "IdpStoreId");
      if (auto* a = o.if_contains("Attributes"); a && a->is_object())
        for (const auto& [k, v] : a->as_object())
          if (v.is_string()) e.attributes[std::string(k)] = std::string(v.as_string());
      break;
    case EntityType::kGroup:
      e.members = formats::JsonStrings(o, "Members");
      break;
    case EntityType::kResource:
      e.resource_type = formats::JsonString(o, "Type");
      e.description = formats::JsonString(o, "Description");
      if (auto* b = o.if_contains("Booking"); b && b->is_object()) {
        const auto& bo = b->as_object();
        e.booking.auto_accept_requests = formats::JsonBool(bo, "AutoAcceptRequests", true);
        e.booking.auto_decline_recurring_requests = formats::JsonBool(bo, "AutoDeclineRecurringRequests", false);
        e.booking.auto_decline_conflicting_requests = formats::JsonBool(bo, "AutoDeclineConflictingRequests", true);
      }
      e.delegates = formats::JsonStrings(o, "Delegates");
      break;
  }
  return e;
}

}  // namespace skerry::directory
