#include "directory/entity_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "directory/directory_errors.h"
#include "directory/entity_addresses.h"

namespace skerry::directory {
namespace {
bool SameAddress(const std::string& a, const std::string& b) { return AsciiLower(a) == AsciiLower(b); }
}  // namespace

const std::vector<EntityType>& EntityService::AnyType() {
  static const std::vector<EntityType> kAll = {EntityType::kUser, EntityType::kGroup, EntityType::kResource};
  return kAll;
}

Status EntityService::RequireRegistered(const Entity& e) {
  if (e.state != EntityState::kEnabled)
    return DirectoryError(ErrorCode::kFailedPrecondition, kEntityStateError,
                          fmt::format("The {} {} is not registered to WorkMail.", DocumentKind(e.type), e.id));
  return Ok();
}

bool EntityService::NeedsMailbox(const Entity& e) {
  return e.type == EntityType::kResource || (e.type == EntityType::kUser && e.role != "REMOTE_USER");
}

Status EntityService::Register(const std::string& org_id, const std::string& identifier, const std::string& email) {
  auto org = SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, AnyType()));
  if (e.state == EntityState::kEnabled)
    return DirectoryError(ErrorCode::kFailedPrecondition, kEntityAlreadyRegisteredError,
                          fmt::format("The {} {} is already registered.", DocumentKind(e.type), e.id));
  SKERRY_TRY(store_.RequireDomain(org_id, org, email));
  // Refuse a taken address before making a mailbox, so the common failure costs nothing; the
  // claim in Save still decides a race.
  if (SKERRY_TRY(store_.FindByEmail(org_id, email)))
    return DirectoryError(ErrorCode::kAlreadyExists, kEmailAddressInUseError,
                          fmt::format("The email address {} is already in use.", email));
  auto now = store_.NowSeconds();
  std::string mailbox;
  if (NeedsMailbox(e)) {
    mailbox = SKERRY_TRY(mailboxes_.create(org_id));
    e.mailbox_id = mailbox;
    e.mailbox_provisioned_date = now;
    e.mailbox_deprovisioned_date = 0;
  }
  e.state = EntityState::kEnabled;
  e.enabled_date = now;
  e.email = email;
  auto saved = store_.Save(org_id, e, {EmailClaim(email)});
  if (!saved && !mailbox.empty()) (void)mailboxes_.destroy(mailbox);  // the saved error is the one to report
  return saved;
}

Status EntityService::Deregister(const std::string& org_id, const std::string& identifier) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, AnyType()));
  SKERRY_TRY(RequireRegistered(e));
  std::vector<Claim> releases;
  if (!e.email.empty()) releases.push_back(EmailClaim(e.email));
  for (const auto& a : e.aliases) releases.push_back(EmailClaim(a));
  auto now = store_.NowSeconds();
  std::string mailbox = std::exchange(e.mailbox_id, std::string());
  if (!mailbox.empty()) e.mailbox_deprovisioned_date = now;
  e.state = EntityState::kDisabled;
  e.disabled_date = now;
  e.email.clear();
  e.aliases.clear();
  // The document first: once it no longer names the mailbox nothing can deliver to it, and a
  // failed destroy below leaves an orphaned key, never an enabled entity with a shredded mailbox.
  SKERRY_TRY(store_.Save(org_id, e, {}, releases));
  if (!mailbox.empty()) SKERRY_TRY(mailboxes_.destroy(mailbox));
  return Ok();
}

Status EntityService::UpdatePrimaryEmail(const std::string& org_id, const std::string& identifier,
                                         const std::string& email) {
  auto org = SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, AnyType()));
  SKERRY_TRY(RequireRegistered(e));
  SKERRY_TRY(store_.RequireDomain(org_id, org, email));
  if (SameAddress(e.email, email)) {
    e.email = email;  // a change of case only
    return store_.Save(org_id, e);
  }
  auto alias = std::find_if(e.aliases.begin(), e.aliases.end(), [&](const auto& a) { return SameAddress(a, email); });
  if (alias != e.aliases.end()) {
    *alias = std::exchange(e.email, email);  // both claims already belong to the entity
    return store_.Save(org_id, e);
  }
  e.aliases.push_back(std::exchange(e.email, email));
  return store_.Save(org_id, e, {EmailClaim(email)});
}

Result<Entity> EntityService::DescribeByEmail(const std::string& org_id, const std::string& email) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.FindByEmail(org_id, email));
  if (!e)
    return DirectoryError(ErrorCode::kNotFound, kEntityNotFoundError,
                          fmt::format("No entity has the email address {}.", email));
  return std::move(*e);
}

Status EntityService::CreateAlias(const std::string& org_id, const std::string& identifier, const std::string& alias) {
  auto org = SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, AnyType()));
  SKERRY_TRY(RequireRegistered(e));
  SKERRY_TRY(store_.RequireDomain(org_id, org, alias));
  if (std::any_of(e.aliases.begin(), e.aliases.end(), [&](const auto& a) { return SameAddress(a, alias); }))
    return Ok();  // already there: CreateAlias is idempotent
  if (e.aliases.size() >= kMaxAliasesPerEntity)
    return DirectoryError(ErrorCode::kResourceExhausted, kLimitExceededError,
                          fmt::format("An entity can have at most {} aliases.", kMaxAliasesPerEntity));
  if (SameAddress(e.email, alias))
    return DirectoryError(ErrorCode::kAlreadyExists, kEmailAddressInUseError,
                          fmt::format("{} is the entity's primary email address.", alias));
  e.aliases.push_back(alias);
  return store_.Save(org_id, e, {EmailClaim(alias)});
}

Status EntityService::DeleteAlias(const std::string& org_id, const std::string& identifier, const std::string& alias) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, AnyType()));
  if (SameAddress(e.email, alias))
    return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError,
                          "The primary email address cannot be removed; make another address primary first.");
  auto it = std::find_if(e.aliases.begin(), e.aliases.end(), [&](const auto& a) { return SameAddress(a, alias); });
  if (it == e.aliases.end()) return Ok();
  e.aliases.erase(it);
  return store_.Save(org_id, e, {}, {EmailClaim(alias)});
}

Result<std::vector<std::string>> EntityService::ListAliases(const std::string& org_id, const std::string& identifier) {
  SKERRY_TRY(store_.RequireOrg(org_id));
  auto e = SKERRY_TRY(store_.Resolve(org_id, identifier, AnyType()));
  auto aliases = e.aliases;
  std::sort(aliases.begin(), aliases.end(), [](const auto& a, const auto& b) { return AsciiLower(a) < AsciiLower(b); });
  return aliases;
}

}  // namespace skerry::directory
