#pragma once
// The storage every directory entity service shares: organization checks, typed reads and
// writes of entity documents through OrgDirectory (which seals them and keeps the unique
// claims), and resolution of WorkMail's EntityIdentifier (an id, an e-mail address or a name).
// Errors carry WorkMail's exception names (directory_errors.h).
//
// Thread-safe (OrgDirectory is); updates are optimistic: a document changed since it was read
// fails the write with EntityStateException rather than losing the other change.
// Blocking: call from the blocking pool.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "directory/entity.h"
#include "directory/org_directory.h"

namespace skerry::directory {

// What the entity services need to know about an organization.
// The List filters of groups and resources (prefixes case-sensitive, as the console's search).
struct NameEmailStateFilter {
  std::string name_prefix;
  std::string primary_email_prefix;
  std::optional<EntityState> state;
  bool Matches(const Entity& e) const {
    return e.name.starts_with(name_prefix) && e.email.starts_with(primary_email_prefix) && (!state || e.state == *state);
  }
};

struct EntityPage {
  std::vector<Entity> entities;
  bool more = false;
};

struct OrgInfo {
  bool active = false;
  std::string test_domain;     // <alias>.<base>, lowercase: always usable
  std::string default_domain;  // lowercase
};
// kNotFound for an unknown organization.
using OrgLookup = std::function<Result<OrgInfo>(const std::string& org_id)>;
// Whether addresses in a registered (non-test) domain may be given out: MailDomainNotFoundException
// or MailDomainStateException otherwise. `domain` is lowercase.
using DomainCheck = std::function<Status(const std::string& org_id, const std::string& domain)>;

class EntityStore {
 public:
  EntityStore(OrgDirectory& directory, OrgLookup orgs, Clock& clock, Random& random, DomainCheck domains = {})
      : directory_(directory), orgs_(std::move(orgs)), clock_(clock), random_(random), domains_(std::move(domains)) {}

  // OrganizationNotFoundException / OrganizationStateException (deleted).
  Result<OrgInfo> RequireOrg(const std::string& org_id);
  // MailDomainNotFoundException unless the address is in the test domain or a registered domain
  // of the organization; MailDomainStateException for a registered domain not yet usable.
  Status RequireDomain(const std::string& org_id, const OrgInfo& org, const std::string& address);

  // EntityNotFoundException when absent.
  Result<Entity> Get(const std::string& org_id, EntityType type, const std::string& id);
  // An id, then an e-mail address (primary or alias), then a name; only entities of `types`.
  Result<Entity> Resolve(const std::string& org_id, const std::string& identifier,
                         const std::vector<EntityType>& types);
  // The entity holding an address, if any.
  Result<std::optional<Entity>> FindByEmail(const std::string& org_id, const std::string& address);
  // Every entity of a type, in id order.
  Result<std::vector<Entity>> ListAll(const std::string& org_id, EntityType type);
  // One page of a List operation: entities of a type with ids > after_id, ascending, at most
  // `max` of those `keep` accepts, and whether another accepted one follows. Reads in chunks and
  // stops once the page is full, so paging through N entities costs O(N) in all.
  Result<EntityPage> ListMatching(const std::string& org_id, EntityType type, const std::string& after_id,
                                  std::size_t max, const std::function<bool(const Entity&)>& keep);

  // Writes `entity` (expecting the version it was read at; 0 for a new one), making `claims`
  // and releasing `releases` atomically. NameAvailabilityException / EmailAddressInUseException
  // for a claim held by another entity. Sets entity.version.
  Status Save(const std::string& org_id, Entity& entity, const std::vector<Claim>& claims = {},
              const std::vector<Claim>& releases = {});
  // Deletes the document and every claim it holds, after removing the entity from every group's
  // members and every resource's delegates (so no list shows a dangling id).
  Status Remove(const std::string& org_id, const Entity& entity);

  std::int64_t NowSeconds() const;
  Random& random() { return random_; }

 private:
  Result<std::optional<Entity>> TryTypes(const std::string& org_id, const std::string& id,
                                         const std::vector<EntityType>& types);
  Status ForgetReferences(const std::string& org_id, const std::string& id);

  OrgDirectory& directory_;
  OrgLookup orgs_;
  Clock& clock_;
  Random& random_;
  DomainCheck domains_;  // empty: only the test domain is usable
};

}  // namespace skerry::directory
