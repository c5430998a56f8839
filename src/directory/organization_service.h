#pragma once
// Organizations: creation picks the organization key (service managed, or a key the
// administrator already made in a provider) and fixes it for good; the alias is unique across
// the server (a keyed hash claims it, so no plaintext alias is stored); deletion crypto-shreds
// every mailbox and, for a service-managed key, the key itself, while the organization stays
// describable as "Deleted". The WorkMail API's organization operations and the operator API
// both use this class.
//
// Thread-safe; blocking (store commits, provider calls): call from the blocking pool.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "crypto/key_cache.h"
#include "crypto/key_hierarchy.h"
#include "directory/entity_store.h"
#include "directory/key_providers.h"
#include "directory/organization_attributes.h"
#include "directory/service_keys.h"
#include "model/mailbox_records.h"
#include "storage/metadata_store.h"

namespace skerry::directory {

struct CreateOrganizationRequest {
  std::string alias;                         // REQUIRES: already matches the model's pattern
  std::optional<model::KeyRef> customer_key;  // empty: service managed
  bool interoperability_enabled = false;
  std::string directory_id;
  std::string region = "us-east-1";
  std::string client_token;
};

struct Organization {
  model::OrganizationRecord record;
  OrganizationAttributes attributes;
};

class OrganizationService {
 public:
  OrganizationService(storage::MetadataStore& store, const KeyProviders& providers,
                      crypto::MailboxKeyCache& key_cache, const ServiceKeys& service_keys,
                      std::string test_domain_base, Random& random, Clock& clock)
      : store_(store),
        providers_(providers),
        key_cache_(key_cache),
        service_keys_(service_keys),
        test_domain_base_(std::move(test_domain_base)),
        random_(random),
        clock_(clock) {}

  // kAlreadyExists when the alias is taken; kInvalidArgument for an unknown provider or key.
  Result<Organization> Create(const CreateOrganizationRequest& request);
  Result<Organization> Get(const std::string& org_id);
  // Every organization, deleted ones included, in id order.
  Result<std::vector<Organization>> List();
  // kFailedPrecondition when already deleted.
  Result<Organization> Delete(const std::string& org_id);
  // Whether the organization's key is service-managed (made for it, destroyed with it) rather
  // than a customer's own, which outlives the organization.
  static bool ManagesKey(const model::OrganizationRecord& record) {
    return record.key.key_id == crypto::DefaultOrgKeyId(record.id);
  }
  // What the entity services need of an organization: whether it is active, its test domain
  // and its default domain.
  Result<OrgInfo> Info(const std::string& org_id);
  // The test mail domain <alias>.<base>, lowercase.
  std::string TestDomainOf(const OrganizationAttributes& attributes) const;
  const std::string& test_domain_base() const { return test_domain_base_; }
  // Records a new default domain (the caller checked that it is usable). kFailedPrecondition for
  // a deleted organization.
  Status SetDefaultMailDomain(const std::string& org_id, const std::string& domain);
  OrgLookup AsLookup() {
    return [this](const std::string& org_id) { return Info(org_id); };
  }

  // Called after keys were destroyed, to push deleted bytes out of the store's files (SQLite's
  // WAL keeps old pages otherwise). Set once at composition, before serving.
  void SetShredHook(std::function<Status()> hook) { shred_hook_ = std::move(hook); }
  // Called with the id of each organization deleted (to drop cached keys). Set at composition.
  void AddDeletionListener(std::function<void(const std::string&)> listener) {
    deletion_listeners_.push_back(std::move(listener));
  }

 private:
  Result<Organization> Open(model::OrganizationRecord record);

  storage::MetadataStore& store_;
  const KeyProviders& providers_;
  crypto::MailboxKeyCache& key_cache_;
  const ServiceKeys& service_keys_;
  std::string test_domain_base_;
  Random& random_;
  Clock& clock_;
  std::function<Status()> shred_hook_;
  std::vector<std::function<void(const std::string&)>> deletion_listeners_;
};

}  // namespace skerry::directory
