#pragma once
// What users, groups and resources share in WorkMail: registration (RegisterToWorkMail gives an
// entity its primary address and, for users and resources, a mailbox; DeregisterFromWorkMail
// takes both away), the primary address, aliases, and DescribeEntity.
//
// Mailboxes belong to the mailbox service, a layer this one must not depend on; the composition
// root passes MailboxHooks instead. Remote users (role REMOTE_USER: their mailbox is hosted
// elsewhere) and groups get no mailbox.
//
// Thread-safe; blocking: call from the blocking pool.

#include <functional>
#include <string>
#include <vector>

#include "directory/entity_store.h"

namespace skerry::directory {

struct MailboxHooks {
  std::function<Result<std::string>(const std::string& org_id)> create;  // returns the mailbox id
  std::function<Status(const std::string& mailbox_id)> destroy;          // crypto-shreds it
};

// Hard limit of the guide's per-user quotas ("Maximum number of aliases per user").
inline constexpr std::size_t kMaxAliasesPerEntity = 100;

class EntityService {
 public:
  EntityService(EntityStore& store, MailboxHooks mailboxes) : store_(store), mailboxes_(std::move(mailboxes)) {}

  // EntityAlreadyRegisteredException when enabled; MailDomainNotFoundException,
  // EmailAddressInUseException. Nothing is left behind on failure (a mailbox made for the call is
  // destroyed again).
  Status Register(const std::string& org_id, const std::string& identifier, const std::string& email);
  // EntityStateException unless enabled. Releases the primary address and the aliases; the
  // mailbox's key is destroyed (its content becomes unreadable at once).
  Status Deregister(const std::string& org_id, const std::string& identifier);
  // The old primary address becomes an alias; when the new one already is an alias of the
  // entity, the two swap (WorkMail API reference, UpdatePrimaryEmailAddress).
  Status UpdatePrimaryEmail(const std::string& org_id, const std::string& identifier, const std::string& email);
  Result<Entity> DescribeByEmail(const std::string& org_id, const std::string& email);

  // EntityStateException unless enabled; LimitExceededException past 100 aliases.
  Status CreateAlias(const std::string& org_id, const std::string& identifier, const std::string& alias);
  // Removing an address the entity does not have succeeds (the operation is idempotent); the
  // primary address cannot be removed (InvalidParameterException).
  Status DeleteAlias(const std::string& org_id, const std::string& identifier, const std::string& alias);
  // Sorted case-insensitively (a stable order for pagination).
  Result<std::vector<std::string>> ListAliases(const std::string& org_id, const std::string& identifier);

  static const std::vector<EntityType>& AnyType();

 private:
  static bool NeedsMailbox(const Entity& e);
  // EntityStateException unless enabled.
  static Status RequireRegistered(const Entity& e);

  EntityStore& store_;
  MailboxHooks mailboxes_;
};

}  // namespace skerry::directory
