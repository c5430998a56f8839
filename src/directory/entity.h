#pragma once
// One directory entity — a user, a group or a resource — as the WorkMail API sees it, and its
// JSON form (the body of a sealed OrgDirectory document of kind "user", "group" or "resource").
// Plain data: no I/O, no validation beyond what parsing a stored document needs.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "base/error.h"

namespace skerry::directory {

enum class EntityType { kUser, kGroup, kResource };
// WorkMail's EntityState. A deleted entity's document is removed, so kDeleted never persists.
enum class EntityState { kEnabled, kDisabled, kDeleted };

std::string_view EntityTypeName(EntityType type);    // "USER", "GROUP", "RESOURCE"
std::string_view DocumentKind(EntityType type);      // "user", "group", "resource"
std::string_view EntityStateName(EntityState state); // "ENABLED", "DISABLED", "DELETED"
std::optional<EntityState> ParseEntityState(std::string_view name);

// WorkMail's BookingOptions and their defaults for a new resource.
struct BookingOptions {
  bool auto_accept_requests = true;
  bool auto_decline_recurring_requests = false;
  bool auto_decline_conflicting_requests = true;
};

inline constexpr std::int64_t kDefaultMailboxQuotaMb = 51200;  // guide: 1..51,200 MB (50 GB)

struct Entity {
  EntityType type = EntityType::kUser;
  std::string id;
  std::string name;
  std::string email;                 // primary address; empty while not registered
  std::vector<std::string> aliases;  // further addresses, as given (claims are lowercased)
  EntityState state = EntityState::kDisabled;
  std::int64_t enabled_date = 0;  // unix seconds, 0 = never
  std::int64_t disabled_date = 0;
  bool hidden_from_gal = false;
  std::uint64_t version = 0;  // of the stored document, for optimistic updates

  // Users and resources: the mailbox while registered.
  std::string mailbox_id;
  std::int64_t mailbox_provisioned_date = 0;
  std::int64_t mailbox_deprovisioned_date = 0;

  // Users.
  std::string display_name;
  std::string role = "USER";  // WorkMail UserRole
  std::string password_hash;  // argon2id encoded string; empty: no password set
  std::int64_t mailbox_quota_mb = kDefaultMailboxQuotaMb;
  std::string identity_provider_user_id;
  std::string identity_provider_identity_store_id;
  // FirstName, LastName, Initials, Telephone, Street, JobTitle, City, Company, ZipCode,
  // Department, Country, Office — keyed by their WorkMail member names.
  std::map<std::string, std::string> attributes;

  // Groups: direct members (user and group ids).
  std::vector<std::string> members;

  // Resources.
  std::string resource_type;  // ROOM or EQUIPMENT
  std::string description;
  BookingOptions booking;
  std::vector<std::string> delegates;  // user and group ids
};

// The personal-data members UpdateUser may set, in DescribeUser's order.
const std::vector<std::string_view>& UserAttributeNames();

boost::json::object EntityToJson(const Entity& entity);
// kCorrupt when a stored document lacks what every entity has.
Result<Entity> EntityFromJson(EntityType type, const std::string& id, const boost::json::object& body,
                              std::uint64_t version);

}  // namespace skerry::directory
