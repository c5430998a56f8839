#include "directory/group_service.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/ids.h"
#include "directory/directory_errors.h"
#include "directory/entity_addresses.h"

namespace skerry::directory {
namespace {
const std::vector<EntityType> kGroup = {EntityType::kGroup};
const std::vector<EntityType> kMemberTypes = {EntityType::kUser, EntityType::kGroup};
}  // namespace

Result<std::string> GroupService::Create(const std::string& org_id, const std::string& name, bool hidden) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  Entity e;
  e.type = EntityType::kGroup;
  e.id = NewUuid(store_.random());
  e.name = name;
  e.hidden_from_gal = hidden;
  SKERRY_TRY(store_.Save(org_id, e, {NameClaim(name)}));
  return e.id;
}

Status GroupService::Delete(const std::string& org_id, const std::string& identifier) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, kGroup));
  // Guide, "Deleting a group": "Before you can delete a group, you must first disable that group."
  if (e.state == EntityState::kEnabled)
    return DirectoryError(ErrorCode::kFailedPrecondition, kEntityStateError,
                          "The group is enabled; deregister it from WorkMail before deleting it.");
  return store_.Remove(org_id, e);
}

Result<Entity> GroupService::Describe(const std::string& org_id, const std::string& identifier) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  return store_.Resolve(org_id, identifier, kGroup);
}

Result<EntityPage> GroupService::ListPage(const std::string& org_id, const GroupFilters& f, const std::string& after_id,
                                          std::size_t max) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  return store_.ListMatching(org_id, EntityType::kGroup, after_id, max, [&f](const Entity& e) { return f.Matches(e); });
}

Status GroupService::Update(const std::string& org_id, const std::string& identifier, std::optional<bool> hidden) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, kGroup));
  if (hidden) e.hidden_from_gal = *hidden;
  return store_.Save(org_id, e);
}

Status GroupService::AddMember(const std::string& org_id, const std::string& group, const std::string& member) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto g = SKERRY_TRY(store_.Resolve(org_id, group, kGroup));
  auto m = SKERRY_TRY(store_.Resolve(org_id, member, kMemberTypes));
  if (std::find(g.members.begin(), g.members.end(), m.id) != g.members.end()) return Ok();
  if (m.type == EntityType::kGroup) {
    // Would `g` become its own member? Walk down from the new member.
    std::set<std::string> seen;
    std::vector<std::string> todo{m.id};
    while (!todo.empty()) {
      auto id = std::move(todo.back());
      todo.pop_back();
      if (id == g.id)
        return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError,
                              fmt::format("Adding group {} to group {} would make a group its own member.", m.id, g.id));
      if (!seen.insert(id).second) continue;
      auto sub = store_.Get(org_id, EntityType::kGroup, id);
      if (!sub) {
        if (sub.error().code == ErrorCode::kNotFound) continue;  // a user, or gone
        return tl::unexpected(sub.error());
      }
      for (const auto& child : sub->members) todo.push_back(child);
    }
  }
  g.members.push_back(m.id);
  return store_.Save(org_id, g);
}

Status GroupService::RemoveMember(const std::string& org_id, const std::string& group, const std::string& member) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto g = SKERRY_TRY(store_.Resolve(org_id, group, kGroup));
  auto m = SKERRY_TRY(store_.Resolve(org_id, member, kMemberTypes));
  auto it = std::find(g.members.begin(), g.members.end(), m.id);
  if (it == g.members.end())
    return DirectoryError(ErrorCode::kNotFound, kEntityNotFoundError,
                          fmt::format("{} is not a member of group {}.", m.id, g.id));
  g.members.erase(it);
  return store_.Save(org_id, g);
}

Result<std::vector<Entity>> GroupService::Members(const std::string& org_id, const std::string& group) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto g = SKERRY_TRY(store_.Resolve(org_id, group, kGroup));
  auto ids = g.members;
  std::sort(ids.begin(), ids.end());
  std::vector<Entity> out;
  for (const auto& id : ids) {
    auto m = store_.Resolve(org_id, id, kMemberTypes);
    if (m) out.push_back(std::move(*m));
    else if (m.error().code != ErrorCode::kNotFound) return tl::unexpected(m.error());
  }
  return out;
}

Result<std::vector<Entity>> GroupService::GroupsOf(const std::string& org_id, const std::string& identifier,
                                                   const std::string& name_prefix) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto entity = SKERRY_TRY(store_.Resolve(org_id, identifier, kMemberTypes));
  auto groups = SKERRY_TRY(store_.ListAll(org_id, EntityType::kGroup));
  std::multimap<std::string, std::size_t> parents;  // member id -> index of a group holding it
  for (std::size_t i = 0; i < groups.size(); ++i)
    for (const auto& m : groups[i].members) parents.emplace(m, i);
  std::set<std::size_t> found;
  std::vector<std::string> todo{entity.id};
  while (!todo.empty()) {
    auto id = std::move(todo.back());
    todo.pop_back();
    auto [lo, hi] = parents.equal_range(id);
    for (auto it = lo; it != hi; ++it)
      if (found.insert(it->second).second) todo.push_back(groups[it->second].id);
  }
  std::vector<Entity> out;
  for (auto i : found)  // groups came in id order, so the set of indexes keeps it
    if (groups[i].id != entity.id && groups[i].name.starts_with(name_prefix)) out.push_back(std::move(groups[i]));
  return out;
}

}  // namespace skerry::directory
