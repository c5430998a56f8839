#pragma once
// Mailbox permissions (wire reference §15 "Mailbox permissions"; administrator guide, "Working
// with mailbox permissions"): FULL_ACCESS, SEND_AS and SEND_ON_BEHALF granted on the mailbox of a
// user or resource to a user or a group. A group's grant extends to its members, including
// members of nested groups; groups cannot hold FULL_ACCESS ("groups don't have a mailbox").
//
// Storage: one sealed OrgDirectory document per mailbox entity ("mailbox-permissions"/<entity
// id>) mapping grantee ids to their permissions. Grants to entities deleted since are skipped
// when read.
//
// Errors carry WorkMail's exception names: EntityNotFoundException for an unknown entity or
// grantee, InvalidParameterException for a group as the mailbox, a resource or the mailbox
// itself as grantee, FULL_ACCESS for a group, an unknown permission; EntityStateException when
// the mailbox entity or the grantee is not enabled (a disabled user has no mailbox);
// OrganizationNotFoundException / OrganizationStateException from EntityStore::RequireOrg.
//
// Thread-safe (read-modify-write under a mutex and the document's version); blocking.

#include <mutex>
#include <string>
#include <vector>

#include "directory/entity_store.h"

namespace skerry::directory {

inline constexpr std::string_view kFullAccess = "FULL_ACCESS";
inline constexpr std::string_view kSendAs = "SEND_AS";
inline constexpr std::string_view kSendOnBehalf = "SEND_ON_BEHALF";

struct PermissionGrant {
  std::string grantee_id;
  EntityType grantee_type = EntityType::kUser;  // kUser or kGroup
  std::vector<std::string> permissions;         // in FULL_ACCESS, SEND_AS, SEND_ON_BEHALF order
};

// What one user may do with one mailbox through grants to the user and to every group containing
// the user (directly or nested). The mailbox's owner is not implied: callers check ownership.
struct MailboxAccess {
  bool full_access = false;
  bool send_as = false;
  bool send_on_behalf = false;
  bool operator==(const MailboxAccess&) const = default;
};

class MailboxPermissions {
 public:
  MailboxPermissions(OrgDirectory& directory, EntityStore& store) : directory_(directory), store_(store) {}

  // Replaces the grantee's permissions (duplicates collapse; an empty list removes the grant).
  Status Put(const std::string& org, const std::string& entity, const std::string& grantee,
             const std::vector<std::string>& permissions);
  // Removing a grant that does not exist succeeds; the grantee must exist.
  Status Delete(const std::string& org, const std::string& entity, const std::string& grantee);
  // Grants on the entity's mailbox, in grantee id order.
  Result<std::vector<PermissionGrant>> List(const std::string& org, const std::string& entity);

  // `mailbox_entity` and `user` are identifiers (id, e-mail or name). EntityNotFoundException
  // when either does not exist.
  Result<MailboxAccess> EffectivePermissions(const std::string& org, const std::string& mailbox_entity,
                                             const std::string& user);

 private:
  Result<Entity> MailboxOwner(const std::string& org, const std::string& identifier);
  Result<Document> Load(const std::string& org, const std::string& entity_id);

  OrgDirectory& directory_;
  EntityStore& store_;
  std::mutex mutex_;
};

}  // namespace skerry::directory
