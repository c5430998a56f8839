#include "protocols/admin_api/commands/directory_json.h"

#include <algorithm>

#include <boost/json/array.hpp>

#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {
namespace {
using directory::Entity;
using directory::EntityState;
using directory::EntityStateName;

// Members with no value are left out rather than sent empty (clients treat absent as unknown).
void PutString(Json& out, std::string_view key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}
void PutDates(Json& out, const Entity& e) {
  if (e.enabled_date) out["EnabledDate"] = e.enabled_date;
  if (e.disabled_date) out["DisabledDate"] = e.disabled_date;
}
}  // namespace

Json DescribeUserJson(const Entity& e) {
  Json out{{"UserId", e.id},
           {"Name", e.name},
           {"DisplayName", e.display_name},
           {"State", EntityStateName(e.state)},
           {"UserRole", e.role},
           {"HiddenFromGlobalAddressList", e.hidden_from_gal}};
  PutString(out, "Email", e.email);
  PutDates(out, e);
  if (e.mailbox_provisioned_date) out["MailboxProvisionedDate"] = e.mailbox_provisioned_date;
  if (e.mailbox_deprovisioned_date) out["MailboxDeprovisionedDate"] = e.mailbox_deprovisioned_date;
  for (auto name : directory::UserAttributeNames())
    if (auto it = e.attributes.find(std::string(name)); it != e.attributes.end()) out[name] = it->second;
  PutString(out, "IdentityProviderUserId", e.identity_provider_user_id);
  PutString(out, "IdentityProviderIdentityStoreId", e.identity_provider_identity_store_id);
  return out;
}

Json UserSummaryJson(const Entity& e) {
  Json out{{"Id", e.id}, {"Name", e.name}, {"State", EntityStateName(e.state)}, {"UserRole", e.role}};
  PutString(out, "Email", e.email);
  PutString(out, "DisplayName", e.display_name);
  PutDates(out, e);
  PutString(out, "IdentityProviderUserId", e.identity_provider_user_id);
  PutString(out, "IdentityProviderIdentityStoreId", e.identity_provider_identity_store_id);
  return out;
}

Json DescribeGroupJson(const Entity& e) {
  Json out{{"GroupId", e.id},
           {"Name", e.name},
           {"State", EntityStateName(e.state)},
           {"HiddenFromGlobalAddressList", e.hidden_from_gal}};
  PutString(out, "Email", e.email);
  PutDates(out, e);
  return out;
}

Json GroupSummaryJson(const Entity& e) {
  Json out{{"Id", e.id}, {"Name", e.name}, {"State", EntityStateName(e.state)}};
  PutString(out, "Email", e.email);
  PutDates(out, e);
  return out;
}

Json DescribeResourceJson(const Entity& e) {
  Json out{{"ResourceId", e.id},
           {"Name", e.name},
           {"Type", e.resource_type},
           {"State", EntityStateName(e.state)},
           {"BookingOptions", Json{{"AutoAcceptRequests", e.booking.auto_accept_requests},
                                   {"AutoDeclineRecurringRequests", e.booking.auto_decline_recurring_requests},
                                   {"AutoDeclineConflictingRequests", e.booking.auto_decline_conflicting_requests}}},
           {"HiddenFromGlobalAddressList", e.hidden_from_gal}};
  PutString(out, "Email", e.email);
  PutString(out, "Description", e.description);
  PutDates(out, e);
  return out;
}

Json ResourceSummaryJson(const Entity& e) {
  Json out{{"Id", e.id}, {"Name", e.name}, {"Type", e.resource_type}, {"State", EntityStateName(e.state)}};
  PutString(out, "Email", e.email);
  PutString(out, "Description", e.description);
  PutDates(out, e);
  return out;
}

Json MemberJson(const Entity& e) {
  Json out{{"Id", e.id}, {"Name", e.name}, {"Type", directory::EntityTypeName(e.type)},
           {"State", EntityStateName(e.state)}};
  PutDates(out, e);
  return out;
}

Json DelegateJson(const Entity& e) { return Json{{"Id", e.id}, {"Type", directory::EntityTypeName(e.type)}}; }

Json GroupIdentifierJson(const Entity& e) { return Json{{"GroupId", e.id}, {"GroupName", e.name}}; }

std::string FilterString(const Json& input, std::string_view member) {
  auto* filters = input.if_contains("Filters");
  return filters && filters->is_object() ? JsonString(filters->as_object(), member) : std::string();
}

std::optional<EntityState> FilterState(const Json& input) {
  auto state = FilterString(input, "State");
  return state.empty() ? std::nullopt : directory::ParseEntityState(state);
}

std::optional<std::string> OptionalString(const Json& input, std::string_view member) {
  auto* v = input.if_contains(member);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

std::optional<bool> OptionalBool(const Json& input, std::string_view member) {
  auto* v = input.if_contains(member);
  if (!v || !v->is_bool()) return std::nullopt;
  return v->as_bool();
}

}  // namespace skerry::admin_api
