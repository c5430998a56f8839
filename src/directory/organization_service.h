#pragma once
// Organizations' lifecycle as far as keys go: creation picks the organization key (service
// managed, or a named key the administrator already made in a provider) and fixes it for good;
// deletion crypto-shreds every mailbox. The WorkMail admin API (issue 3) builds on this.
//
// Thread-safe; blocking (store commits, provider calls): call from the blocking pool.

#include <optional>
#include <string>

#include "base/clock.h"
#include "base/random.h"
#include "crypto/key_cache.h"
#include "directory/key_providers.h"
#include "model/mailbox_records.h"
#include "storage/metadata_store.h"

namespace skerry::directory {

class OrganizationService {
 public:
  OrganizationService(storage::MetadataStore& store, const KeyProviders& providers,
                      crypto::MailboxKeyCache& key_cache, Random& random, Clock& clock)
      : store_(store), providers_(providers), key_cache_(key_cache), random_(random), clock_(clock) {}

  // `customer_key` names an existing key ("provider", "key id"); empty: service managed, a new
  // key in the default provider named "org-<id>".
  Result<model::OrganizationRecord> Create(const std::optional<model::KeyRef>& customer_key);
  Result<model::OrganizationRecord> Get(const std::string& org_id);
  // Marks the organization deleted and destroys its keys: every mailbox key is erased, and a
  // service-managed organization key is destroyed in the provider.
  Status Delete(const std::string& org_id);

 private:
  storage::MetadataStore& store_;
  const KeyProviders& providers_;
  crypto::MailboxKeyCache& key_cache_;
  Random& random_;
  Clock& clock_;
};

}  // namespace skerry::directory
