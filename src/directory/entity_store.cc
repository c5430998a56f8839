#include "directory/entity_store.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/ids.h"
#include "directory/directory_errors.h"
#include "directory/entity_addresses.h"

namespace skerry::directory {

Result<OrgInfo> EntityStore::RequireOrg(const std::string& org_id) {
  auto org = orgs_(org_id);
  if (!org) {
    if (org.error().code == ErrorCode::kNotFound)
      return DirectoryError(ErrorCode::kNotFound, kOrganizationNotFoundError, "The organization does not exist.");
    return tl::unexpected(org.error());
  }
  if (!org->active)
    return DirectoryError(ErrorCode::kFailedPrecondition, kOrganizationStateError,
                          "The organization is deleted.");
  return org;
}

Status EntityStore::RequireDomain(const std::string& org_id, const OrgInfo& org, const std::string& address) {
  auto domain = DomainOf(address);  // lowercased
  if (domain == org.test_domain) return Ok();
  if (domains_) return domains_(org_id, domain);
  return DirectoryError(ErrorCode::kNotFound, kMailDomainNotFoundError,
                        fmt::format("The domain {} is not a mail domain of the organization.", domain));
}

Result<Entity> EntityStore::Get(const std::string& org_id, EntityType type, const std::string& id) {
  auto doc = directory_.Get(org_id, std::string(DocumentKind(type)), id);
  if (!doc) {
    if (doc.error().code == ErrorCode::kNotFound)
      return DirectoryError(ErrorCode::kNotFound, kEntityNotFoundError,
                            fmt::format("The {} {} does not exist.", DocumentKind(type), id));
    return tl::unexpected(doc.error());
  }
  return EntityFromJson(type, doc->id, doc->body, doc->version);
}

Result<std::optional<Entity>> EntityStore::TryTypes(const std::string& org_id, const std::string& id,
                                                    const std::vector<EntityType>& types) {
  for (auto type : types) {
    auto e = Get(org_id, type, id);
    if (e) return std::optional<Entity>(std::move(*e));
    if (e.error().code != ErrorCode::kNotFound) return tl::unexpected(e.error());
  }
  return std::optional<Entity>();
}

Result<Entity> EntityStore::Resolve(const std::string& org_id, const std::string& identifier,
                                    const std::vector<EntityType>& types) {
  // Ids first: they are what both models' clients send most, and need no index lookup.
  if (IsUuid(identifier) || identifier.starts_with("r-")) {
    if (auto found = SKERRY_TRY(TryTypes(org_id, identifier, types))) return std::move(*found);
  }
  std::vector<Claim> claims;
  if (identifier.find('@') != std::string::npos) claims.push_back(EmailClaim(identifier));
  claims.push_back(NameClaim(identifier));  // names may contain '@' too (UserName pattern)
  for (const auto& claim : claims) {
    auto id = SKERRY_TRY(directory_.Find(org_id, claim));
    if (!id) continue;
    if (auto found = SKERRY_TRY(TryTypes(org_id, *id, types))) return std::move(*found);
  }
  return DirectoryError(ErrorCode::kNotFound, kEntityNotFoundError,
                        fmt::format("The entity {} does not exist.", identifier));
}

Result<std::optional<Entity>> EntityStore::FindByEmail(const std::string& org_id, const std::string& address) {
  auto id = SKERRY_TRY(directory_.Find(org_id, EmailClaim(address)));
  if (!id) return std::optional<Entity>();
  return TryTypes(org_id, *id, {EntityType::kUser, EntityType::kGroup, EntityType::kResource});
}

Result<std::vector<Entity>> EntityStore::ListAll(const std::string& org_id, EntityType type) {
  auto docs = SKERRY_TRY(directory_.ListAll(org_id, std::string(DocumentKind(type))));
  std::vector<Entity> out;
  out.reserve(docs.size());
  for (const auto& d : docs) out.push_back(SKERRY_TRY(EntityFromJson(type, d.id, d.body, d.version)));
  return out;
}

Result<EntityPage> EntityStore::ListMatching(const std::string& org_id, EntityType type, const std::string& after_id,
                                             std::size_t max, const std::function<bool(const Entity&)>& keep) {
  const std::string kind(DocumentKind(type));
  const std::size_t chunk = std::max<std::size_t>(max + 1, 200);
  EntityPage page;
  std::string after = after_id;
  for (;;) {
    auto docs = SKERRY_TRY(directory_.List(org_id, kind, after, chunk));
    for (const auto& d : docs) {
      auto e = SKERRY_TRY(EntityFromJson(type, d.id, d.body, d.version));
      if (!keep(e)) continue;
      if (page.entities.size() == max) {
        page.more = true;
        return page;
      }
      page.entities.push_back(std::move(e));
    }
    if (docs.size() < chunk) return page;
    after = docs.back().id;
  }
}

Status EntityStore::Save(const std::string& org_id, Entity& entity, const std::vector<Claim>& claims,
                         const std::vector<Claim>& releases) {
  Document doc{entity.id, EntityToJson(entity), entity.version};
  auto put = directory_.Put(org_id, std::string(DocumentKind(entity.type)), doc, claims, releases, entity.version);
  if (!put) {
    const auto& e = put.error();
    if (e.code == ErrorCode::kAlreadyExists && e.detail.starts_with(kEmailClaim))
      return DirectoryError(e.code, kEmailAddressInUseError, "The email address is already in use in the organization.");
    if (e.code == ErrorCode::kAlreadyExists && e.detail.starts_with(kNameClaim))
      return DirectoryError(e.code, kNameAvailabilityError,
                            fmt::format("The name {} is already used by a user, group or resource.", entity.name));
    if (e.code == ErrorCode::kFailedPrecondition)
      return DirectoryError(e.code, kEntityStateError, "The entity was changed concurrently; retry.");
    return tl::unexpected(e);
  }
  entity.version = doc.version;
  return Ok();
}

Status EntityStore::ForgetReferences(const std::string& org_id, const std::string& id) {
  for (auto type : {EntityType::kGroup, EntityType::kResource}) {
    for (auto& e : SKERRY_TRY(ListAll(org_id, type))) {
      auto& list = type == EntityType::kGroup ? e.members : e.delegates;
      auto it = std::find(list.begin(), list.end(), id);
      if (it == list.end()) continue;
      list.erase(it);
      SKERRY_TRY(Save(org_id, e));
    }
  }
  return Ok();
}

Status EntityStore::Remove(const std::string& org_id, const Entity& entity) {
  if (entity.type != EntityType::kResource) SKERRY_TRY(ForgetReferences(org_id, entity.id));
  return directory_.Delete(org_id, std::string(DocumentKind(entity.type)), entity.id);
}

std::int64_t EntityStore::NowSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
}

}  // namespace skerry::directory
