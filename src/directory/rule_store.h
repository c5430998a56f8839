#pragma once
// An organization's access control rules, mobile device access rules and overrides, and
// impersonation roles (DESIGN §6; WorkMail administrator guide), kept as sealed directory
// documents through OrgDirectory, plus the evaluation entry points the protocols call
// (policy/*.h holds the pure logic).
//
// Storage: one document per family and organization — the rule lists are small and bounded
// (20 access control rules, 10 device rules, 20 roles), and one document makes each change,
// its limit check and the rule order atomic. Overrides (one per user and device, unbounded)
// are also one document for now; they move to a document each when MDM-scale organizations
// need it. Changes are read-modify-write under a mutex and the document's version, so two
// writers in this process never lose each other's change and another node's concurrent change
// is refused (kFailedPrecondition) rather than overwritten.
//
// Defaults: the guide promises every organization a rule allowing all access and a rule allowing
// all devices; an organization whose rules were never touched gets them on first use (written
// then, so their ids and dates stay stable). Deleting them leaves the organization with no rule:
// everything is denied, as the guide warns.
//
// Users are referenced as the administrator wrote them (id, e-mail or name) and compared
// case-insensitively; resolving them to user ids comes with the users service.
//
// REQUIRES of every call: the organization exists and is active (the caller checks; a deleted
// organization's documents cannot be opened anyway: kKeyDestroyed).
//
// Thread-safe; blocking (store, key provider): call from the blocking pool.

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "directory/org_directory.h"
#include "policy/access_control_rules.h"
#include "policy/impersonation_roles.h"
#include "policy/mobile_device_rules.h"

namespace skerry::directory {

struct ImpersonationGrant {
  std::string token;   // "<organization id>.<64 hex>", secret; only its SHA-256 is stored
  std::int64_t expires_in = policy::kImpersonationTokenSeconds;
};

struct ImpersonationSession {
  std::string organization_id;
  policy::ImpersonationRole role;  // as it is now, not as it was when assumed
  double expires_at = 0;           // epoch seconds
};

struct OverrideFilter {
  std::string user_id;    // empty: any
  std::string device_id;  // empty: any
};

class RuleStore {
 public:
  RuleStore(OrgDirectory& directory, Clock& clock, Random& random)
      : directory_(directory), clock_(clock), random_(random) {}

  // --- Access control rules, in the order they were first put.
  Result<std::vector<policy::AccessControlRule>> AccessControlRules(const std::string& org);
  // Adds the rule or replaces the one with its name (keeping DateCreated). kInvalidArgument for a
  // bad CIDR range, kResourceExhausted for a 21st rule, kNotFound naming an impersonation role id
  // that does not exist.
  Status PutAccessControlRule(const std::string& org, policy::AccessControlRule rule);
  Status DeleteAccessControlRule(const std::string& org, const std::string& name);  // absent: OK
  Result<policy::AccessDecision> AccessControlEffect(const std::string& org, const policy::AccessRequest& request);

  // --- Mobile device access rules, in creation order.
  Result<std::vector<policy::MobileDeviceAccessRule>> MobileDeviceAccessRules(const std::string& org);
  // The new rule's id (a UUID). kResourceExhausted beyond kMaxMobileDeviceAccessRules.
  Result<std::string> CreateMobileDeviceAccessRule(const std::string& org, policy::MobileDeviceAccessRule rule);
  Status UpdateMobileDeviceAccessRule(const std::string& org, policy::MobileDeviceAccessRule rule);  // kNotFound
  Status DeleteMobileDeviceAccessRule(const std::string& org, const std::string& id);  // absent: OK
  Result<policy::DeviceAccessDecision> MobileDeviceAccessEffect(const std::string& org,
                                                                const policy::DeviceAttributes& device);

  // --- Overrides, one per (user, device), both compared case-insensitively.
  Status PutMobileDeviceAccessOverride(const std::string& org, policy::MobileDeviceAccessOverride o);
  Result<policy::MobileDeviceAccessOverride> MobileDeviceAccessOverride(const std::string& org, const std::string& user,
                                                                        const std::string& device);  // kNotFound
  Status DeleteMobileDeviceAccessOverride(const std::string& org, const std::string& user,
                                          const std::string& device);  // absent: OK
  // Ordered by user then device (lowercased); each paired with its resume key for pagination.
  Result<std::vector<std::pair<std::string, policy::MobileDeviceAccessOverride>>> MobileDeviceAccessOverrides(
      const std::string& org, const OverrideFilter& filter);
  // What ActiveSync enforces: the override, else the rules.
  Result<policy::DeviceAccessDecision> DeviceAccess(const std::string& org, const std::string& user,
                                                    const std::string& device_id, const policy::DeviceAttributes& device);

  // --- Impersonation roles, in id order.
  Result<std::vector<policy::ImpersonationRole>> ImpersonationRoles(const std::string& org);
  Result<policy::ImpersonationRole> ImpersonationRole(const std::string& org, const std::string& id);  // kNotFound
  // The new role's id (a UUID). kInvalidArgument for duplicate rule ids, kAlreadyExists for a
  // name another role has (names are unique, case-insensitively), kResourceExhausted beyond 20.
  Result<std::string> CreateImpersonationRole(const std::string& org, policy::ImpersonationRole role);
  Status UpdateImpersonationRole(const std::string& org, policy::ImpersonationRole role);  // kNotFound, as above
  Status DeleteImpersonationRole(const std::string& org, const std::string& id);  // absent: OK
  // kNotFound when the role does not exist.
  Result<policy::ImpersonationDecision> ImpersonationEffect(const std::string& org, const std::string& role_id,
                                                            const std::string& target_user);
  // A bearer token for the role, valid kImpersonationTokenSeconds. kNotFound for an unknown role.
  Result<ImpersonationGrant> AssumeImpersonationRole(const std::string& org, const std::string& role_id);
  // kPermissionDenied for a token that is unknown, expired, or whose role was deleted.
  Result<ImpersonationSession> ResolveImpersonationToken(const std::string& token);

 private:
  double Now() const;
  Result<Document> LoadOrDefault(const std::string& org, const std::string& kind);
  Status Save(const std::string& org, const std::string& kind, Document& doc);
  Result<std::vector<policy::AccessControlRule>> LoadAccessRules(const std::string& org, Document& doc);
  Result<std::vector<policy::MobileDeviceAccessRule>> LoadDeviceRules(const std::string& org, Document& doc);
  Result<std::vector<policy::MobileDeviceAccessOverride>> LoadOverrides(const std::string& org, Document& doc);
  Result<std::vector<policy::ImpersonationRole>> LoadRoles(const std::string& org, Document& doc);
  Status PurgeExpiredTokens(const std::string& org);

  OrgDirectory& directory_;
  Clock& clock_;
  Random& random_;
  std::mutex mutex_;  // serializes read-modify-write of the rule documents in this process
};

}  // namespace skerry::directory
