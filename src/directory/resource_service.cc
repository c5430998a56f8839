#include "directory/resource_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/ids.h"
#include "directory/directory_errors.h"
#include "directory/entity_addresses.h"

namespace skerry::directory {
namespace {
const std::vector<EntityType> kResource = {EntityType::kResource};
const std::vector<EntityType> kDelegateTypes = {EntityType::kUser, EntityType::kGroup};

Status CheckType(const std::string& type) {
  if (type != "ROOM" && type != "EQUIPMENT")
    return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError, "Type must be ROOM or EQUIPMENT.");
  return Ok();
}
}  // namespace

Result<std::string> ResourceService::Create(const std::string& org_id, const CreateResourceRequest& r) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  SKERRY_TRY(CheckType(r.type));
  Entity e;
  e.type = EntityType::kResource;
  e.id = NewResourceId(store_.random());
  e.name = r.name;
  e.resource_type = r.type;
  e.description = r.description;
  e.hidden_from_gal = r.hidden_from_gal;
  SKERRY_TRY(store_.Save(org_id, e, {NameClaim(r.name)}));
  return e.id;
}

Status ResourceService::Delete(const std::string& org_id, const std::string& identifier) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, kResource));
  if (e.state == EntityState::kEnabled)
    return DirectoryError(ErrorCode::kFailedPrecondition, kEntityStateError,
                          "The resource is enabled; deregister it from WorkMail before deleting it.");
  return store_.Remove(org_id, e);
}

Result<Entity> ResourceService::Describe(const std::string& org_id, const std::string& identifier) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  return store_.Resolve(org_id, identifier, kResource);
}

Result<EntityPage> ResourceService::ListPage(const std::string& org_id, const ResourceFilters& f, const std::string& after_id,
                                          std::size_t max) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  return store_.ListMatching(org_id, EntityType::kResource, after_id, max, [&f](const Entity& e) { return f.Matches(e); });
}

Status ResourceService::Update(const std::string& org_id, const std::string& identifier,
                               const UpdateResourceRequest& r) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, kResource));
  if (r.type) {
    SKERRY_TRY(CheckType(*r.type));
    e.resource_type = *r.type;
  }
  std::vector<Claim> claims, releases;
  if (r.name && *r.name != e.name) {
    if (AsciiLower(*r.name) != AsciiLower(e.name)) {
      claims.push_back(NameClaim(*r.name));
      releases.push_back(NameClaim(e.name));
    }
    e.name = *r.name;
  }
  if (r.auto_accept_requests) e.booking.auto_accept_requests = *r.auto_accept_requests;
  if (r.auto_decline_recurring_requests) e.booking.auto_decline_recurring_requests = *r.auto_decline_recurring_requests;
  if (r.auto_decline_conflicting_requests)
    e.booking.auto_decline_conflicting_requests = *r.auto_decline_conflicting_requests;
  if (r.description) e.description = *r.description;
  if (r.hidden_from_gal) e.hidden_from_gal = *r.hidden_from_gal;
  return store_.Save(org_id, e, claims, releases);
}

Status ResourceService::AddDelegate(const std::string& org_id, const std::string& resource, const std::string& entity) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto r = SKERRY_TRY(store_.Resolve(org_id, resource, kResource));
  auto d = SKERRY_TRY(store_.Resolve(org_id, entity, kDelegateTypes));
  if (std::find(r.delegates.begin(), r.delegates.end(), d.id) != r.delegates.end()) return Ok();
  r.delegates.push_back(d.id);
  return store_.Save(org_id, r);
}

Status ResourceService::RemoveDelegate(const std::string& org_id, const std::string& resource,
                                       const std::string& entity) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto r = SKERRY_TRY(store_.Resolve(org_id, resource, kResource));
  auto d = SKERRY_TRY(store_.Resolve(org_id, entity, kDelegateTypes));
  auto it = std::find(r.delegates.begin(), r.delegates.end(), d.id);
  if (it == r.delegates.end())
    return DirectoryError(ErrorCode::kNotFound, kEntityNotFoundError,
                          fmt::format("{} is not a delegate of resource {}.", d.id, r.id));
  r.delegates.erase(it);
  return store_.Save(org_id, r);
}

Result<std::vector<Entity>> ResourceService::Delegates(const std::string& org_id, const std::string& resource) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto r = SKERRY_TRY(store_.Resolve(org_id, resource, kResource));
  auto ids = r.delegates;
  std::sort(ids.begin(), ids.end());
  std::vector<Entity> out;
  for (const auto& id : ids) {
    auto d = store_.Resolve(org_id, id, kDelegateTypes);
    if (d) out.push_back(std::move(*d));
    else if (d.error().code != ErrorCode::kNotFound) return tl::unexpected(d.error());
  }
  return out;
}

}  // namespace skerry::directory
