#pragma once
// Resources (rooms and equipment, ids r-<32 hex>): creation (DISABLED until registered), their
// booking options and delegates — the users and groups who handle booking requests when
// automatic booking is off (guide, "Editing resource details").
//
// Thread-safe; blocking: call from the blocking pool.

#include <optional>
#include <string>
#include <vector>

#include "directory/entity_store.h"

namespace skerry::directory {

struct CreateResourceRequest {
  std::string name;
  std::string type;  // ROOM or EQUIPMENT
  std::string description;
  bool hidden_from_gal = false;
};

// Absent members stay as they are.
struct UpdateResourceRequest {
  std::optional<std::string> name;
  std::optional<bool> auto_accept_requests;
  std::optional<bool> auto_decline_recurring_requests;
  std::optional<bool> auto_decline_conflicting_requests;
  std::optional<std::string> description;  // "" clears
  std::optional<std::string> type;
  std::optional<bool> hidden_from_gal;
};

using ResourceFilters = NameEmailStateFilter;

class ResourceService {
 public:
  explicit ResourceService(EntityStore& store) : store_(store) {}

  Result<std::string> Create(const std::string& org_id, const CreateResourceRequest& request);
  // EntityStateException while enabled (guide, "Deleting a resource": disable it first).
  Status Delete(const std::string& org_id, const std::string& identifier);
  Result<Entity> Describe(const std::string& org_id, const std::string& identifier);
  // One page in id order after `after_id` (EntityStore::ListMatching).
  Result<EntityPage> ListPage(const std::string& org_id, const ResourceFilters& filters, const std::string& after_id,
                              std::size_t max);
  // NameAvailabilityException when renamed onto a taken name.
  Status Update(const std::string& org_id, const std::string& identifier, const UpdateResourceRequest& request);

  // A user or a group; idempotent.
  Status AddDelegate(const std::string& org_id, const std::string& resource, const std::string& entity);
  // EntityNotFoundException when not a delegate.
  Status RemoveDelegate(const std::string& org_id, const std::string& resource, const std::string& entity);
  // In id order (ids whose entity vanished are skipped).
  Result<std::vector<Entity>> Delegates(const std::string& org_id, const std::string& resource);

 private:
  EntityStore& store_;
};

}  // namespace skerry::directory
