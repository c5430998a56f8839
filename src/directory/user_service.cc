#include "directory/user_service.h"

#include <fmt/format.h>

#include "base/ids.h"
#include "directory/directory_errors.h"
#include "directory/entity_addresses.h"
#include "directory/password_hash.h"
#include "directory/password_policy.h"

namespace skerry::directory {
namespace {
const std::vector<EntityType> kUser = {EntityType::kUser};
bool HasPrefix(const std::string& s, const std::string& prefix) { return s.starts_with(prefix); }
}  // namespace

Status UserService::CheckRole(const std::string& role) {
  // RESOURCE and SYSTEM_USER are roles WorkMail gives its own entities, never one an
  // administrator may choose.
  if (role != "USER" && role != "REMOTE_USER")
    return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError,
                          fmt::format("Role {} cannot be given to a user; use USER or REMOTE_USER.", role));
  return Ok();
}

Result<std::string> UserService::Create(const std::string& org_id, const CreateUserRequest& request) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  SKERRY_TRY(CheckRole(request.role));
  Entity e;
  e.type = EntityType::kUser;
  if (request.password) {
    SKERRY_TRY(CheckPasswordPolicy(*request.password));
    e.password_hash = SKERRY_TRY(HashPassword(*request.password, store_.random()));
  }
  e.id = NewUuid(store_.random());
  e.name = request.name;
  e.display_name = request.display_name;
  e.role = request.role;
  e.hidden_from_gal = request.hidden_from_gal;
  e.identity_provider_user_id = request.identity_provider_user_id;
  if (!request.first_name.empty()) e.attributes["FirstName"] = request.first_name;
  if (!request.last_name.empty()) e.attributes["LastName"] = request.last_name;
  SKERRY_TRY(store_.Save(org_id, e, {NameClaim(e.name)}));
  return e.id;
}

Status UserService::Delete(const std::string& org_id, const std::string& identifier) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, kUser));
  if (e.state == EntityState::kEnabled)
    return DirectoryError(ErrorCode::kFailedPrecondition, kEntityStateError,
                          "The user is enabled; deregister it from WorkMail before deleting it.");
  return store_.Remove(org_id, e);
}

Result<Entity> UserService::Describe(const std::string& org_id, const std::string& identifier) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  return store_.Resolve(org_id, identifier, kUser);
}

namespace {
bool Matches(const Entity& e, const UserFilters& f) {
  return HasPrefix(e.name, f.username_prefix) && HasPrefix(e.display_name, f.display_name_prefix) &&
         HasPrefix(e.email, f.primary_email_prefix) &&
         HasPrefix(e.identity_provider_user_id, f.identity_provider_user_id_prefix) &&
         (!f.state || e.state == *f.state);
}
}  // namespace

Result<EntityPage> UserService::ListPage(const std::string& org_id, const UserFilters& f, const std::string& after_id,
                                        std::size_t max) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  return store_.ListMatching(org_id, EntityType::kUser, after_id, max, [&f](const Entity& e) { return Matches(e, f); });
}

Status UserService::Update(const std::string& org_id, const std::string& identifier, const UpdateUserRequest& r) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, kUser));
  if (r.role && *r.role != e.role) {
    SKERRY_TRY(CheckRole(*r.role));
    if (e.state == EntityState::kEnabled)
      return DirectoryError(ErrorCode::kFailedPrecondition, kEntityStateError,
                            "The role of an enabled user cannot change; deregister it first.");
    e.role = *r.role;
  }
  if (r.display_name) e.display_name = *r.display_name;
  if (r.hidden_from_gal) e.hidden_from_gal = *r.hidden_from_gal;
  if (r.identity_provider_user_id) e.identity_provider_user_id = *r.identity_provider_user_id;
  for (const auto& [k, v] : r.attributes) {
    if (v.empty()) e.attributes.erase(k);
    else e.attributes[k] = v;
  }
  return store_.Save(org_id, e);
}

Status UserService::ResetPassword(const std::string& org_id, const std::string& identifier,
                                  const std::string& password) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, kUser));
  SKERRY_TRY(CheckPasswordPolicy(password));
  e.password_hash = SKERRY_TRY(HashPassword(password, store_.random()));
  return store_.Save(org_id, e);
}

Status UserService::UpdateMailboxQuota(const std::string& org_id, const std::string& identifier,
                                       std::int64_t quota_mb) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  // The guide's range; the model declares only the minimum.
  if (quota_mb < 1 || quota_mb > kMaxMailboxQuotaMb)
    return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError,
                          fmt::format("MailboxQuota must be between 1 and {} MB.", kMaxMailboxQuotaMb));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, kUser));
  if (e.state != EntityState::kEnabled || e.mailbox_id.empty())
    return DirectoryError(ErrorCode::kFailedPrecondition, kEntityStateError, "The user has no mailbox.");
  e.mailbox_quota_mb = quota_mb;
  return store_.Save(org_id, e);
}

}  // namespace skerry::directory
