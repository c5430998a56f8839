#pragma once
// Groups: creation, deletion (only once disabled, as the guide requires), membership of users
// and groups with nesting but no cycles, and the groups an entity belongs to, directly or through
// nested groups.
//
// Membership is kept in the group's document (its direct member ids). A cycle check reads the
// groups reachable from the new member; two concurrent associations could still close a cycle
// between them, so every traversal here also guards against revisiting a group.
//
// Thread-safe; blocking: call from the blocking pool.

#include <optional>
#include <string>
#include <vector>

#include "directory/entity_store.h"

namespace skerry::directory {

using GroupFilters = NameEmailStateFilter;

class GroupService {
 public:
  explicit GroupService(EntityStore& store) : store_(store) {}

  Result<std::string> Create(const std::string& org_id, const std::string& name, bool hidden_from_gal);
  // EntityStateException while enabled.
  Status Delete(const std::string& org_id, const std::string& identifier);
  Result<Entity> Describe(const std::string& org_id, const std::string& identifier);
  // One page in id order after `after_id` (EntityStore::ListMatching).
  Result<EntityPage> ListPage(const std::string& org_id, const GroupFilters& filters, const std::string& after_id,
                              std::size_t max);
  Status Update(const std::string& org_id, const std::string& identifier, std::optional<bool> hidden_from_gal);

  // Idempotent; InvalidParameterException when the member is the group or contains it.
  Status AddMember(const std::string& org_id, const std::string& group, const std::string& member);
  // EntityNotFoundException when the entity is not a direct member.
  Status RemoveMember(const std::string& org_id, const std::string& group, const std::string& member);
  // Direct members in id order (ids whose entity vanished are skipped).
  Result<std::vector<Entity>> Members(const std::string& org_id, const std::string& group);
  // Every group containing the entity, directly or through nested groups, in id order.
  Result<std::vector<Entity>> GroupsOf(const std::string& org_id, const std::string& identifier,
                                       const std::string& name_prefix);

 private:
  EntityStore& store_;
};

}  // namespace skerry::directory
