#include "directory/mailbox_permissions.h"

#include <algorithm>
#include <array>

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include "directory/directory_errors.h"
#include "directory/group_service.h"

namespace skerry::directory {
namespace json = boost::json;
namespace {

constexpr std::string_view kKind = "mailbox-permissions";
constexpr std::array<std::string_view, 3> kOrder = {kFullAccess, kSendAs, kSendOnBehalf};
const std::vector<EntityType> kAnyType = {EntityType::kUser, EntityType::kGroup, EntityType::kResource};

tl::unexpected<Error> Invalid(const std::string& message) {
  return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError, message);
}

std::vector<std::string> StoredPermissions(const json::value& v) {
  std::vector<std::string> out;
  if (v.is_array())
    for (const auto& p : v.as_array())
      if (p.is_string()) out.emplace_back(p.as_string());
  return out;
}

}  // namespace

Result<Entity> MailboxPermissions::MailboxOwner(const std::string& org, const std::string& identifier) {
  SKERRY_TRY(store_.RequireOrg(org));
  auto entity = SKERRY_TRY(store_.Resolve(org, identifier, kAnyType));
  if (entity.type == EntityType::kGroup) return Invalid(fmt::format("{} is a group; groups have no mailbox", identifier));
  return entity;
}

Result<Document> MailboxPermissions::Load(const std::string& org, const std::string& entity_id) {
  auto doc = directory_.Get(org, std::string(kKind), entity_id);
  if (doc) return doc;
  if (doc.error().code != ErrorCode::kNotFound) return tl::unexpected(doc.error());
  return Document{entity_id, {{"Grants", json::object{}}}, 0};
}

Status MailboxPermissions::Put(const std::string& org, const std::string& entity, const std::string& grantee,
                               const std::vector<std::string>& permissions) {
  auto owner = SKERRY_TRY(MailboxOwner(org, entity));
  if (owner.state != EntityState::kEnabled || owner.mailbox_id.empty())
    return DirectoryError(ErrorCode::kFailedPrecondition, kEntityStateError,
                          fmt::format("{} has no mailbox: it is not enabled", entity));
  auto who = SKERRY_TRY(store_.Resolve(org, grantee, kAnyType));
  if (who.type == EntityType::kResource) return Invalid("permissions are granted to users and groups only");
  if (who.id == owner.id) return Invalid("an entity cannot be granted permissions on its own mailbox");
  if (who.state != EntityState::kEnabled)
    return DirectoryError(ErrorCode::kFailedPrecondition, kEntityStateError, fmt::format("{} is not enabled", grantee));
  json::array values;
  for (auto name : kOrder)
    if (std::find(permissions.begin(), permissions.end(), name) != permissions.end()) values.emplace_back(name);
  for (const auto& p : permissions)
    if (std::find(kOrder.begin(), kOrder.end(), p) == kOrder.end()) return Invalid("unknown permission " + p);
  if (who.type == EntityType::kGroup &&
      std::find(permissions.begin(), permissions.end(), kFullAccess) != permissions.end())
    return Invalid("groups cannot be granted FULL_ACCESS");
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org, owner.id));
  auto& grants = doc.body["Grants"];
  if (!grants.is_object()) grants = json::object{};
  if (values.empty())
    grants.as_object().erase(who.id);
  else
    grants.as_object()[who.id] = std::move(values);
  return directory_.Put(org, std::string(kKind), doc, {}, {}, doc.version);
}

Status MailboxPermissions::Delete(const std::string& org, const std::string& entity, const std::string& grantee) {
  auto owner = SKERRY_TRY(MailboxOwner(org, entity));
  auto who = SKERRY_TRY(store_.Resolve(org, grantee, kAnyType));
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(Load(org, owner.id));
  auto* grants = doc.body.if_contains("Grants");
  if (!grants || !grants->is_object() || !grants->as_object().erase(who.id)) return Ok();
  return directory_.Put(org, std::string(kKind), doc, {}, {}, doc.version);
}

Result<std::vector<PermissionGrant>> MailboxPermissions::List(const std::string& org, const std::string& entity) {
  auto owner = SKERRY_TRY(MailboxOwner(org, entity));
  Document doc;
  {
    std::lock_guard lock(mutex_);
    doc = SKERRY_TRY(Load(org, owner.id));
  }
  std::vector<PermissionGrant> out;
  auto* grants = doc.body.if_contains("Grants");
  if (!grants || !grants->is_object()) return out;
  for (const auto& [id, perms] : grants->as_object()) {
    auto who = store_.Resolve(org, std::string(id), {EntityType::kUser, EntityType::kGroup});
    if (!who) {
      if (who.error().code == ErrorCode::kNotFound) continue;  // deleted since
      return tl::unexpected(who.error());
    }
    out.push_back({who->id, who->type, StoredPermissions(perms)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.grantee_id < b.grantee_id; });
  return out;
}

Result<MailboxAccess> MailboxPermissions::EffectivePermissions(const std::string& org, const std::string& mailbox_entity,
                                                               const std::string& user) {
  auto grants = SKERRY_TRY(List(org, mailbox_entity));
  auto who = SKERRY_TRY(store_.Resolve(org, user, {EntityType::kUser}));
  GroupService groups(store_);
  auto containing = SKERRY_TRY(groups.GroupsOf(org, who.id, ""));
  MailboxAccess access;
  for (const auto& g : grants) {
    bool applies = g.grantee_id == who.id ||
                   std::any_of(containing.begin(), containing.end(), [&](const auto& e) { return e.id == g.grantee_id; });
    if (!applies) continue;
    for (const auto& p : g.permissions) {
      if (p == kFullAccess && g.grantee_type == EntityType::kUser) access.full_access = true;
      if (p == kSendAs) access.send_as = true;
      if (p == kSendOnBehalf) access.send_on_behalf = true;
    }
  }
  return access;
}

}  // namespace skerry::directory
