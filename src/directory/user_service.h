#pragma once
// Users of an organization's built-in directory (WorkMail's CreateUser, DeleteUser,
// DescribeUser, ListUsers, UpdateUser, ResetPassword and the mailbox quota). A new user is
// DISABLED until EntityService::Register gives it an address and a mailbox.
//
// Thread-safe; blocking (argon2id hashing, store): call from the blocking pool.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "directory/entity_store.h"

namespace skerry::directory {

struct CreateUserRequest {
  std::string name;
  std::string display_name;
  std::optional<std::string> password;  // the newer model makes it optional
  std::string role = "USER";            // USER or REMOTE_USER
  std::string first_name;
  std::string last_name;
  bool hidden_from_gal = false;
  std::string identity_provider_user_id;
};

// Members absent from UpdateUser stay as they are; an empty string clears a text member.
struct UpdateUserRequest {
  std::optional<std::string> role;
  std::optional<std::string> display_name;
  std::optional<bool> hidden_from_gal;
  std::optional<std::string> identity_provider_user_id;
  std::map<std::string, std::string> attributes;  // UserAttributeNames() members present
};

struct UserFilters {
  std::string username_prefix;      // case-sensitive, as the console's search
  std::string display_name_prefix;
  std::string primary_email_prefix;
  std::optional<EntityState> state;
  std::string identity_provider_user_id_prefix;
};

inline constexpr std::int64_t kMaxMailboxQuotaMb = 51200;

class UserService {
 public:
  explicit UserService(EntityStore& store) : store_(store) {}

  // NameAvailabilityException, InvalidPasswordException, InvalidParameterException (role).
  Result<std::string> Create(const std::string& org_id, const CreateUserRequest& request);
  // EntityStateException while enabled (deregister first, as in the console).
  Status Delete(const std::string& org_id, const std::string& identifier);
  Result<Entity> Describe(const std::string& org_id, const std::string& identifier);
  // One page in id order after `after_id` (EntityStore::ListMatching).
  Result<EntityPage> ListPage(const std::string& org_id, const UserFilters& filters, const std::string& after_id,
                              std::size_t max);
  // A role change is refused while enabled: registration decided whether the user has a mailbox.
  Status Update(const std::string& org_id, const std::string& identifier, const UpdateUserRequest& request);
  Status ResetPassword(const std::string& org_id, const std::string& identifier, const std::string& password);
  // InvalidParameterException outside 1..51200 MB; EntityStateException unless enabled.
  Status UpdateMailboxQuota(const std::string& org_id, const std::string& identifier, std::int64_t quota_mb);

 private:
  static Status CheckRole(const std::string& role);

  EntityStore& store_;
};

}  // namespace skerry::directory
